namespace Lifeline.Domain.Primitives;

/// <summary>
/// The span every date and time that enters Lifeline lies in: 1900-01-01 to 2199-12-31. Wider than any operation,
/// and far enough from the ends of <see cref="DateTimeOffset"/> that moving a time to an operation's zone, or adding
/// a window's days to it, can never fall off them. See docs/log.md, "Numbers".
/// </summary>
public static class DateBounds
{
    public static readonly DateOnly First = new(1900, 1, 1);

    public static readonly DateOnly Last = new(2199, 12, 31);

    public static bool Holds(DateOnly day) => day >= First && day <= Last;

    /// <summary>An instant holds when it falls within the span as seen from UTC.</summary>
    public static bool Holds(DateTimeOffset instant) => Holds(DateOnly.FromDateTime(instant.UtcDateTime));

    /// <summary>Whether a year, as written at the start of a date that may not even be representable, lies in the span.</summary>
    public static bool HoldsYear(int year) => year >= First.Year && year <= Last.Year;

    /// <summary>The refusal of <paramref name="value"/> (as written) in <paramref name="field"/>.</summary>
    public static Rejection Refused(string field, string value) =>
        Reasons.Input.DateOutOfRange.Invalid(field, ("field", field), ("first", First), ("last", Last), ("value", value));

    /// <summary>Why a day is out of the span, or null when it holds.</summary>
    public static Rejection? Refusal(DateOnly day, string field) =>
        Holds(day) ? null : Refused(field, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Why an instant is out of the span, or null when it holds.</summary>
    public static Rejection? Refusal(DateTimeOffset instant, string field) =>
        Holds(instant) ? null : Refused(field, instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
}
