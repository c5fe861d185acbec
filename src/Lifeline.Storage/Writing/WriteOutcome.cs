using Lifeline.Domain.Primitives;

namespace Lifeline.Storage.Writing;

/// <summary>What became of a batch of commands: all recorded, or none.</summary>
public abstract record WriteOutcome
{
    private WriteOutcome()
    {
    }

    /// <summary>Every command was recorded (or replayed); one receipt per command, in order.</summary>
    public sealed record Recorded(IReadOnlyList<Receipt> Receipts) : WriteOutcome;

    /// <summary>A decider refused command <paramref name="CommandIndex"/>; nothing of the batch was recorded.</summary>
    public sealed record Refused(int CommandIndex, IReadOnlyList<Rejection> Rejections) : WriteOutcome;

    /// <summary>An idempotency key was reused for different content; nothing of the batch was recorded.</summary>
    public sealed record KeyConflict(int CommandIndex, string Key) : WriteOutcome;
}
