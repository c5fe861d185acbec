using System.Globalization;

namespace Lifeline.Planning.Formats;

/// <summary>Walks a text file line by line, remembering the line number so every error can name it.</summary>
internal sealed class LineReader
{
    private static readonly char[] Separators = [' ', '\t'];
    private readonly string[] _lines;

    public LineReader(string file, string text)
    {
        File = file;
        _lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
    }

    public string File { get; }

    /// <summary>1-based number of the line last returned by <see cref="Next"/>.</summary>
    public int LineNumber { get; private set; }

    public bool AtEnd => LineNumber >= _lines.Length;

    public string? Next()
    {
        if (LineNumber >= _lines.Length)
        {
            return null;
        }

        return _lines[LineNumber++];
    }

    /// <summary>The next line that is not blank, split into fields; null at the end of the file.</summary>
    public string[]? NextFields()
    {
        while (Next() is { } line)
        {
            var fields = line.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0)
            {
                return fields;
            }
        }

        return null;
    }

    public ProblemFormatException Error(string reason) => new(File, LineNumber, reason);

    public int Int(string field, string what)
    {
        if (!int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"{what} '{field}' is not an integer");
        }

        return value;
    }

    public double Number(string field, string what)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error($"{what} '{field}' is not a number");
        }

        return value;
    }
}
