using System.Text;
using System.Text.RegularExpressions;

namespace Lifeline.Domain.Primitives;

/// <summary>
/// Collects the rejections of one command's fields so that a caller hears about every bad field at once,
/// not one per attempt.
/// </summary>
public sealed class Validation
{
    private readonly List<Rejection> _rejections = [];

    public bool Failed => _rejections.Count > 0;

    public IReadOnlyList<Rejection> Rejections => _rejections;

    /// <summary>Returns the value when valid; otherwise records why and returns the default.</summary>
    public T Check<T>(Validated<T> validated)
    {
        if (validated.IsValid)
        {
            return validated.Value;
        }

        _rejections.Add(validated.Rejection!);
        return default!;
    }

    public void Add(Rejection rejection) => _rejections.Add(rejection);
}

/// <summary>Shared checks on free-text and numeric input.</summary>
public static partial class Check
{
    /// <summary>
    /// A required, trimmed, single-line text of at most <paramref name="maxLength"/> characters, with no character
    /// that draws nothing or turns the text around (<see cref="VisibleText"/>), in Unicode normal form C, so that
    /// the same name typed on two keyboards is the same name.
    /// </summary>
    public static Validated<string> RequiredText(string? raw, string field, int maxLength = 200)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Reasons.Input.Required.Invalid(field, ("field", field));
        }

        if (text.Length > maxLength)
        {
            return Reasons.Input.TooLong.Invalid(field, ("field", field), ("max", maxLength), ("length", text.Length));
        }

        if (text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
        {
            return Reasons.Input.NotSingleLine.Invalid(field, ("field", field));
        }

        if (VisibleText.FirstHidden(text) is { } hidden)
        {
            return Reasons.Input.HiddenCharacter.Invalid(field, ("field", field), ("code", $"U+{hidden:X4}"));
        }

        text = text.Normalize(NormalizationForm.FormC);
        return text.Length > maxLength
            ? Reasons.Input.TooLong.Invalid(field, ("field", field), ("max", maxLength), ("length", text.Length))
            : Validated<string>.Valid(text);
    }

    /// <summary>An optional text: empty becomes empty, longer than allowed is refused.</summary>
    public static Validated<string> OptionalText(string? raw, string field, int maxLength = 2000)
    {
        var text = raw?.Trim() ?? string.Empty;
        return text.Length > maxLength
            ? Reasons.Input.TooLong.Invalid(field, ("field", field), ("max", maxLength), ("length", text.Length))
            : Validated<string>.Valid(text);
    }

    /// <summary>A required value that must be present (a JSON member that was left out arrives as null).</summary>
    public static Validated<T> Required<T>(T? raw, string field)
        where T : struct =>
        raw is { } value ? Validated<T>.Valid(value) : Reasons.Input.Required.Invalid(field, ("field", field));

    /// <summary>A named choice from a fixed list, e.g. a site kind; the reason lists what is allowed.</summary>
    public static Validated<T> OneOf<T>(string? raw, string field, IReadOnlyDictionary<string, T> allowed)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Reasons.Input.ChoiceRequired.Invalid(field, ("field", field), ("allowed", Reasons.Names(allowed.Keys)));
        }

        return allowed.TryGetValue(raw.Trim(), out var value)
            ? Validated<T>.Valid(value)
            : Reasons.Input.ChoiceUnknown.Invalid(field, ("field", field), ("value", raw), ("allowed", Reasons.Names(allowed.Keys)));
    }

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{0,14}$")]
    private static partial Regex PCodePattern();

    /// <summary>
    /// An optional OCHA place code: two-letter ISO country code followed by the admin digits,
    /// e.g. SY02 (Aleppo governorate) or SY020000 (a sub-district).
    /// </summary>
    public static Validated<string?> PCode(string? raw, string field)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Validated<string?>.Valid(null);
        }

        var code = raw.Trim();
        return PCodePattern().IsMatch(code)
            ? Validated<string?>.Valid(code)
            : Reasons.Input.NotPCode.Invalid(field, ("field", field), ("value", raw));
    }
}
