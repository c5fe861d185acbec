using System.Text;
using System.Text.Json;
using Lifeline.Domain.Deciding;
using Lifeline.Log.Canonical;

namespace Lifeline.Domain.Tests.Contracts;

/// <summary>
/// A body in the log never changes shape within its version: every party that verifies the log reads it, and
/// entries already written cannot be rewritten. Each sample in <see cref="EventSamples"/> has its canonical body
/// (RFC 8785, as the log writes it) committed in <c>tests/Lifeline.Domain.Tests/Golden/events/</c>; these tests
/// require the code to write exactly those bytes and to read them back as the sample.
/// <para>
/// To add an event: catalogue it, add a sample to <see cref="EventSamples"/> filling every member, then run
/// <c>LIFELINE_WRITE_GOLDEN=1 dotnet test tests/Lifeline.Domain.Tests --filter GoldenEventBodyTests</c>. That
/// writes the golden files that are missing and never touches one that exists; review the new file and commit it.
/// A golden file that no longer matches is never rewritten: a changed shape is a new version (docs/log.md, Event contracts).
/// </para>
/// </summary>
public class GoldenEventBodyTests
{
    private const string WriteVariable = "LIFELINE_WRITE_GOLDEN";

    private static readonly string GoldenDirectory = FindGoldenDirectory();

    public static TheoryData<string> Samples() => [.. EventSamples.All.Select(s => s.GoldenName)];

    [Fact]
    public void Every_catalogued_event_has_a_sample()
    {
        var sampled = EventSamples.All.Select(s => s.GoldenName).ToHashSet(StringComparer.Ordinal);

        var missing = EventCatalog.All.Where(t => !sampled.Contains(t.FullName)).Select(t => $"{t.FullName} ({t.ClrType.Name})").ToList();

        Assert.True(
            missing.Count == 0,
            $"no sample for {string.Join(", ", missing)}: add one to EventSamples.All with every member filled with a realistic value, " +
            $"then run `{WriteVariable}=1 dotnet test tests/Lifeline.Domain.Tests --filter GoldenEventBodyTests` to write its golden file, review it and commit it.");
    }

    [Fact]
    public void Every_sample_is_of_a_catalogued_type_and_has_its_own_name()
    {
        var uncatalogued = EventSamples.All.Where(s => EventCatalog.All.All(t => t.ClrType != s.Event.GetType())).Select(s => s.Event.GetType().Name).ToList();
        var twice = EventSamples.All.GroupBy(s => s.GoldenName, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var badVariants = EventSamples.All.Where(s => s.Variant is { } v && (v.Length == 0 || !v.All(c => c is (>= 'a' and <= 'z') or '-'))).Select(s => s.GoldenName).ToList();

        Assert.True(uncatalogued.Count == 0, $"samples of types missing from EventCatalog.All: {string.Join(", ", uncatalogued)}");
        Assert.True(twice.Count == 0, $"samples sharing a golden file (give one a Variant): {string.Join(", ", twice)}");
        Assert.True(badVariants.Count == 0, $"variants are lowercase words joined by hyphens: {string.Join(", ", badVariants)}");
    }

    [Fact]
    public void Every_member_of_every_event_is_filled_by_one_of_its_samples()
    {
        var wrong = new List<string>();
        foreach (var type in EventCatalog.All)
        {
            var members = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var sample in EventSamples.All.Where(s => s.Event.GetType() == type.ClrType))
            {
                using var body = JsonDocument.Parse(CanonicalJson.Serialize(sample.Event, EventJson.Options));
                CollectMembers(body.RootElement, string.Empty, members);
            }

            wrong.AddRange(members.Where(m => !m.Value).Select(m => $"{type.FullName}: {m.Key}"));
        }

        Assert.True(
            wrong.Count == 0,
            "members that are null or an empty list in every sample of their event, so their shape is not frozen; fill them " +
            $"(or add a sample with Variant for a case that excludes the others):{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
    }

    [Fact]
    public void Every_golden_file_is_the_body_of_a_sample()
    {
        var sampled = EventSamples.All.Select(s => s.GoldenName + ".json").ToHashSet(StringComparer.Ordinal);

        var files = Directory.Exists(GoldenDirectory) ? Directory.EnumerateFiles(GoldenDirectory) : [];

        var orphans = files
            .Select(Path.GetFileName)
            .Where(name => !sampled.Contains(name!))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(
            orphans.Count == 0,
            $"golden files with no sample of a catalogued event: {string.Join(", ", orphans)}. The log may hold entries of every version " +
            "ever written, so an event type is never removed from the catalogue nor its sample from EventSamples; a misnamed file is renamed.");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_canonical_body_of_each_sample_is_its_golden_file(string goldenName)
    {
        var (sample, _) = SampleNamed(goldenName);
        var written = CanonicalJson.Serialize(sample.Event, EventJson.Options);

        var golden = ReadGolden(goldenName, written);

        Assert.True(
            written.AsSpan().SequenceEqual(golden),
            $"{goldenName}: the body written for the sample is no longer its golden file.{Environment.NewLine}" +
            $"golden:  {Encoding.UTF8.GetString(golden)}{Environment.NewLine}written: {Encoding.UTF8.GetString(written)}{Environment.NewLine}" +
            $"A {goldenName} body never changes shape: restore the event's members (names, types, enum names, formats) and, for a new shape, " +
            "add a type of the next version beside this one, keeping this one readable (docs/log.md, Event contracts). If only the sample's values " +
            "changed, restore them: the golden file is never rewritten.");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_golden_file_reads_back_as_its_sample(string goldenName)
    {
        var (sample, type) = SampleNamed(goldenName);
        var golden = ReadGolden(goldenName, CanonicalJson.Serialize(sample.Event, EventJson.Options));

        // As EventBodies reads an entry: the catalogue's type for the name, with the one set of JSON options.
        var read = JsonSerializer.Deserialize(golden, type.ClrType, EventJson.Options);

        Assert.IsType(type.ClrType, read);
        // Records holding arrays compare them by reference, so the event read is compared by what it writes.
        Assert.Equal(
            Encoding.UTF8.GetString(CanonicalJson.Serialize(sample.Event, EventJson.Options)),
            Encoding.UTF8.GetString(CanonicalJson.Serialize(read!, EventJson.Options)));
    }

    private static (EventSample Sample, EventType Type) SampleNamed(string goldenName)
    {
        var sample = EventSamples.All.Single(s => s.GoldenName == goldenName);
        var type = EventCatalog.All.FirstOrDefault(t => t.ClrType == sample.Event.GetType());
        Assert.True(type is not null, $"{sample.Event.GetType().Name} is not in EventCatalog.All: catalogue it (name and version) before its body can be frozen");
        return (sample, type);
    }

    /// <summary>
    /// The golden file's bytes. A missing file fails, unless LIFELINE_WRITE_GOLDEN=1 asks for it to be written
    /// from <paramref name="written"/>; an existing file is never overwritten.
    /// </summary>
    private static byte[] ReadGolden(string goldenName, byte[] written)
    {
        var path = Path.Combine(GoldenDirectory, goldenName + ".json");
        if (File.Exists(path))
        {
            return File.ReadAllBytes(path);
        }

        if (string.Equals(Environment.GetEnvironmentVariable(WriteVariable), "1", StringComparison.Ordinal))
        {
            Directory.CreateDirectory(GoldenDirectory);
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(written);
            }

            return File.ReadAllBytes(path);
        }

        Assert.Fail(
            $"{goldenName} has no golden file ({Path.GetRelativePath(Path.Combine(GoldenDirectory, "..", "..", "..", ".."), path)}). " +
            $"Run `{WriteVariable}=1 dotnet test tests/Lifeline.Domain.Tests --filter GoldenEventBodyTests` to write the missing " +
            "golden files from their samples, then review and commit them.");
        return [];
    }

    /// <summary>Records each member path (list items as <c>[]</c>) and whether any sample gave it a value.</summary>
    private static void CollectMembers(JsonElement element, string path, Dictionary<string, bool> members)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    var memberPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
                    var filled = member.Value.ValueKind switch
                    {
                        JsonValueKind.Null => false,
                        JsonValueKind.Array => member.Value.GetArrayLength() > 0,
                        _ => true,
                    };
                    members[memberPath] = members.GetValueOrDefault(memberPath) || filled;
                    CollectMembers(member.Value, memberPath, members);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectMembers(item, path + "[]", members);
                }

                break;
        }
    }

    private static string FindGoldenDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lifeline.slnx")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new InvalidOperationException("Lifeline.slnx not found above " + AppContext.BaseDirectory)
            : Path.Combine(directory.FullName, "tests", "Lifeline.Domain.Tests", "Golden", "events");
    }
}
