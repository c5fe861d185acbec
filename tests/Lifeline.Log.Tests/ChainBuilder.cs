using Lifeline.Log.Chain;
using Lifeline.Log.Signing;

namespace Lifeline.Log.Tests;

/// <summary>Builds an in-memory log the way the store does (<see cref="EntryChain.Next"/>), with a signed checkpoint per batch.</summary>
internal static class ChainBuilder
{
    public static readonly Guid LogId = Guid.Parse("01900000-0000-7000-8000-0000000000aa");
    public static readonly DateTimeOffset Start = new(2016, 7, 28, 6, 0, 0, TimeSpan.Zero);

    public static (List<LogEntry> Entries, List<Checkpoint> Checkpoints) Build(ServerKey key, IReadOnlyList<byte[]> bodies, int batchSize)
    {
        var entries = new List<LogEntry>();
        var checkpoints = new List<Checkpoint>();
        var head = ChainHead.Empty(LogId);
        var entropy = new Random(20160728);
        for (var i = 0; i < bodies.Count; i++)
        {
            var at = Start.AddMinutes(i);
            var stream = $"site/{i % 3}";
            var streamVersion = entries.Count(e => e.Stream == stream) + 1L;
            var idempotencyKey = i % 2 == 0 ? $"key-{i}" : null;
            var entry = EntryChain.Next(head, new EntryDraft("site.registered.v1", stream, streamVersion, "officer", "tablet-7", null, idempotencyKey, bodies[i]), at, entropy);
            entries.Add(entry);
            head = ChainHead.After(entry);
            if (entry.Sequence % batchSize == 0 || i == bodies.Count - 1)
            {
                checkpoints.Add(key.Sign(LogId, entry.Sequence, entry.Hash, at));
            }
        }

        return (entries, checkpoints);
    }
}
