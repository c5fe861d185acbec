using Lifeline.Domain.Primitives;
using NodaTime;

namespace Lifeline.Domain.Corridors;

/// <summary>People through a corridor over a span of time.</summary>
public sealed record FlowBucket(Instant Start, Instant End, long People, long OutOfWindowPeople, long Passages);

/// <summary>A corridor as the evacuation estimate sees it: how fast people leave while it is open, and when it is.</summary>
public sealed record CorridorThroughput(CorridorId Corridor, double PeoplePerOpenHour, IReadOnlyList<OpeningWindow> Windows);

/// <summary>Flow arithmetic over hourly buckets: days in local time, rates per open hour, time to evacuate.</summary>
public static class Flow
{
    /// <summary>Sums hourly buckets into the operation's local days (an hour belongs to the day its start falls on).</summary>
    public static IReadOnlyList<FlowBucket> ByLocalDay(IEnumerable<FlowBucket> hours, DateTimeZone zone) =>
        hours.GroupBy(hour => hour.Start.InZone(zone).Date)
            .OrderBy(day => day.Key)
            .Select(day => new FlowBucket(
                zone.AtStartOfDay(day.Key).ToInstant(),
                zone.AtStartOfDay(day.Key.PlusDays(1)).ToInstant(),
                day.Sum(h => h.People),
                day.Sum(h => h.OutOfWindowPeople),
                day.Sum(h => h.Passages)))
            .ToList();

    /// <summary>How long the windows were open within a span (overlapping windows count once per instant; the decider forbids them anyway).</summary>
    public static Duration OpenTime(IEnumerable<OpeningWindow> windows, DateTimeZone zone, Interval span)
    {
        var total = Duration.Zero;
        foreach (var window in windows.Where(w => !w.Cancelled))
        {
            foreach (var occurrence in window.Schedule.Occurrences(zone, span.Start, span.End))
            {
                var start = Instant.Max(occurrence.Start, span.Start);
                var end = Instant.Min(occurrence.End, span.End);
                total += end - start;
            }
        }

        return total;
    }

    /// <summary>
    /// People per open hour over a recent span: what a corridor actually moves while it is open, to set against
    /// its planned capacity. Zero when it was never open in the span.
    /// </summary>
    public static double PeoplePerOpenHour(long people, Duration openTime) =>
        openTime <= Duration.Zero ? 0 : people / openTime.TotalHours;

    /// <summary>
    /// When <paramref name="remaining"/> people would be out if each corridor keeps moving people at its rate
    /// during its windows, starting at <paramref name="from"/>; null when that does not happen within a year.
    /// </summary>
    public static Instant? EstimateOut(long remaining, IReadOnlyList<CorridorThroughput> corridors, DateTimeZone zone, Instant from)
    {
        if (remaining <= 0)
        {
            return from;
        }

        // Every open stretch of every corridor within the horizon, in time order, each moving people at its rate.
        var stretches = corridors
            .Where(c => c.PeoplePerOpenHour > 0)
            .SelectMany(c => c.Windows.Where(w => !w.Cancelled)
                .SelectMany(w => w.Schedule.Occurrences(zone, from, from + CorridorSchedule.Horizon))
                .Select(o => (Start: Instant.Max(o.Start, from), o.End, Rate: c.PeoplePerOpenHour / 3600.0)))
            .ToList();
        var edges = stretches.SelectMany(s => new[] { s.Start, s.End }).Distinct().Order().ToList();
        double moved = 0;
        for (var i = 0; i + 1 < edges.Count; i++)
        {
            var (start, end) = (edges[i], edges[i + 1]);
            var perSecond = stretches.Where(s => s.Start <= start && s.End >= end).Sum(s => s.Rate);
            var seconds = (end - start).TotalSeconds;
            if (perSecond > 0 && moved + (perSecond * seconds) >= remaining)
            {
                return start + Duration.FromSeconds((remaining - moved) / perSecond);
            }

            moved += perSecond * seconds;
        }

        return null;
    }
}
