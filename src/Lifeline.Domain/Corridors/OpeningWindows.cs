using System.Globalization;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Lifeline.Domain.Corridors;

/// <summary>
/// When a corridor is open, in the operation's local time: once (from a local date-time to another) or
/// every day between two local times from a first day to an optional last day. Local times are turned into
/// instants with the operation's time zone, so "08:00 to 16:00" stays 08:00 to 16:00 across a change of
/// daylight-saving time; a local time skipped by the change moves forward, a repeated one takes its first
/// occurrence.
/// </summary>
public abstract record WindowSchedule
{
    private static readonly ZoneLocalMappingResolver Lenient = Resolvers.LenientResolver;

    private WindowSchedule()
    {
    }

    public sealed record Once(LocalDateTime Start, LocalDateTime End) : WindowSchedule;

    public sealed record Daily(LocalDate FirstDay, LocalDate? LastDay, LocalTime From, LocalTime To) : WindowSchedule;

    /// <summary>The occurrences that overlap [from, to), in order.</summary>
    public IEnumerable<Interval> Occurrences(DateTimeZone zone, Instant from, Instant to)
    {
        switch (this)
        {
            case Once once:
                var interval = new Interval(zone.ResolveLocal(once.Start, Lenient).ToInstant(), zone.ResolveLocal(once.End, Lenient).ToInstant());
                if (interval.Start < to && interval.End > from)
                {
                    yield return interval;
                }

                break;
            case Daily daily:
                var firstDay = LocalDate.Max(daily.FirstDay, from.InZone(zone).Date.PlusDays(-1));
                var lastDay = to.InZone(zone).Date.PlusDays(1);
                if (daily.LastDay is { } last && last < lastDay)
                {
                    lastDay = last;
                }

                for (var day = firstDay; day <= lastDay; day = day.PlusDays(1))
                {
                    var occurrence = new Interval(zone.ResolveLocal(day + daily.From, Lenient).ToInstant(), zone.ResolveLocal(day + daily.To, Lenient).ToInstant());
                    if (occurrence.Start < to && occurrence.End > from)
                    {
                        yield return occurrence;
                    }
                }

                break;
        }
    }

    /// <summary>Whether two schedules are ever open at the same instant (windows that only touch do not overlap).</summary>
    public static bool Overlap(WindowSchedule a, WindowSchedule b, DateTimeZone zone)
    {
        if (a is Daily x && b is Daily y)
        {
            var datesMeet = (x.LastDay is null || x.LastDay >= y.FirstDay) && (y.LastDay is null || y.LastDay >= x.FirstDay);
            return datesMeet && x.From < y.To && y.From < x.To;
        }

        var (once, other) = a is Once first ? (first, b) : ((Once)b, a);
        var span = once.Occurrences(zone, Instant.MinValue, Instant.MaxValue).Single();
        return other.Occurrences(zone, span.Start, span.End).Any();
    }
}

/// <summary>An opening window of a corridor; windows of a humanitarian pause share a pause id.</summary>
public sealed record OpeningWindow(WindowId Id, CorridorId CorridorId, WindowSchedule Schedule, Guid? PauseId, bool Cancelled, int Sequence);

/// <summary>A window was scheduled on a corridor. Times are local to the operation's time zone.</summary>
public sealed record WindowScheduled(
    Guid OperationId,
    Guid CorridorId,
    Guid WindowId,
    DateTime? Start,
    DateTime? End,
    DateOnly? FirstDay,
    DateOnly? LastDay,
    TimeOnly? DailyFrom,
    TimeOnly? DailyTo,
    Guid? PauseId,
    string Reason) : IDomainEvent
{
    /// <summary>The schedule this event records (a method, so that it is not written into the event body).</summary>
    public WindowSchedule ToSchedule() => Start is { } start && End is { } end
        ? new WindowSchedule.Once(LocalDateTime.FromDateTime(start), LocalDateTime.FromDateTime(end))
        : new WindowSchedule.Daily(LocalDate.FromDateOnly(FirstDay!.Value), LastDay is { } last ? LocalDate.FromDateOnly(last) : null, LocalTime.FromTimeOnly(DailyFrom!.Value), LocalTime.FromTimeOnly(DailyTo!.Value));
}

/// <summary>A window was cancelled; it stays on record (and in calendars, as cancelled).</summary>
public sealed record WindowCancelled(Guid OperationId, Guid CorridorId, Guid WindowId, string Reason) : IDomainEvent;

/// <summary>
/// Schedule a window on one corridor, or a humanitarian pause: one one-off window that opens several
/// corridors at once.
/// </summary>
public sealed record ScheduleWindow(OperationId OperationId, IReadOnlyList<CorridorId> CorridorIds, WindowSchedule Schedule, Guid? PauseId, [OperationalNote] string Reason) : IOperationCommand
{
    private static readonly LocalDateTimePattern DateTimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>Parses a window from text: a one-off from <paramref name="start"/> to <paramref name="end"/>, or daily.</summary>
    public static ScheduleWindow? From(
        OperationId operationId,
        IReadOnlyList<CorridorId> corridorIds,
        string? recurrence,
        string? start,
        string? end,
        string? firstDay,
        string? lastDay,
        string? dailyFrom,
        string? dailyTo,
        Guid? pauseId,
        string? reason,
        Validation validation)
    {
        var validReason = validation.Check(Check.OptionalText(reason, "reason", 500));
        WindowSchedule? schedule = null;
        switch (recurrence ?? "once")
        {
            case "once":
                var from = Parse(DateTimePattern, start, "start", Reasons.Windows.ExpectedLocalDateTime, validation);
                var to = Parse(DateTimePattern, end, "end", Reasons.Windows.ExpectedLocalDateTime, validation);
                if (from is { } f && to is { } t)
                {
                    if (t <= f)
                    {
                        validation.Add(Reasons.Windows.EndsBeforeStart.Invalid("end"));
                    }
                    else
                    {
                        schedule = new WindowSchedule.Once(f, t);
                    }
                }

                break;
            case "daily":
                var first = Parse(DatePattern, firstDay, "firstDay", Reasons.Windows.ExpectedDate, validation);
                var last = lastDay is null ? (LocalDate?)null : Parse(DatePattern, lastDay, "lastDay", Reasons.Windows.ExpectedDate, validation);
                var opens = Parse(TimePattern, dailyFrom, "dailyFrom", Reasons.Windows.ExpectedLocalTime, validation);
                var closes = Parse(TimePattern, dailyTo, "dailyTo", Reasons.Windows.ExpectedLocalTime, validation);
                if (first is { } d && last is { } l && l < d)
                {
                    validation.Add(Reasons.Windows.LastDayBeforeFirst.Invalid("lastDay"));
                }
                else if (opens is { } o && closes is { } c && c <= o)
                {
                    validation.Add(Reasons.Windows.DailyClosesBeforeOpens.Invalid("dailyTo"));
                }
                else if (first is { } day && opens is { } open && closes is { } close)
                {
                    schedule = new WindowSchedule.Daily(day, last, open, close);
                }

                break;
            default:
                validation.Add(Reasons.Windows.RecurrenceUnknown.Invalid("recurrence", ("value", recurrence ?? string.Empty)));
                break;
        }

        if (corridorIds.Count == 0)
        {
            validation.Add(Reasons.Windows.CorridorsRequired.Invalid("corridorIds"));
        }

        if (pauseId is not null && schedule is not WindowSchedule.Once && !validation.Failed)
        {
            validation.Add(Reasons.Windows.PauseNotOnce.Invalid("recurrence"));
        }

        return validation.Failed ? null : new ScheduleWindow(operationId, corridorIds, schedule!, pauseId, validReason);
    }

    private static T? Parse<T>(IPattern<T> pattern, string? text, string field, Reason expected, Validation validation)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            validation.Add(Reasons.Windows.TimeRequired.Invalid(field, ("field", field), ("expected", expected.With())));
            return null;
        }

        var result = pattern.Parse(text.Trim());
        if (!result.Success)
        {
            validation.Add(Reasons.Windows.TimeMalformed.Invalid(field, ("text", text), ("expected", expected.With())));
            return null;
        }

        // A window at the far end of NodaTime's years (-9999..9999) would fall off DateTimeOffset once put in the zone.
        if ((result.Value switch { LocalDateTime time => time.Year, LocalDate day => day.Year, _ => (int?)null }) is { } year && !DateBounds.HoldsYear(year))
        {
            validation.Add(DateBounds.Refused(field, text.Trim()));
            return null;
        }

        return result.Value;
    }
}

public sealed record CancelWindow(OperationId OperationId, CorridorId CorridorId, WindowId WindowId, [OperationalNote] string Reason) : IOperationCommand;

public static class WindowDecider
{
    public static string Stream(WindowId id) => $"window/{id}";

    /// <param name="command">The window to schedule.</param>
    /// <param name="zone">The operation's time zone.</param>
    /// <param name="corridors">The corridors named, found by id (missing ones are absent).</param>
    /// <param name="windows">The windows already scheduled on those corridors.</param>
    /// <param name="newWindowId">Makes the id of each new window.</param>
    public static Decision Decide(
        ScheduleWindow command,
        DateTimeZone zone,
        IReadOnlyDictionary<CorridorId, Corridor> corridors,
        IReadOnlyList<OpeningWindow> windows,
        Func<WindowId> newWindowId)
    {
        var rejections = new List<Rejection>();
        var events = new List<PendingEvent>();
        for (var i = 0; i < command.CorridorIds.Count; i++)
        {
            var id = command.CorridorIds[i];
            var field = command.CorridorIds.Count == 1 ? "corridorId" : string.Create(CultureInfo.InvariantCulture, $"corridorIds[{i}]");
            if (!corridors.TryGetValue(id, out var corridor) || corridor.OperationId != command.OperationId)
            {
                rejections.Add(Reasons.Corridors.NotFound.NotFound(field, ("corridor", id), ("operation", command.OperationId)));
                continue;
            }

            if (corridor.Status == CorridorStatus.Closed)
            {
                rejections.Add(Reasons.Windows.CorridorClosed.Invalid(field, ("corridor", corridor.Name)));
                continue;
            }

            var clash = windows.FirstOrDefault(w => w.CorridorId == id && !w.Cancelled && WindowSchedule.Overlap(w.Schedule, command.Schedule, zone));
            if (clash is not null)
            {
                rejections.Add(Reasons.Windows.Overlaps.Conflict(command.Schedule is WindowSchedule.Once ? "start" : "dailyFrom", ("window", clash.Id), ("corridor", corridor.Name)));
                continue;
            }

            var windowId = newWindowId();
            events.Add(PendingEvent.Start(Stream(windowId), Scheduled(command, id, windowId)));
        }

        return rejections.Count > 0 ? Decision.Reject(rejections) : new Decision.Accepted(events);
    }

    public static Decision Decide(CancelWindow command, OpeningWindow? window)
    {
        if (window is null || window.CorridorId != command.CorridorId)
        {
            return Decision.Reject(Reasons.Windows.NotFound.NotFound("windowId", ("window", command.WindowId), ("corridor", command.CorridorId)));
        }

        if (window.Cancelled)
        {
            return Decision.Reject(Reasons.Windows.AlreadyCancelled.Invalid("windowId", ("window", command.WindowId)));
        }

        return Decision.Accept(new PendingEvent(Stream(command.WindowId), new WindowCancelled(command.OperationId.Value, command.CorridorId.Value, command.WindowId.Value, command.Reason)));
    }

    private static WindowScheduled Scheduled(ScheduleWindow command, CorridorId corridor, WindowId window) => command.Schedule switch
    {
        WindowSchedule.Once once => new WindowScheduled(command.OperationId.Value, corridor.Value, window.Value, once.Start.ToDateTimeUnspecified(), once.End.ToDateTimeUnspecified(), null, null, null, null, command.PauseId, command.Reason),
        WindowSchedule.Daily daily => new WindowScheduled(command.OperationId.Value, corridor.Value, window.Value, null, null, daily.FirstDay.ToDateOnly(), daily.LastDay?.ToDateOnly(), daily.From.ToTimeOnly(), daily.To.ToTimeOnly(), null, command.Reason),
        _ => throw new InvalidOperationException("unknown schedule"),
    };
}
