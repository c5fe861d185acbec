using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using CsvHelper;
using CsvHelper.Configuration;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Primitives;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Corridors;

/// <summary>A problem with one line of an import file: the line, the column and the reason.</summary>
public sealed record ImportProblem(int Line, string Column, [property: JsonIgnore] Message Message)
{
    public string Reason => Message.English;

    public string Code => Message.Code;


    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"line {Line}, {Column}: {Reason}");
}

/// <summary>What an import did: everything it recorded (and replayed), or nothing and why.</summary>
public sealed record ImportOutcome(int Recorded, int AlreadyImported, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Imports checkpoint tallies from CSV: paper forms transcribed, or a KoboToolbox / ODK export. One row is one
/// passage. Columns: <c>corridor</c> and <c>checkpoint</c> (name or id), <c>occurred_at</c> (ISO 8601 with an
/// offset), optional <c>direction</c>, <c>out_of_window_reason</c>, <c>vehicles</c>, <c>medical_evacuations</c>,
/// <c>weapons_handed_in</c>, <c>meta/instanceID</c>, and one count column per cell named
/// <c>category_sex_age</c> (e.g. <c>civilians_female_0_4</c>, <c>wounded_and_sick_male_60plus</c>), optionally under a
/// group path such as <c>tally/</c>. The file is recorded whole or not at all; each row's submission id (or, without
/// one, the file's hash and the line) is its idempotency key, so importing the same file again records nothing twice.
/// </summary>
public static class PassageImport
{
    /// <summary>Larger files are refused: split them, so that one transaction stays short.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    private static readonly string[] Known = ["corridor", "checkpoint", "occurred_at", "direction", "out_of_window_reason", "vehicles", "medical_evacuations", "weapons_handed_in", "meta/instanceid"];

    private static readonly Dictionary<string, (string Category, string Sex, string Age)> Cells = BuildCells();

    public static ImportOutcome Import(LogStore store, OperationId operation, byte[] file, Author author, TimeProvider clock)
    {
        if (file.LongLength > MaxBytes)
        {
            return Fail(0, "file", ServerReasons.Imports.FileTooLarge.With(("mb", MaxBytes / 1048576)));
        }

        var corridors = store.Read(s => CorridorsProjection.List(s, operation));
        var sites = store.Read(s => SitesProjection.List(s, operation));
        var fileHash = Convert.ToHexStringLower(SHA256.HashData(file));
        var problems = new List<ImportProblem>();
        var commands = new List<(int Line, LogCommand Command)>();
        var seenKeys = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = new StreamReader(new MemoryStream(file), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectDelimiter = true });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            return Fail(1, "header", ServerReasons.Imports.FileEmpty.With());
        }

        var columns = header.Select(h => h.Trim()).ToArray();
        var countColumns = new List<(int Index, (string Category, string Sex, string Age) Cell)>();
        for (var i = 0; i < columns.Length; i++)
        {
            var name = columns[i].ToLowerInvariant();
            var leaf = name[(name.LastIndexOf('/') + 1)..];
            if (Known.Contains(name) || Known.Contains(leaf))
            {
                continue;
            }

            if (Cells.TryGetValue(leaf, out var cell))
            {
                countColumns.Add((i, cell));
            }
            else if (!name.StartsWith("_", StringComparison.Ordinal) && !name.StartsWith("meta/", StringComparison.Ordinal))
            {
                problems.Add(new ImportProblem(1, columns[i], ServerReasons.Imports.UnknownColumn.With()));
            }
        }

        foreach (var required in new[] { "corridor", "checkpoint", "occurred_at" })
        {
            if (Column(columns, required) < 0)
            {
                problems.Add(new ImportProblem(1, required, ServerReasons.Imports.ColumnMissing.With(("column", required))));
            }
        }

        if (countColumns.Count == 0)
        {
            problems.Add(new ImportProblem(1, "counts", ServerReasons.Imports.NoCountColumns.With()));
        }

        if (problems.Count > 0)
        {
            return new ImportOutcome(0, 0, problems);
        }

        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            string Field(string name) => Column(columns, name) is var index and >= 0 && index < csv.Parser.Count ? csv.GetField(index)?.Trim() ?? string.Empty : string.Empty;

            var rowProblems = problems.Count;
            var corridor = Resolve(Field("corridor"), corridors.Select(c => (c.Id.Value, c.Name)));
            if (corridor is null)
            {
                problems.Add(new ImportProblem(line, "corridor", ServerReasons.Imports.CorridorUnknown.With(("name", Field("corridor")))));
            }

            var checkpoint = Resolve(Field("checkpoint"), sites.Select(s => (s.Id.Value, s.Name)));
            if (checkpoint is null)
            {
                problems.Add(new ImportProblem(line, "checkpoint", ServerReasons.Imports.SiteUnknown.With(("name", Field("checkpoint")))));
            }

            DateTimeOffset? occurred = DateTimeOffset.TryParse(Field("occurred_at"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && HasOffset(Field("occurred_at"))
                ? at
                : null;
            if (occurred is null)
            {
                problems.Add(new ImportProblem(line, "occurred_at", ServerReasons.Imports.TimeWithoutOffset.With(("text", Field("occurred_at")))));
            }
            else if (!DateBounds.Holds(occurred.Value))
            {
                problems.Add(new ImportProblem(line, "occurred_at", DateBounds.Refused("occurred_at", Field("occurred_at")).Message));
                occurred = null;
            }

            var counts = new List<PassageCountInput>();
            foreach (var (index, cell) in countColumns)
            {
                var text = index < csv.Parser.Count ? csv.GetField(index)?.Trim() : null;
                if (string.IsNullOrEmpty(text))
                {
                    continue;
                }

                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
                {
                    problems.Add(new ImportProblem(line, columns[index], ServerReasons.Imports.NotWholeNumber.With(("text", text))));
                    continue;
                }

                counts.Add(new PassageCountInput(cell.Category, cell.Sex, cell.Age, count));
            }

            int? Number(string name)
            {
                var text = Field(name);
                if (text.Length == 0)
                {
                    return null;
                }

                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                problems.Add(new ImportProblem(line, name, ServerReasons.Imports.NotWholeNumber.With(("text", text))));
                return null;
            }

            var vehicles = Number("vehicles");
            var medevac = Number("medical_evacuations");
            var weapons = Number("weapons_handed_in");
            var submission = Field("meta/instanceID");
            var key = submission.Length > 0 ? $"import:{submission}" : $"import:{fileHash}:{line}";
            if (seenKeys.TryGetValue(key, out var earlier))
            {
                problems.Add(new ImportProblem(line, "meta/instanceID", ServerReasons.Imports.SubmissionTwice.With(("submission", submission), ("earlier", earlier))));
            }

            seenKeys[key] = line;
            if (problems.Count > rowProblems)
            {
                continue;
            }

            var validation = new Validation();
            var command = RecordPassage.From(operation, PassageId.New(clock), corridor, checkpoint, Field("direction") is { Length: > 0 } d ? d : null, occurred, counts, vehicles, medevac, weapons, Field("out_of_window_reason"), null, validation);
            if (command is null)
            {
                problems.AddRange(validation.Rejections.Select(r => new ImportProblem(line, ColumnFor(r.Field, counts, countColumns, columns), r.Message)));
                continue;
            }

            var fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', csv.Parser.Record ?? [])));
            commands.Add((line, new LogCommand(command, key, fingerprint, command.OccurredAt, KeyScope.Operation)));
        }

        if (problems.Count > 0)
        {
            return new ImportOutcome(0, 0, problems);
        }

        return store.Execute(commands.Select(c => c.Command).ToList(), author) switch
        {
            WriteOutcome.Recorded recorded => new ImportOutcome(recorded.Receipts.Count(r => !r.Replayed), recorded.Receipts.Count(r => r.Replayed), []),
            WriteOutcome.Refused refused => new ImportOutcome(0, 0, refused.Rejections.Select(r => new ImportProblem(commands[refused.CommandIndex].Line, ColumnFor(r.Field, [], [], columns), r.Message)).ToList()),
            WriteOutcome.KeyConflict conflict => Fail(commands[conflict.CommandIndex].Line, "meta/instanceID", ServerReasons.Imports.SubmissionChanged.With(("submission", conflict.Key))),
            var other => throw new InvalidOperationException($"unexpected outcome {other}"),
        };
    }

    private static ImportOutcome Fail(int line, string column, Message reason) => new(0, 0, [new ImportProblem(line, column, reason)]);

    private static int Column(string[] columns, string name) =>
        Array.FindIndex(columns, c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase) || c.EndsWith("/" + name, StringComparison.OrdinalIgnoreCase));

    private static Guid? Resolve(string text, IEnumerable<(Guid Id, string Name)> known)
    {
        if (Guid.TryParse(text, out var id))
        {
            return known.Any(k => k.Id == id) ? id : null;
        }

        var key = Storage.Projections.NameKey.Of(text);
        return known.Where(k => Storage.Projections.NameKey.Of(k.Name) == key).Select(k => (Guid?)k.Id).FirstOrDefault();
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    /// <summary>Names the file's column for a rejection of the parsed command (counts[2].count is the third count read).</summary>
    private static string ColumnFor(string field, List<PassageCountInput> counts, List<(int Index, (string Category, string Sex, string Age) Cell)> countColumns, string[] columns)
    {
        if (field.StartsWith("counts[", StringComparison.Ordinal) && int.TryParse(field.AsSpan(7, field.IndexOf(']', StringComparison.Ordinal) - 7), CultureInfo.InvariantCulture, out var index) && index < counts.Count)
        {
            var cell = counts[index];
            var column = countColumns.First(c => c.Cell == (cell.Category!, cell.Sex!, cell.AgeBand!));
            return columns[column.Index];
        }

        return field switch
        {
            "occurredAt" => "occurred_at",
            "outOfWindowReason" => "out_of_window_reason",
            "medicalEvacuations" => "medical_evacuations",
            "weaponsHandedIn" => "weapons_handed_in",
            _ => field,
        };
    }

    private static Dictionary<string, (string Category, string Sex, string Age)> BuildCells()
    {
        var ages = new Dictionary<string, string> { ["0_4"] = "0-4", ["5_11"] = "5-11", ["12_17"] = "12-17", ["18_59"] = "18-59", ["60plus"] = "60+", ["unknown"] = "unknown" };
        var cells = new Dictionary<string, (string, string, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var category in CorridorNames.Categories.Keys)
        {
            foreach (var sex in PassageNames.Sexes.Keys)
            {
                foreach (var (column, age) in ages)
                {
                    cells[$"{category}_{sex}_{column}"] = (category, sex, age);
                }
            }
        }

        return cells;
    }
}
