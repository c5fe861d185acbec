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

    /// <summary>An integer in <paramref name="min"/>..<paramref name="max"/>; the error names the field and the range.</summary>
    public int Int(string field, string what, int min, int max)
    {
        var value = Int(field, what);
        return value >= min && value <= max
            ? value
            : throw Error(string.Create(CultureInfo.InvariantCulture, $"{what} {field} is outside {min}..{max}"));
    }

    /// <summary>A finite number in <paramref name="min"/>..<paramref name="max"/>; the error names the field and the range.</summary>
    public double Number(string field, string what, double min, double max)
    {
        var value = Number(field, what, allowInfinite: true);
        return value >= min && value <= max
            ? value
            : throw Error(string.Create(CultureInfo.InvariantCulture, $"{what} {field} is outside {min}..{max}"));
    }

    /// <summary>A coordinate within <see cref="FormatLimits.MaxCoordinate"/> of the origin.</summary>
    public double Coordinate(string field, string what) => Number(field, what, -FormatLimits.MaxCoordinate, FormatLimits.MaxCoordinate);

    /// <summary>Adds a demand to a running total, refusing the line that takes it past <see cref="FormatLimits.MaxTotal"/>.</summary>
    public long AddToTotal(long total, int demand) =>
        total + demand <= FormatLimits.MaxTotal ? total + demand : throw Error(FormatLimits.TotalTooLarge);

    public double Number(string field, string what) => Number(field, what, allowInfinite: false);

    private double Number(string field, string what, bool allowInfinite)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || (!allowInfinite && double.IsInfinity(value)))
        {
            throw Error($"{what} '{field}' is not a number");
        }

        return value;
    }
}
