using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Deciding;

/// <summary>
/// A request to record something in one operation's log, already parsed into value types. The store loads
/// the state its decider needs from that operation alone (see <c>Lifeline.Storage.Writing.CommandHandlers</c>),
/// so a command can never reach another operation's records.
/// </summary>
public interface IOperationCommand
{
    /// <summary>The operation whose log records the outcome, and the only one whose state is read to decide it.</summary>
    OperationId OperationId { get; }
}
