using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Primitives;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Tests;

public class FlowProjectionTests
{
    /// <summary>Every passage and correction in the demo log, replayed by hand into hourly people per corridor.</summary>
    private static Dictionary<(Guid Corridor, DateTimeOffset Hour), long> Recompute(IEnumerable<PassageRecorded> passages)
    {
        var live = new Dictionary<Guid, PassageRecorded>();
        foreach (var passage in passages)
        {
            if (passage.Corrects is { } corrected)
            {
                live.Remove(corrected);
            }

            live[passage.PassageId] = passage;
        }

        return live.Values
            .Where(p => p.Direction == PassageDirection.Outbound)
            .GroupBy(p => (p.CorridorId, new DateTimeOffset(p.OccurredAt.UtcDateTime.Date.AddHours(p.OccurredAt.UtcDateTime.Hour), TimeSpan.Zero)))
            .ToDictionary(g => g.Key, g => g.Sum(p => (long)p.TotalPeople()));
    }

    [Property(MaxTest = 12)]
    public Property Flow_projections_equal_a_recomputation_from_the_log(NonNegativeInt[] corrections)
    {
        using var fixture = new StoreFixture();
        var operation = Server.Demo.DemoOperation.Load(fixture.Store, TimeProvider.System);
        var passages = fixture.Store.Read(s => LogReader.AllEntries(s).Where(e => e.Type == "passage.recorded.v1").Select(e => (PassageRecorded)EventBodies.Read(e)).ToList());

        // Correct an arbitrary selection of the demo's passages (each at most once), to a new tally.
        foreach (var pick in corrections.Select(c => c.Get % passages.Count).Distinct())
        {
            var original = passages[pick];
            var command = RecordPassage.From(
                operation,
                PassageId.New(TimeProvider.System),
                original.CorridorId,
                original.CheckpointId,
                "outbound",
                original.OccurredAt,
                [new(original.Counts[0].Category.Name(), "unknown", "unknown", pick % 7)],
                null,
                null,
                null,
                original.OutOfWindow ? "correction of an out-of-window tally" : null,
                original.PassageId,
                new Validation())!;
            Assert.IsType<WriteOutcome.Recorded>(fixture.Store.Execute(new LogCommand(command), StoreFixture.Officer));
        }

        var expected = Recompute(fixture.Store.Read(s => LogReader.AllEntries(s).Where(e => e.Type == "passage.recorded.v1").Select(e => (PassageRecorded)EventBodies.Read(e)).ToList()));
        var projected = fixture.Store.Read(s => CorridorsProjection.List(s, operation)
            .SelectMany(c => PassagesProjection.Hourly(s, c.Id, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1)))
            .Where(h => h.Direction == PassageDirection.Outbound && (h.People != 0 || h.Passages != 0))
            .ToDictionary(h => (h.CorridorId.Value, h.HourStart), h => h.People));

        return (expected.Count == projected.Count && expected.All(pair => projected.TryGetValue(pair.Key, out var people) && people == pair.Value))
            .Label($"{expected.Count} hours expected, {projected.Count} projected");
    }
}
