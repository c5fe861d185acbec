using System.Globalization;
using CsvHelper;
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
        using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        string[] headers = ["Period from", "Period to", "Breakdown", "Key", "Tons dispatched", "Tons delivered", "Tons in transit", "Tons lost", "Tons damaged", "Tons short", "Tons over", "Food kcal delivered", "Food person-days (2,100 kcal)"];
        string[] tags = ["#date+start", "#date+end", "#meta+breakdown", "#item+key", "#x_tons+dispatched", "#x_tons+delivered", "#x_tons+in_transit", "#x_tons+lost", "#x_tons+damaged", "#x_tons+short", "#x_tons+over", "#x_kcal+delivered", "#x_person_days+food"];
        foreach (var row in new[] { headers, tags })
        {
            foreach (var field in row)
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
        }

        void Row(string breakdown, Tonnage tonnage, string from, string to, string kcal = "", string personDays = "")
        {
            string[] fields =
            [
                from, to, breakdown, tonnage.Key,
                Tons(tonnage.Dispatched), Tons(tonnage.Delivered), Tons(tonnage.InTransit), Tons(tonnage.Lost), Tons(tonnage.Damaged), Tons(tonnage.Short), Tons(tonnage.Over),
                kcal, personDays,
            ];
            foreach (var field in fields)
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
        }

        var from = Day(report.From);
        var to = Day(report.To);
        foreach (var day in report.ByDay)
        {
            Row("day", day, day.Key, day.Key);
        }

        foreach (var category in report.ByCategory)
        {
            var food = category.Key == "food";
            Row("category", category, from, to, food ? report.Food.KcalDelivered.ToString(CultureInfo.InvariantCulture) : string.Empty, food ? report.Food.PersonDays.ToString(CultureInfo.InvariantCulture) : string.Empty);
        }

        foreach (var mode in report.ByMode)
        {
            Row("mode", mode, from, to);
        }

        Row("total", report.Total, from, to, report.Food.KcalDelivered.ToString(CultureInfo.InvariantCulture), report.Food.PersonDays.ToString(CultureInfo.InvariantCulture));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Tons(decimal tons) => tons.ToString("0.000", CultureInfo.InvariantCulture);
}
