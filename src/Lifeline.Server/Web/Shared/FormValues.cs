using System.Globalization;
using Lifeline.Domain.Primitives;

namespace Lifeline.Server.Web.Shared;

/// <summary>Numbers and dates as people type them into forms: Western or Arabic-Indic digits, a point or the Arabic decimal separator.</summary>
public static class FormValues
{
    /// <summary>The text with Arabic-Indic (and Persian) digits and the Arabic decimal separator read as Western ones.</summary>
    public static string Western(string text) => new(text.Trim().Select(c => c switch
    {
        >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
        >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
        '\u066B' => '.',
        _ => c,
    }).ToArray());

    /// <summary>A decimal number, or null when the text is not one.</summary>
    public static decimal? Decimal(string? text) =>
        !string.IsNullOrWhiteSpace(text) && decimal.TryParse(Western(text), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A decimal typed into <paramref name="field"/>: null when blank, and an error for that field when it is not a number.</summary>
    public static decimal? Decimal(string? text, string field, List<Rejection> errors, string example = "12 or 2.5")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = Decimal(text);
        if (value is null)
        {
            errors.Add(ServerReasons.Forms.NotANumber.Invalid(field, ("text", text.Trim()), ("example", example)));
        }

        return value;
    }

    /// <summary>A whole number typed into <paramref name="field"/>: null when blank, and an error for that field when it is not one.</summary>
    public static int? Whole(string? text, string field, List<Rejection> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(Western(text), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(ServerReasons.Forms.NotAWholeNumber.Invalid(field, ("text", text.Trim())));
        return null;
    }

    /// <summary>
    /// When something happened, typed into <paramref name="field"/> (a datetime-local input) in the operation's time zone:
    /// null when blank, which the form records as now, and an error for that field when it is not a date and time.
    /// </summary>
    public static DateTimeOffset? Time(string? text, WebContext web, string field, List<Rejection> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (OutOfBounds(text, field) is { } outside)
        {
            errors.Add(outside);
            return null;
        }

        var time = web.ParseInput(text);
        if (time is null)
        {
            errors.Add(ServerReasons.Forms.TimeUnreadable.Invalid(field, ("text", text.Trim())));
        }

        return time;
    }

    /// <summary>Why a datetime-local input's value lies outside <see cref="DateBounds"/>, or null when it does not (or is no time at all).</summary>
    public static Rejection? OutOfBounds(string? text, string field) =>
        WebContext.ReadLocal(text) is { } local && !DateBounds.Holds(local.Date.ToDateOnly()) ? DateBounds.Refused(field, text!.Trim()) : null;

    /// <summary>A date typed as yyyy-MM-dd (what a date input sends), or null.</summary>
    public static DateOnly? Date(string? text) =>
        !string.IsNullOrWhiteSpace(text) && DateOnly.TryParseExact(Western(text), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>
    /// A date typed into <paramref name="field"/>: null when blank; an error for that field when it is not a date
    /// (<paramref name="unreadable"/>) or lies outside <see cref="DateBounds"/>.
    /// </summary>
    public static DateOnly? Date(string? text, string field, Rejection unreadable, List<Rejection> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Date(text) is not { } day)
        {
            errors.Add(unreadable);
            return null;
        }

        if (DateBounds.Refusal(day, field) is { } outside)
        {
            errors.Add(outside);
            return null;
        }

        return day;
    }

    /// <summary>A date as a date input's value.</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
