using System.Globalization;
using System.Text.RegularExpressions;

namespace Lifeline.Server.Web.Shared;

/// <summary>
/// The id of the input an API field name stands for on a form: <c>lines[2].quantity</c> on the manifest form
/// is <c>manifest-lines-2-quantity</c>. Forms with line rows skip the blank ones before the command sees
/// them, so the command's line index is mapped back to the row it came from.
/// </summary>
public static partial class FieldIds
{
    [GeneratedRegex(@"^(?<list>[A-Za-z]+)\[(?<index>[0-9]+)\](?:\.(?<name>[A-Za-z0-9]+))?$")]
    private static partial Regex Indexed();

    /// <param name="prefix">The form's prefix, e.g. <c>manifest</c>.</param>
    /// <param name="field">The API's field name, e.g. <c>lines[0].quantity</c> or <c>aircraft.type</c>.</param>
    /// <param name="rows">For each item the command received, the form row it came from; null when they are the same.</param>
    public static string Of(string prefix, string field, IReadOnlyList<int>? rows = null)
    {
        var match = Indexed().Match(field);
        if (!match.Success)
        {
            return $"{prefix}-{field.Replace('.', '-')}";
        }

        var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
        var row = rows is not null && index < rows.Count ? rows[index] : index;
        var name = match.Groups["name"].Success ? $"-{match.Groups["name"].Value}" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{match.Groups["list"].Value}-{row}{name}");
    }

    /// <summary>The id of one cell of a form's line rows: <c>Row("manifest", "lines", 2, "quantity")</c>.</summary>
    public static string Row(string prefix, string list, int row, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{list}-{row}-{name}");

    /// <summary>The name a row's input posts under, bound by the form's list: <c>lines[2].quantity</c>.</summary>
    public static string Name(string list, int row, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{list}[{row}].{name}");
}
