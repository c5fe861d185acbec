using System.Globalization;
using System.Text.Json;

namespace Lifeline.Planning.Formats;

/// <summary>Reads best-known solution values: <c>bks.csv</c> (a named column) and <c>bks.json</c> (<c>best_known_cost</c>).</summary>
public static class BestKnownReader
{
    public static IReadOnlyDictionary<string, double> ReadCsv(string path, string column) => ParseCsv(File.ReadAllText(path), path, column);

    public static IReadOnlyDictionary<string, double> ParseCsv(string text, string file, string column)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new LineReader(file, text);
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

    public static IReadOnlyDictionary<string, double> ReadJson(string path) => ParseJson(File.ReadAllText(path), path);

    public static IReadOnlyDictionary<string, double> ParseJson(string json, string file)
    {
        using var document = ParseDocument(json, file);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ProblemFormatException(file, 0, "the file must hold one object of instances");
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("best_known_cost", out var cost))
            {
                values[entry.Name] = cost.ValueKind == JsonValueKind.Number && cost.TryGetDouble(out var value) && double.IsFinite(value)
                    ? value
                    : throw new ProblemFormatException(file, 0, $"{entry.Name}.best_known_cost: must be a number");
            }
            else
            {
                throw new ProblemFormatException(file, 0, string.Create(CultureInfo.InvariantCulture, $"entry '{entry.Name}' has no best_known_cost"));
            }
        }

        return values;
    }

    private static JsonDocument ParseDocument(string json, string file)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw new ProblemFormatException(file, (int)(error.LineNumber ?? 0) + 1, $"invalid JSON: {error.Message}");
        }
        catch (ArgumentException error) when (error.InnerException is System.Text.EncoderFallbackException)
        {
            // Text handed over as a string with half of a surrogate pair: no UTF-8 file can hold it.
            throw new ProblemFormatException(file, 0, "the text is not valid Unicode (half of a surrogate pair)");
        }
    }
}
