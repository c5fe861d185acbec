using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lifeline.Log.Chain;
using Lifeline.Log.Signing;
using Lifeline.Log.Verification;

namespace Lifeline.Log.Tests;

public sealed class LogVerifierTests : IDisposable
{
    private readonly ServerKey _key = ServerKey.CreateEphemeral();

    public void Dispose() => _key.Dispose();

    private static byte[] Body(int i, string text) =>
        Encoding.UTF8.GetBytes($"{{\"n\":{i},\"name\":\"{new string(text.Where(c => !char.IsSurrogate(c) && c >= ' ' && c != '"' && c != '\\').ToArray())}\"}}");

    private (List<LogEntry> Entries, List<Checkpoint> Checkpoints) Chain(NonEmptyArray<string> texts, PositiveInt batch) =>
        ChainBuilder.Build(_key, texts.Get.Select((t, i) => Body(i, t ?? string.Empty)).ToList(), batch.Get);

    private LogVerification Verify(IEnumerable<LogEntry> entries, IEnumerable<Checkpoint> checkpoints) =>
        new LogVerifier(_key.PublicKey).Verify(ChainBuilder.LogId, entries, checkpoints);

    [Property(MaxTest = 200)]
    public bool Any_sequence_of_appends_verifies(NonEmptyArray<string> texts, PositiveInt batch)
    {
        var (entries, checkpoints) = Chain(texts, batch);

        var result = Verify(entries, checkpoints);

        return result.Succeeded && result.EntriesVerified == entries.Count && result.CheckpointsVerified == checkpoints.Count;
    }

    [Property(MaxTest = 300)]
    public Property Any_single_changed_byte_is_detected_at_its_entry(NonEmptyArray<string> texts, PositiveInt batch, NonNegativeInt entryPick, NonNegativeInt bytePick, byte xor)
    {
        var (entries, checkpoints) = Chain(texts, batch);
        var index = entryPick.Get % entries.Count;
        var entry = entries[index];

        // A flip can land in the body, the stored hash or the link to the previous entry.
        var region = bytePick.Get % 3;
        var body = entry.Body.ToArray();
        var hash = entry.Hash.ToArray();
        var previous = entry.PreviousHash.ToArray();
        var target = region switch { 0 => body, 1 => hash, _ => previous };
        var mask = xor == 0 ? (byte)1 : xor;
        target[bytePick.Get % target.Length] ^= mask;
        entries[index] = entry with { Body = body, Hash = hash, PreviousHash = previous };

        var result = Verify(entries, checkpoints);

        return (!result.Succeeded && result.Failure!.Sequence == entry.Sequence)
            .Label($"region {region}: {result.Failure}");
    }

    [Property(MaxTest = 200)]
    public Property A_removed_entry_is_detected(NonEmptyArray<string> texts, PositiveInt batch, NonNegativeInt pick)
    {
        var (entries, checkpoints) = Chain(texts, batch);
        var index = pick.Get % entries.Count;
        entries.RemoveAt(index);

        var result = Verify(entries, checkpoints);

        return (!result.Succeeded).Label($"removed entry {index + 1} of {entries.Count + 1}");
    }

    [Property(MaxTest = 200)]
    public Property A_reordered_pair_is_detected(NonEmptyArray<string> texts, PositiveInt batch, NonNegativeInt first, NonNegativeInt second)
    {
        var (entries, checkpoints) = Chain(texts, batch);
        var i = first.Get % entries.Count;
        var j = second.Get % entries.Count;
        (entries[i], entries[j]) = (entries[j], entries[i]);

        var result = Verify(entries, checkpoints);

        return (i == j || !result.Succeeded).Label($"swapped {i + 1} and {j + 1}");
    }

    [Fact]
    public void Entries_after_the_last_checkpoint_are_reported_as_unsigned()
    {
        var (entries, checkpoints) = ChainBuilder.Build(_key, [Body(0, "a"), Body(1, "b"), Body(2, "c")], batchSize: 2);
        checkpoints.RemoveAt(checkpoints.Count - 1);

        var failure = Verify(entries, checkpoints).Failure!;

        Assert.Equal(FailureKind.Unsigned, failure.Kind);
        Assert.Equal(3, failure.Sequence);
    }

    [Fact]
    public void A_checkpoint_signed_by_another_key_fails_at_its_sequence()
    {
        using var stranger = ServerKey.CreateEphemeral();
        var (entries, _) = ChainBuilder.Build(_key, [Body(0, "a"), Body(1, "b")], batchSize: 1);
        var (_, forged) = ChainBuilder.Build(stranger, [Body(0, "a"), Body(1, "b")], batchSize: 1);

        var failure = Verify(entries, forged).Failure!;

        Assert.Equal(FailureKind.Signature, failure.Kind);
        Assert.Equal(1, failure.Sequence);
    }

    [Fact]
    public void A_log_rewritten_consistently_after_signing_fails_at_the_checkpoint()
    {
        var (entries, checkpoints) = ChainBuilder.Build(_key, [Body(0, "a"), Body(1, "b")], batchSize: 2);
        var (rewritten, _) = ChainBuilder.Build(_key, [Body(0, "a"), Body(1, "forged")], batchSize: 2);

        var failure = Verify(rewritten, checkpoints).Failure!;

        Assert.Equal(FailureKind.Signature, failure.Kind);
        Assert.Equal(2, failure.Sequence);
        Assert.Contains("rewritten after signing", failure.Reason, StringComparison.Ordinal);
        Assert.True(Verify(entries, checkpoints).Succeeded);
    }

    [Fact]
    public void A_truncated_log_fails_because_a_checkpoint_covers_the_missing_tail()
    {
        var (entries, checkpoints) = ChainBuilder.Build(_key, [Body(0, "a"), Body(1, "b"), Body(2, "c")], batchSize: 1);
        entries.RemoveAt(2);

        var failure = Verify(entries, checkpoints).Failure!;

        Assert.Equal(3, failure.Sequence);
        Assert.Contains("entries were removed", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_public_key_round_trips_through_its_base64_form()
    {
        var parsed = CheckpointPublicKey.Parse(_key.PublicKey.Base64);

        Assert.Equal(_key.PublicKey.KeyId, parsed.KeyId);
        Assert.Throws<FormatException>(() => CheckpointPublicKey.Parse("not-a-key"));
    }
}
