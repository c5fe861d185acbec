using System.Globalization;
using System.Text.Json;

namespace Lifeline.Planning.Formats;

/// <summary>Reads best-known solution values: <c>bks.csv</c> (a named column) and <c>bks.json</c> (<c>best_known_cost</c>).</summary>
public static class BestKnownReader
{
    public static IReadOnlyDictionary<string, double> ReadCsv(string path, string column)
    {
        var reader = new LineReader(path, File.ReadAllText(path));
        var header = reader.Next()?.Split(',') ?? throw reader.Error("empty file");
        var index = Array.FindIndex(header, h => string.Equals(h.Trim(), column, StringComparison.Ordinal));
        if (index < 0)
        {
            throw reader.Error($"no column '{column}'");
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.Next() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length <= index)
            {
                throw reader.Error($"row has no '{column}' field");
            }

            values[fields[0].Trim()] = reader.Number(fields[index].Trim(), column);
        }

        return values;
    }

    public static IReadOnlyDictionary<string, double> ReadJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Value.TryGetProperty("best_known_cost", out var cost))
            {
                values[entry.Name] = cost.GetDouble();
            }
            else
            {
                throw new ProblemFormatException(path, 0, string.Create(CultureInfo.InvariantCulture, $"entry '{entry.Name}' has no best_known_cost"));
            }
        }

        return values;
    }
}
