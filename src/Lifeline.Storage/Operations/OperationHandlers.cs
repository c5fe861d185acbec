using Lifeline.Domain.Operations;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Operations;

/// <summary>The operation handler: a new operation is decided against the operation of the same name, if any.</summary>
public static class OperationHandlers
{
    public static CommandHandlers AddOperations(this CommandHandlers handlers) => handlers
        .On<CreateOperation>((context, command) => OperationDecider.Decide(command, OperationsProjection.FindByName(context.Session, command.Name)));
}
