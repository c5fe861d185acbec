using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Lifeline.Domain.Primitives;

/// <summary>
/// Marks a member of a command that is an operational note (a reason, a remark, a route described in words):
/// text that is signed into the log as it is, can never be erased and is read by every party. Such a note
/// must not hold personal data; the web forms say so beside the field and warn when a note looks as if it
/// holds a phone or identity number (<see cref="OperationalNotes"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, Inherited = false)]
public sealed class OperationalNoteAttribute : Attribute;

/// <summary>Finds what looks like personal data in operational notes: numbers long enough to be a phone or identity number.</summary>
public static partial class OperationalNotes
{
    /// <summary>The fewest digits in a run that counts as a phone or identity number (a Syrian mobile has 10, a national number 11).</summary>
    public const int DigitsOfANumber = 9;

    /// <summary>
    /// Whether <paramref name="text"/> holds a run of at least <see cref="DigitsOfANumber"/> digits (Western or
    /// Arabic-Indic), which may be grouped by spaces, dashes, dots or brackets and start with a plus, as phone and
    /// identity numbers are written. Dates and times written as ISO dates are not counted.
    /// </summary>
    public static bool LooksPersonal(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var digits = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            digits.Append(char.IsDigit(c) ? (char)('0' + (int)char.GetNumericValue(c)) : c);
        }

        var withoutDates = IsoDate().Replace(digits.ToString(), " ");
        return NumberRun().Matches(withoutDates).Any(match => match.Value.Count(char.IsAsciiDigit) >= DigitsOfANumber);
    }

    /// <summary>
    /// The members of <paramref name="command"/> marked <see cref="OperationalNoteAttribute"/> whose text looks
    /// personal, by their camel-case names (as a request names them).
    /// </summary>
    public static IReadOnlyList<string> LookingPersonal(object command) =>
        [.. command.GetType().GetConstructors().SelectMany(c => c.GetParameters())
            .Where(p => p.GetCustomAttribute<OperationalNoteAttribute>() is not null)
            .Select(p => p.Name!)
            .Distinct(StringComparer.Ordinal)
            .Where(name => LooksPersonal(command.GetType().GetProperty(name)?.GetValue(command) as string))
            .Select(name => char.ToLower(name[0], CultureInfo.InvariantCulture) + name[1..])];

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\+?\d(?:[ \-.()]{0,2}\d)+")]
    private static partial Regex NumberRun();
}
