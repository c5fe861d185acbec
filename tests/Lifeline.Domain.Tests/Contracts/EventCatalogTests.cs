using System.Text.RegularExpressions;
using Lifeline.Domain.Deciding;

namespace Lifeline.Domain.Tests.Contracts;

/// <summary>
/// The catalogue is the log's vocabulary, listed by hand; these rules are checked by reflection so that an event
/// cannot reach the log without a name, and a name cannot drift from the shape every reader expects.
/// </summary>
public partial class EventCatalogTests
{
    /// <summary>Past participles that do not end in -ed; add one here when a new event needs it.</summary>
    private static readonly HashSet<string> IrregularPastParticiples = new(StringComparer.Ordinal)
    {
        "begun", "broken", "built", "drawn", "found", "given", "held", "hit", "kept", "left", "lost", "made", "met", "paid",
        "put", "read", "run", "seen", "sent", "set", "shot", "shut", "sold", "split", "taken", "won", "withdrawn", "written",
    };

    [GeneratedRegex("^(?<noun>[a-z]+(-[a-z]+)*)\\.(?<verb>[a-z]+(-[a-z]+)*)$")]
    private static partial Regex NameShape();

    [Fact]
    public void Every_domain_event_type_is_in_the_catalogue()
    {
        var catalogued = EventCatalog.All.Select(t => t.ClrType).ToHashSet();

        var missing = typeof(IDomainEvent).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IDomainEvent).IsAssignableFrom(t) && !catalogued.Contains(t))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(
            missing.Count == 0,
            $"{string.Join(", ", missing)} implement IDomainEvent but are not in EventCatalog.All: add each there with a " +
            "'noun.past-tense-verb' name and version 1, then a sample in EventSamples and its golden file (see docs/log.md, Event contracts).");
    }

    [Fact]
    public void Every_catalogued_type_is_a_concrete_domain_event()
    {
        var wrong = EventCatalog.All
            .Where(t => t.ClrType.IsAbstract || t.ClrType.IsInterface || !typeof(IDomainEvent).IsAssignableFrom(t.ClrType) || t.ClrType.Assembly != typeof(IDomainEvent).Assembly)
            .Select(t => $"{t.FullName} ({t.ClrType.FullName})")
            .ToList();

        Assert.True(wrong.Count == 0, $"catalogued types that are not concrete IDomainEvent types of Lifeline.Domain: {string.Join(", ", wrong)}");
    }

    [Fact]
    public void Each_type_and_each_versioned_name_is_catalogued_once()
    {
        // The catalogue's own look-ups refuse a duplicate when the class loads; say so rather than fail obscurely.
        var exception = Record.Exception(() => EventCatalog.All);
        Assert.True(exception is null, $"EventCatalog does not load, probably because a type or a versioned name is listed twice: {exception?.InnerException?.Message}");

        var typesTwice = EventCatalog.All.GroupBy(t => t.ClrType).Where(g => g.Count() > 1).Select(g => g.Key.Name).ToList();
        var namesTwice = EventCatalog.All.GroupBy(t => t.FullName, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.True(typesTwice.Count == 0, $"types catalogued more than once: {string.Join(", ", typesTwice)}");
        Assert.True(namesTwice.Count == 0, $"names catalogued more than once: {string.Join(", ", namesTwice)}");
    }

    [Fact]
    public void Names_are_a_dotted_lowercase_noun_and_past_tense_verb()
    {
        var wrong = new List<string>();
        foreach (var type in EventCatalog.All)
        {
            var match = NameShape().Match(type.Name);
            if (!match.Success)
            {
                wrong.Add($"'{type.Name}' ({type.ClrType.Name}) is not 'noun.verb' in lowercase words joined by hyphens");
                continue;
            }

            var verb = match.Groups["verb"].Value.Split('-')[^1];
            if (!verb.EndsWith("ed", StringComparison.Ordinal) && !IrregularPastParticiples.Contains(verb))
            {
                wrong.Add($"'{type.Name}' ({type.ClrType.Name}) does not end in a past-tense verb ('{verb}'): an event states what happened");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Versions_of_a_name_run_from_one_without_gaps()
    {
        var wrong = EventCatalog.All
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Where(g => !g.Select(t => t.Version).Order().SequenceEqual(Enumerable.Range(1, g.Count())))
            .Select(g => $"{g.Key}: versions {string.Join(", ", g.Select(t => t.Version).Order())}")
            .ToList();

        Assert.True(wrong.Count == 0, $"each name's versions must be 1, 2, 3, … (a new version sits beside the old ones, which stay readable): {string.Join("; ", wrong)}");
    }
}
