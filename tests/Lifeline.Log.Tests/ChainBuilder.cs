using Lifeline.Log.Chain;
using Lifeline.Log.Signing;

namespace Lifeline.Log.Tests;

/// <summary>Builds an in-memory log the way the store does: hash chain, a signed checkpoint per batch.</summary>
internal static class ChainBuilder
{
    public static readonly Guid LogId = Guid.Parse("01900000-0000-7000-8000-0000000000aa");
    public static readonly DateTimeOffset Start = new(2016, 7, 28, 6, 0, 0, TimeSpan.Zero);

    public static (List<LogEntry> Entries, List<Checkpoint> Checkpoints) Build(ServerKey key, IReadOnlyList<byte[]> bodies, int batchSize)
    {
        var entries = new List<LogEntry>();
        var checkpoints = new List<Checkpoint>();
        var previous = LogEntry.GenesisHash;
        for (var i = 0; i < bodies.Count; i++)
        {
            var sequence = i + 1L;
            var at = Start.AddMinutes(i);
            var id = Guid.CreateVersion7(at);
            var stream = $"site/{i % 3}";
            var streamVersion = entries.Count(e => e.Stream == stream) + 1L;
            var key2 = i % 2 == 0 ? $"key-{i}" : null;
            var hash = EntryHash.Compute(LogId, sequence, id, "site.registered.v1", stream, streamVersion, "officer", "tablet-7", at, at, key2, bodies[i], previous);
            entries.Add(new LogEntry(LogId, sequence, id, "site.registered.v1", stream, streamVersion, "officer", "tablet-7", at, at, key2, bodies[i], previous, hash));
            previous = hash;
            if (sequence % batchSize == 0 || i == bodies.Count - 1)
            {
                checkpoints.Add(key.Sign(LogId, sequence, hash, at));
            }
        }

        return (entries, checkpoints);
    }
}
