using System.Globalization;
using CsvHelper;

namespace Lifeline.Server.Exports;

/// <summary>
/// The one way Lifeline writes CSV, for partners who open it in a spreadsheet. Every cell is either text or a
/// number the system formatted itself. Text (names, reasons, anything a person typed or a file brought in) is
/// neutralised against formula injection by the OWASP rule: a cell that begins with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, a tab, a carriage return or a line feed is prefixed with a single quote and quoted, so a
/// spreadsheet shows it as text instead of running it. Numbers are written as the invariant culture formats
/// them (<c>-3</c>, <c>0.125</c>) and stay numbers: they never come from free text.
/// </summary>
public sealed class SpreadsheetCsv : IDisposable
{
    private readonly CsvWriter _csv;

    public SpreadsheetCsv(TextWriter output) => _csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);

    /// <summary>A cell of text, neutralised when a spreadsheet would read it as a formula; null is an empty cell.</summary>
    public void Text(string? text)
    {
        var value = text ?? string.Empty;
        var cell = Neutralised(value);
        if (cell.Length == value.Length)
        {
            // CsvHelper quotes a cell that holds a quote, a comma or a line break, and doubles its quotes.
            _csv.WriteField(cell);
        }
        else
        {
            _csv.WriteField(cell, shouldQuote: true);
        }
    }

    /// <summary>A whole number; null is an empty cell.</summary>
    public void Number(long? number) => _csv.WriteField(number?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);

    /// <summary>A decimal number, in <paramref name="format"/> (e.g. <c>0.000</c>) or as it stands; null is an empty cell.</summary>
    public void Number(decimal? number, string? format = null) => _csv.WriteField(number?.ToString(format, CultureInfo.InvariantCulture) ?? string.Empty);

    /// <summary>An instant in UTC, ISO 8601 to the second: <c>2016-08-02T06:30:00Z</c>.</summary>
    public void Instant(DateTimeOffset at) => _csv.WriteField(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    /// <summary>A day, ISO 8601: <c>2016-08-02</c>.</summary>
    public void Day(DateOnly day) => _csv.WriteField(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A row of text cells, e.g. the header row or the HXL hashtag row.</summary>
    public void Row(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            Text(text);
        }

        EndRow();
    }

    public void EndRow() => _csv.NextRecord();

    public void Dispose() => _csv.Dispose();

    /// <summary>
    /// The text as a spreadsheet must see it: prefixed with a single quote when it begins with a character that
    /// starts a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>) or that a spreadsheet skips before one (tab, CR, LF);
    /// the same string otherwise.
    /// </summary>
    public static string Neutralised(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' ? "'" + text : text;
}
