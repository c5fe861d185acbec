using NodaTime;

namespace Lifeline.Domain.Corridors;

/// <summary>A corridor's status from an instant on.</summary>
public sealed record StatusChange(CorridorStatus Status, Instant At);

/// <summary>Whether a corridor is open at an instant, and why (or why not).</summary>
public sealed record OpenAnswer(bool Open, CorridorStatus Status, OpeningWindow? Window, Interval? Occurrence);

/// <summary>
/// Answers "is corridor C open at instant T" and "when is its next window after T". A corridor is open
/// when its status at T is open and T falls in one of its windows that is not cancelled.
/// </summary>
public static class CorridorSchedule
{
    /// <summary>How far ahead the next window is looked for.</summary>
    public static readonly Duration Horizon = Duration.FromDays(366);

    /// <summary>The status in force at <paramref name="at"/>: the last change at or before it; planned before any.</summary>
    public static CorridorStatus StatusAt(IEnumerable<StatusChange> history, Instant at) =>
        history.Where(change => change.At <= at).OrderBy(change => change.At).LastOrDefault()?.Status ?? CorridorStatus.Planned;

    public static OpenAnswer IsOpenAt(IEnumerable<StatusChange> history, IEnumerable<OpeningWindow> windows, DateTimeZone zone, Instant at)
    {
        var status = StatusAt(history, at);
        foreach (var window in windows.Where(w => !w.Cancelled))
        {
            foreach (var occurrence in window.Schedule.Occurrences(zone, at, at + Duration.Epsilon))
            {
                if (occurrence.Contains(at))
                {
                    return new OpenAnswer(status == CorridorStatus.Open, status, window, occurrence);
                }
            }
        }

        return new OpenAnswer(false, status, null, null);
    }

    /// <summary>The first occurrence of a window that starts at or after <paramref name="after"/>, within a year.</summary>
    public static (OpeningWindow Window, Interval Occurrence)? NextWindow(IEnumerable<OpeningWindow> windows, DateTimeZone zone, Instant after)
    {
        (OpeningWindow Window, Interval Occurrence)? next = null;
        foreach (var window in windows.Where(w => !w.Cancelled))
        {
            foreach (var occurrence in window.Schedule.Occurrences(zone, after, after + Horizon))
            {
                if (occurrence.Start >= after)
                {
                    if (next is null || occurrence.Start < next.Value.Occurrence.Start)
                    {
                        next = (window, occurrence);
                    }

                    break;
                }
            }
        }

        return next;
    }
}
