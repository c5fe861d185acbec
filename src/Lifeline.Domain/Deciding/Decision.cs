using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Deciding;

/// <summary>
/// A fact to be appended to the log, with the stream it belongs to (e.g. <c>site/…</c>). A decider that
/// creates something says so with <see cref="StartsStream"/>: the entry is then version 1 of a stream that
/// must not exist yet, and the store need not look the stream up.
/// </summary>
public sealed record PendingEvent(string Stream, IDomainEvent Event, bool StartsStream = false)
{
    public static PendingEvent Start(string stream, IDomainEvent domainEvent) => new(stream, domainEvent, StartsStream: true);
}

/// <summary>What a decider returns: the facts to record, or why the command was refused.</summary>
public abstract record Decision
{
    private Decision()
    {
    }

    public static Decision Accept(params PendingEvent[] events) => new Accepted(events);

    public static Decision Reject(Rejection rejection) => new Rejected([rejection]);

    public static Decision Reject(IReadOnlyList<Rejection> rejections) => new Rejected(rejections);

    /// <summary>The command is accepted; these events are to be recorded in this order.</summary>
    public sealed record Accepted(IReadOnlyList<PendingEvent> Events) : Decision;

    /// <summary>The command is refused; nothing is recorded.</summary>
    public sealed record Rejected(IReadOnlyList<Rejection> Rejections) : Decision;
}

/// <summary>Marks a record as a fact that can be recorded in the log; see <see cref="EventCatalog"/>.</summary>
public interface IDomainEvent
{
    /// <summary>The operation whose log records the event.</summary>
    Guid OperationId { get; }
}
