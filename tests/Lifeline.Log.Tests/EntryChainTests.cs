using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lifeline.Log.Chain;

namespace Lifeline.Log.Tests;

/// <summary>The chain's one step, from a head, a draft, a time and entropy to the next entry.</summary>
public class EntryChainTests
{
    private static readonly Guid LogId = Guid.Parse("01900000-0000-7000-8000-0000000000bb");
    private static readonly DateTimeOffset At = new(2016, 7, 30, 9, 15, 0, TimeSpan.FromHours(3));

    private static EntryDraft Draft(string text, long streamVersion = 1, string? key = "tablet-7:0001", DateTimeOffset? occurredAt = null) =>
        new("passage.recorded.v1", "passage/1", streamVersion, "user:officer-1", "token:7", occurredAt, key, Encoding.UTF8.GetBytes($"{{\"note\":\"{text.Length}\"}}"));

    private static ChainHead Head(NonNegativeInt sequence, byte seed) =>
        sequence.Get == 0 ? ChainHead.Empty(LogId) : new ChainHead(LogId, sequence.Get, Enumerable.Repeat(seed, EntryHash.Length).ToArray());

    [Property(MaxTest = 200)]
    public bool The_next_entry_follows_its_head_and_its_hash_covers_every_field(NonNegativeInt sequence, byte seed, string text, PositiveInt streamVersion, int seconds)
    {
        var head = Head(sequence, seed);
        var recordedAt = At.AddSeconds(seconds % 100_000);
        var draft = Draft(text ?? string.Empty, streamVersion.Get, occurredAt: recordedAt.AddHours(-2));

        var entry = EntryChain.Next(head, draft, recordedAt, new Random(seed));

        var recomputed = EntryHash.Compute(LogId, head.Sequence + 1, entry.Id, draft.Type, draft.Stream, draft.StreamVersion, draft.Actor, draft.Device, recordedAt.AddHours(-2), recordedAt, draft.IdempotencyKey, draft.Body, head.Hash);
        return entry.LogId == LogId
            && entry.Sequence == head.Sequence + 1
            && entry.PreviousHash.SequenceEqual(head.Hash)
            && entry.Hash.SequenceEqual(recomputed)
            && entry.Id.Version == 7
            && entry.StreamVersion == streamVersion.Get
            && entry.Body.SequenceEqual(draft.Body);
    }

    [Property(MaxTest = 100)]
    public Property Steps_from_each_new_head_make_a_gapless_linked_chain(NonEmptyArray<string> texts)
    {
        var head = ChainHead.Empty(LogId);
        var entries = new List<LogEntry>();
        foreach (var text in texts.Get)
        {
            var entry = EntryChain.Next(head, Draft(text ?? string.Empty), At.AddMinutes(entries.Count));
            entries.Add(entry);
            head = ChainHead.After(entry);
        }

        var linked = entries.Select((e, i) => e.Sequence == i + 1 && e.PreviousHash.SequenceEqual(i == 0 ? LogEntry.GenesisHash : entries[i - 1].Hash));
        return (linked.All(ok => ok) && head.Sequence == entries.Count).Label($"{entries.Count} entries");
    }

    [Fact]
    public void The_same_head_draft_time_and_seed_make_the_same_entry_and_another_seed_another_id()
    {
        var head = ChainHead.Empty(LogId);

        var first = EntryChain.Next(head, Draft("a"), At, new Random(7));
        var again = EntryChain.Next(head, Draft("a"), At, new Random(7));
        var other = EntryChain.Next(head, Draft("a"), At, new Random(8));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Hash, again.Hash);
        Assert.NotEqual(first.Id, other.Id);
        Assert.NotEqual(first.Hash, other.Hash);
    }

    [Fact]
    public void Times_are_kept_to_the_millisecond_and_a_draft_without_one_happened_when_recorded()
    {
        var recordedAt = At.AddTicks(12_345);

        var entry = EntryChain.Next(ChainHead.Empty(LogId), Draft("a", occurredAt: null), recordedAt);

        Assert.Equal(Timestamps.ToLogPrecision(recordedAt), entry.RecordedAt);
        Assert.Equal(entry.RecordedAt, entry.OccurredAt);
        Assert.Equal(0, entry.RecordedAt.Ticks % TimeSpan.TicksPerMillisecond);
    }

    [Property(MaxTest = 200)]
    public bool Any_changed_field_of_the_draft_changes_the_hash(NonNegativeInt field, string text)
    {
        var draft = Draft(text ?? string.Empty);
        var changed = (field.Get % 8) switch
        {
            0 => draft with { Type = "passage.recorded.v2" },
            1 => draft with { Stream = "passage/2" },
            2 => draft with { StreamVersion = 2 },
            3 => draft with { Actor = "user:officer-2" },
            4 => draft with { Device = "token:8" },
            5 => draft with { OccurredAt = At.AddMinutes(-1) },
            6 => draft with { IdempotencyKey = null },
            _ => draft with { Body = [.. draft.Body, (byte)' '] },
        };

        var head = ChainHead.Empty(LogId);
        return !EntryChain.Next(head, draft, At, new Random(1)).Hash.SequenceEqual(EntryChain.Next(head, changed, At, new Random(1)).Hash);
    }
}
