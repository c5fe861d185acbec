using System.Globalization;
using Lifeline.Server.Exports;
using Lifeline.Storage.Reports;

namespace Lifeline.Server.Reports;

/// <summary>
/// A situation report as HXL-tagged CSV (HXL 1.1): one row per local day, then one per commodity category and
/// per mode, then the period's total, each with metric tons dispatched, delivered, in transit (at the row's end),
/// lost, damaged, short and over; food rows also carry kcal and person-days.
/// </summary>
public static class SitrepHxl
{
    public static void Write(SituationReport report, TextWriter output)
    {
        using var csv = new SpreadsheetCsv(output);
        csv.Row(["Period from", "Period to", "Breakdown", "Key", "Tons dispatched", "Tons delivered", "Tons in transit", "Tons lost", "Tons damaged", "Tons short", "Tons over", "Food kcal delivered", "Food person-days (2,100 kcal)"]);
        csv.Row(["#date+start", "#date+end", "#meta+breakdown", "#item+key", "#x_tons+dispatched", "#x_tons+delivered", "#x_tons+in_transit", "#x_tons+lost", "#x_tons+damaged", "#x_tons+short", "#x_tons+over", "#x_kcal+delivered", "#x_person_days+food"]);

        void Row(string breakdown, Tonnage tonnage, DateOnly from, DateOnly to, FoodCoverage? food = null)
        {
            csv.Day(from);
            csv.Day(to);
            csv.Text(breakdown);
            csv.Text(tonnage.Key);
            foreach (var tons in (decimal[])[tonnage.Dispatched, tonnage.Delivered, tonnage.InTransit, tonnage.Lost, tonnage.Damaged, tonnage.Short, tonnage.Over])
            {
                csv.Number(tons, "0.000");
            }

            csv.Number(food?.KcalDelivered);
            csv.Number(food?.PersonDays);
            csv.EndRow();
        }

        foreach (var day in report.ByDay)
        {
            var date = DateOnly.ParseExact(day.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Row("day", day, date, date);
        }

        foreach (var category in report.ByCategory)
        {
            Row("category", category, report.From, report.To, category.Key == "food" ? report.Food : null);
        }

        foreach (var mode in report.ByMode)
        {
            Row("mode", mode, report.From, report.To);
        }

        Row("total", report.Total, report.From, report.To, report.Food);
    }
}
