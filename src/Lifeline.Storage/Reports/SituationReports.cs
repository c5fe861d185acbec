using Lifeline.Domain.Commodities;
using Lifeline.Domain.Incidents;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Database;
using Lifeline.Storage.Incidents;
using Lifeline.Storage.Movements;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Stock;

namespace Lifeline.Storage.Reports;

/// <summary>Metric tons moved in a period: dispatched, delivered, damaged or short on delivery, over, and lost; in transit at its end.</summary>
public sealed record Tonnage(string Key, decimal Dispatched, decimal Delivered, decimal InTransit, decimal Lost, decimal Damaged, decimal Short, decimal Over);

/// <summary>Stock of one commodity at one site at the end of the period, and how many days it lasts where the daily need is known.</summary>
public sealed record StockLine(Guid SiteId, string Site, Guid CommodityId, string Commodity, string Category, decimal Quantity, string Unit, decimal Kilograms, decimal MetricTons, decimal? DailyNeed, decimal? DaysOfSupply);

public sealed record StatusCount(string Status, int Movements);

public sealed record IncidentLine(Guid Id, string Kind, DateTimeOffset OccurredAt, string Place, Guid? MovementId, Guid? SiteId, int Killed, int Injured, string? CargoStatus);

/// <summary>Food delivered in the period, in kilocalories and in the (whole) person-days it covers at the Sphere minimum.</summary>
public sealed record FoodCoverage(decimal DeliveredTons, decimal KcalDelivered, decimal PersonDays, int KcalPerPersonPerDay);

/// <summary>
/// The situation report for the operation's local days <see cref="From"/> to <see cref="To"/>, inclusive.
/// Tons dispatched, delivered, damaged, short, over and lost count what happened in the period; in transit and
/// stock on hand are as they stood at the end of <see cref="To"/>.
/// </summary>
public sealed record SituationReport(
    Guid OperationId,
    DateOnly From,
    DateOnly To,
    string TimeZone,
    Tonnage Total,
    IReadOnlyList<Tonnage> ByCategory,
    IReadOnlyList<Tonnage> ByMode,
    IReadOnlyList<Tonnage> ByDay,
    FoodCoverage Food,
    IReadOnlyList<StockLine> StockOnHand,
    IReadOnlyList<StatusCount> MovementsByStatus,
    IReadOnlyList<IncidentLine> Incidents);

/// <summary>
/// Builds situation reports from the daily tonnage, stock and incident tables: a few hundred rows, never the
/// ledger. Each row fits 64 bits; their sums are taken as decimals, which no number of rows overflows.
/// </summary>
public static class SituationReports
{
    /// <summary>The Sphere minimum energy requirement, kcal per person per day.</summary>
    public const int KcalPerPersonPerDay = 2100;

    private sealed record Row(DateOnly Day, string Category, string Mode, long Dispatched, long Delivered, long Damaged, long Short, long Over, long Lost, long Cleared, long Kcal);

    public static SituationReport Build(SqlSession session, Domain.Operations.Operation operation, DateOnly from, DateOnly to)
    {
        var rows = session.Query(
            "SELECT day, category, mode, dispatched_g, delivered_g, damaged_g, short_g, over_g, lost_g, cleared_g, kcal_delivered FROM logistics_daily WHERE operation_id = $op AND day <= $to",
            row => new Row(
                DateOnly.ParseExact(row.GetString(0), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                row.GetString(1),
                row.GetString(2),
                row.GetInt64(3),
                row.GetInt64(4),
                row.GetInt64(5),
                row.GetInt64(6),
                row.GetInt64(7),
                row.GetInt64(8),
                row.GetInt64(9),
                row.GetInt64(10)),
            ("$op", operation.Id.Value),
            ("$to", to));
        var inPeriod = rows.Where(r => r.Day >= from).ToList();

        Tonnage Sum(string key, IEnumerable<Row> period, IEnumerable<Row> untilEnd) => new(
            key,
            Tons(period.Sum(r => (decimal)r.Dispatched)),
            Tons(period.Sum(r => (decimal)r.Delivered)),
            Tons(untilEnd.Sum(r => (decimal)r.Dispatched - r.Cleared)),
            Tons(period.Sum(r => (decimal)r.Lost)),
            Tons(period.Sum(r => (decimal)r.Damaged)),
            Tons(period.Sum(r => (decimal)r.Short)),
            Tons(period.Sum(r => (decimal)r.Over)));

        var categories = CommodityNames.Categories.Keys.Where(c => rows.Any(r => r.Category == c));
        var modes = MovementNames.Modes.Keys.Where(m => rows.Any(r => r.Mode == m));
        var food = inPeriod.Where(r => r.Category == CommodityCategory.Food.Name()).ToList();
        var kcal = food.Sum(r => (decimal)r.Kcal);

        return new SituationReport(
            operation.Id.Value,
            from,
            to,
            operation.TimeZone.Id,
            Sum("total", inPeriod, rows),
            categories.Select(c => Sum(c, inPeriod.Where(r => r.Category == c), rows.Where(r => r.Category == c))).ToList(),
            modes.Select(m => Sum(m, inPeriod.Where(r => r.Mode == m), rows.Where(r => r.Mode == m))).ToList(),
            ByDay(rows, from, to),
            new FoodCoverage(Tons(food.Sum(r => (decimal)r.Delivered)), kcal, decimal.Floor(kcal / KcalPerPersonPerDay), KcalPerPersonPerDay),
            StockOnHand(session, operation.Id, to),
            MovementsProjection.StatusCounts(session, operation.Id, from, to).Select(s => new StatusCount(s.Status.Name(), s.Movements)).ToList(),
            IncidentsProjection.List(session, operation.Id, from, to)
                .Select(i => new IncidentLine(i.Id.Value, i.Kind.Name(), i.OccurredAt, i.Place, i.MovementId?.Value, i.SiteId?.Value, i.Killed, i.Injured, i.CargoStatus?.Name()))
                .ToList());
    }

    /// <summary>The last local day with any tonnage recorded (dispatched, delivered or lost), if any.</summary>
    public static DateOnly? LastDay(SqlSession session, OperationId operation) => session.Query(
        "SELECT max(day) FROM logistics_daily WHERE operation_id = $op",
        row => row.IsDBNull(0) ? (DateOnly?)null : DateOnly.ParseExact(row.GetString(0), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ("$op", operation.Value)).FirstOrDefault();

    /// <summary>Metric tons dispatched per local day and mode, for the days that have any, for a chart.</summary>
    /// <remarks>Summed here over the day's categories rather than in SQL, where a sum past 2^63 grams would fail.</remarks>
    public static List<(DateOnly Day, string Mode, decimal Dispatched)> DailyByMode(SqlSession session, OperationId operation, DateOnly from, DateOnly to) => session.Query(
        "SELECT day, mode, dispatched_g FROM logistics_daily WHERE operation_id = $op AND day >= $from AND day <= $to AND dispatched_g > 0 ORDER BY day, mode",
        row => (Day: DateOnly.ParseExact(row.GetString(0), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Mode: row.GetString(1), Grams: row.GetInt64(2)),
        ("$op", operation.Value),
        ("$from", from),
        ("$to", to))
        .GroupBy(r => (r.Day, r.Mode))
        .Select(day => (day.Key.Day, day.Key.Mode, Tons(day.Sum(r => (decimal)r.Grams))))
        .ToList();

    /// <summary>Each day's tonnage, with what was in transit at its end carried forward day by day.</summary>
    private static List<Tonnage> ByDay(List<Row> rows, DateOnly from, DateOnly to)
    {
        var inTransit = rows.Where(r => r.Day < from).Sum(r => (decimal)r.Dispatched - r.Cleared);
        var byDay = rows.Where(r => r.Day >= from).ToLookup(r => r.Day);
        var days = new List<Tonnage>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var today = byDay[day].ToList();
            inTransit += today.Sum(r => (decimal)r.Dispatched - r.Cleared);
            days.Add(new Tonnage(
                day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Tons(today.Sum(r => (decimal)r.Dispatched)),
                Tons(today.Sum(r => (decimal)r.Delivered)),
                Tons(inTransit),
                Tons(today.Sum(r => (decimal)r.Lost)),
                Tons(today.Sum(r => (decimal)r.Damaged)),
                Tons(today.Sum(r => (decimal)r.Short)),
                Tons(today.Sum(r => (decimal)r.Over))));
        }

        return days;
    }

    private static List<StockLine> StockOnHand(SqlSession session, OperationId operation, DateOnly day)
    {
        var sites = SitesProjection.List(session, operation).ToDictionary(s => s.Id);
        return StockProjection.OnHand(session, operation, day).Select(stock =>
        {
            var commodity = CommoditiesProjection.Known(session, stock.CommodityId.Value);
            var days = stock.DailyNeed is { } need ? decimal.Round(stock.OnHand.Units / need.Units, 1) : (decimal?)null;
            return new StockLine(
                stock.SiteId.Value,
                sites.GetValueOrDefault(stock.SiteId)?.Name ?? stock.SiteId.ToString(),
                commodity.Id.Value,
                commodity.Code,
                commodity.Category.Name(),
                stock.OnHand.Units,
                commodity.Unit,
                stock.OnHand.MassOf(commodity).Kilograms,
                stock.OnHand.MassOf(commodity).MetricTons,
                stock.DailyNeed?.Units,
                days);
        }).ToList();
    }

    private static decimal Tons(decimal grams) => grams / 1_000_000m;
}
