using Lifeline.Domain.Corridors;
using Lifeline.Domain.Operations;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Database;
using NodaTime;

namespace Lifeline.Server.Web.Corridors;

/// <summary>One corridor as the pages show it: status, whether it is open now, its next window and its people.</summary>
public sealed record CorridorFigures(
    Corridor Corridor,
    bool OpenNow,
    DateTimeOffset? NextWindowStart,
    DateTimeOffset? NextWindowEnd,
    long PeopleToday,
    long PeopleTotal,
    IReadOnlyList<(LocalDate Day, long People)> Daily)
{
    /// <summary>Every corridor of the operation at an instant, read from the projections (never the log).</summary>
    public static List<CorridorFigures> Read(SqlSession session, Operation operation, DateTimeOffset now)
    {
        var zone = operation.TimeZone.Zone;
        var at = Instant.FromDateTimeOffset(now);
        var startOfToday = at.InZone(zone).Date.AtStartOfDayInZone(zone).ToInstant().ToDateTimeOffset();
        return CorridorsProjection.List(session, operation.Id).Select(corridor =>
        {
            var windows = CorridorsProjection.Windows(session, corridor.Id);
            var open = CorridorSchedule.IsOpenAt(CorridorsProjection.StatusChanges(session, corridor.Id), windows, zone, at);
            var next = open.Open && open.Occurrence is { } current ? (Window: open.Window!, Occurrence: current) : CorridorSchedule.NextWindow(windows, zone, at);
            var hours = PassagesProjection.Hourly(session, corridor.Id, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1));
            var daily = Flow.ByLocalDay(hours.Select(h => new FlowBucket(Instant.FromDateTimeOffset(h.HourStart), Instant.FromDateTimeOffset(h.HourStart.AddHours(1)), h.People, h.OutOfWindowPeople, h.Passages)), zone)
                .Select(b => (b.Start.InZone(zone).Date, b.People))
                .ToList();
            return new CorridorFigures(
                corridor,
                open.Open,
                next?.Occurrence.Start.ToDateTimeOffset(),
                next?.Occurrence.End.ToDateTimeOffset(),
                hours.Where(h => h.HourStart >= startOfToday && h.HourStart < startOfToday.AddDays(1)).Sum(h => h.People),
                PassagesProjection.Totals(session, corridor.Id).Sum(c => c.People),
                daily);
        }).ToList();
    }
}
