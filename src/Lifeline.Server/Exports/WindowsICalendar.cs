using System.Globalization;
using System.Text;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Primitives;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using NodaTime;

namespace Lifeline.Server.Exports;

/// <summary>
/// Opening windows as an RFC 5545 calendar: one VEVENT per window, in the operation's time zone (with its
/// VTIMEZONE), an RRULE for daily windows, SEQUENCE bumped on every change, STATUS:CANCELLED once cancelled.
/// </summary>
public static class WindowsICalendar
{
    public static void Write(SqlSession session, OperationId operationId, TextWriter output, Instant stamp)
    {
        var operation = OperationsProjection.Find(session, operationId) ?? throw new InvalidOperationException($"operation {operationId} does not exist");
        var zone = operation.TimeZone.Zone;
        var corridors = CorridorsProjection.List(session, operationId);
        var windows = corridors.SelectMany(c => CorridorsProjection.Windows(session, c.Id).Select(w => (Corridor: c, Window: w))).ToList();
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Lifeline//Corridor opening windows//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Escape($"{operation.Name}: corridor windows"),
            "X-WR-TIMEZONE:" + zone.Id,
        };
        lines.AddRange(TimeZone(zone, windows.Select(w => w.Window.Schedule)));
        foreach (var (corridor, window) in windows)
        {
            lines.Add("BEGIN:VEVENT");
            lines.Add($"UID:{window.Id}@lifeline");
            lines.Add("DTSTAMP:" + Utc(stamp));
            lines.Add("SEQUENCE:" + (window.Sequence - 1).ToString(CultureInfo.InvariantCulture));
            lines.Add("SUMMARY:" + Escape($"{corridor.Name} open"));
            lines.Add("DESCRIPTION:" + Escape($"Opening window of {corridor.Name} ({string.Join(", ", corridor.Categories.Select(c => c.Name()))}); announced by {corridor.Authority}."));
            switch (window.Schedule)
            {
                case WindowSchedule.Once once:
                    lines.Add($"DTSTART;TZID={zone.Id}:{Local(once.Start)}");
                    lines.Add($"DTEND;TZID={zone.Id}:{Local(once.End)}");
                    break;
                case WindowSchedule.Daily daily:
                    lines.Add($"DTSTART;TZID={zone.Id}:{Local(daily.FirstDay + daily.From)}");
                    lines.Add($"DTEND;TZID={zone.Id}:{Local(daily.FirstDay + daily.To)}");
                    lines.Add(daily.LastDay is { } last
                        ? "RRULE:FREQ=DAILY;UNTIL=" + Utc(zone.ResolveLocal(last + daily.From, NodaTime.TimeZones.Resolvers.LenientResolver).ToInstant())
                        : "RRULE:FREQ=DAILY");
                    break;
            }

            lines.Add("STATUS:" + (window.Cancelled ? "CANCELLED" : "CONFIRMED"));
            if (window.PauseId is { } pause)
            {
                lines.Add("CATEGORIES:HUMANITARIAN PAUSE");
                lines.Add($"RELATED-TO:{pause}@lifeline");
            }

            lines.Add("END:VEVENT");
        }

        lines.Add("END:VCALENDAR");
        foreach (var line in lines)
        {
            output.Write(Fold(line));
        }
    }

    /// <summary>The zone's offsets and transitions over the years the windows span, as STANDARD and DAYLIGHT parts.</summary>
    private static IEnumerable<string> TimeZone(DateTimeZone zone, IEnumerable<WindowSchedule> schedules)
    {
        var years = schedules.SelectMany(s => s switch
        {
            WindowSchedule.Once once => new[] { once.Start.Year, once.End.Year },
            WindowSchedule.Daily daily => new[] { daily.FirstDay.Year, daily.LastDay?.Year ?? daily.FirstDay.Year + 2 },
            _ => [],
        }).DefaultIfEmpty(2000).ToList();
        var from = Instant.FromUtc(years.Min(), 1, 1, 0, 0);
        var to = Instant.FromUtc(years.Max() + 1, 1, 1, 0, 0);
        yield return "BEGIN:VTIMEZONE";
        yield return "TZID:" + zone.Id;
        var intervals = zone.GetZoneIntervals(from, to).ToList();
        for (var i = 0; i < intervals.Count; i++)
        {
            var interval = intervals[i];
            var previous = i == 0 ? interval.WallOffset : intervals[i - 1].WallOffset;
            var part = interval.Savings != Offset.Zero ? "DAYLIGHT" : "STANDARD";
            var starts = interval.HasStart && interval.Start > from ? interval.Start : from;
            yield return "BEGIN:" + part;
            yield return "DTSTART:" + Local(starts.WithOffset(previous).LocalDateTime);
            yield return "TZOFFSETFROM:" + OffsetText(previous);
            yield return "TZOFFSETTO:" + OffsetText(interval.WallOffset);
            yield return "TZNAME:" + Escape(interval.Name);
            yield return "END:" + part;
        }

        yield return "END:VTIMEZONE";
    }

    private static string Local(LocalDateTime time) => time.ToString("uuuuMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string Utc(Instant instant) => instant.ToString("uuuuMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string OffsetText(Offset offset)
    {
        var seconds = offset.Seconds;
        var sign = seconds < 0 ? "-" : "+";
        seconds = Math.Abs(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds / 3600:00}{seconds % 3600 / 60:00}");
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Folds a content line at 75 octets without splitting a UTF-8 character, and ends it with CRLF.</summary>
    private static string Fold(string line)
    {
        var builder = new StringBuilder();
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                builder.Append("\r\n ");
                octets = 0;
                limit = 74;
            }

            builder.Append(rune.ToString());
            octets += size;
        }

        return builder.Append("\r\n").ToString();
    }
}
