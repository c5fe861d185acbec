using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lifeline.Domain.Primitives;

/// <summary>
/// One reason a command can be refused: a stable, machine-readable code (<c>stock.would-go-negative</c>) and
/// its English template with named placeholders (<c>{site}</c>, or <c>{kg:#,0.###}</c> with a format).
/// Another language supplies its own template for the code; the arguments are the same.
/// </summary>
public sealed record Reason
{
    public Reason(string code, string english)
    {
        Code = code;
        English = english;
        Placeholders = ReasonTemplate.Placeholders(english);
    }

    public string Code { get; }

    public string English { get; }

    /// <summary>The names of the values the template needs; every message of this reason supplies exactly these.</summary>
    public IReadOnlySet<string> Placeholders { get; }

    public Message With(params (string Name, object Value)[] arguments) => new(this, arguments);

    public Rejection Invalid(string field, params (string Name, object Value)[] arguments) => new(RejectionKind.Invalid, field, With(arguments));

    public Rejection Conflict(string field, params (string Name, object Value)[] arguments) => new(RejectionKind.Conflict, field, With(arguments));

    public Rejection NotFound(string field, params (string Name, object Value)[] arguments) => new(RejectionKind.NotFound, field, With(arguments));

    public override string ToString() => Code;
}

/// <summary>
/// A reason with its values, renderable in any language that has a template for each code involved.
/// Values are typed so that a language formats them its own way: text (names, ids, what someone typed)
/// is shown as is; numbers, dates and instants are formatted for the culture; a <see cref="Message"/> is a
/// phrase rendered in the same language (a status name, a lot, an amount); <see cref="Listed"/> joins several.
/// </summary>
public sealed record Message
{
    public Message(Reason reason, IReadOnlyList<(string Name, object Value)> arguments)
    {
        Reason = reason;
        Arguments = arguments;
        var given = arguments.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        if (!given.SetEquals(reason.Placeholders) || given.Count != arguments.Count)
        {
            throw new ArgumentException($"reason {reason.Code} takes {{{string.Join("}, {", reason.Placeholders)}}}; got {{{string.Join("}, {", arguments.Select(a => a.Name))}}}", nameof(arguments));
        }

        English = Render(r => r.English, CultureInfo.InvariantCulture)!;
    }

    public Reason Reason { get; }

    public string Code => Reason.Code;

    public IReadOnlyList<(string Name, object Value)> Arguments { get; }

    /// <summary>The message in English, as the API, the CLI and the log's readers see it.</summary>
    public string English { get; }

    /// <summary>
    /// The message in the language whose template <paramref name="template"/> gives for each code, formatting
    /// values for <paramref name="culture"/> (the invariant culture means English formats); null when a code
    /// involved has no template.
    /// </summary>
    public string? Render(Func<Reason, string?> template, CultureInfo culture)
    {
        var text = template(Reason);
        if (text is null)
        {
            return null;
        }

        var complete = true;
        var rendered = ReasonTemplate.Fill(text, (name, format) =>
        {
            var value = Arguments.First(a => a.Name == name).Value;
            var shown = Format(value, format, template, culture);
            complete &= shown is not null;
            return shown ?? string.Empty;
        });
        return complete ? rendered : null;
    }

    public override string ToString() => English;

    private static string? Format(object value, string? format, Func<Reason, string?> template, CultureInfo culture)
    {
        var english = culture.Equals(CultureInfo.InvariantCulture);
        return value switch
        {
            string text => text,
            Message phrase => phrase.Render(template, culture),
            Listed list => list.Render(template, culture),
            DateOnly day => day.ToString(format ?? (english ? "yyyy-MM-dd" : "d MMMM yyyy"), culture),
            DateTimeOffset instant => instant.ToString(format ?? (english ? "yyyy-MM-dd HH:mm" : "d MMMM yyyy HH:mm"), culture),
            IFormattable formattable => formattable.ToString(format, culture),
            _ => value.ToString(),
        };
    }
}

/// <summary>Several values joined by a separator that is itself a reason (", ", " or "), so it is translated too.</summary>
public sealed record Listed(IReadOnlyList<object> Items, Reason Separator)
{
    public string? Render(Func<Reason, string?> template, CultureInfo culture)
    {
        var separator = template(Separator);
        var items = Items.Select(item => item is Message phrase ? phrase.Render(template, culture) : item.ToString()).ToList();
        return separator is null || items.Any(i => i is null) ? null : string.Join(separator, items);
    }
}

/// <summary>Placeholders in reason templates: <c>{name}</c> or <c>{name:format}</c>.</summary>
public static partial class ReasonTemplate
{
    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)(?::([^{}]+))?\}")]
    private static partial Regex Placeholder();

    public static IReadOnlySet<string> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    public static string Fill(string template, Func<string, string?, string> value)
    {
        var text = new StringBuilder();
        var at = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            text.Append(template, at, match.Index - at);
            text.Append(value(match.Groups[1].Value, match.Groups[2].Success ? match.Groups[2].Value : null));
            at = match.Index + match.Length;
        }

        return text.Append(template, at, template.Length - at).ToString();
    }
}
