using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Operations;

/// <summary>A humanitarian operation: the unit that owns a log, its sites, zones and catalogue.</summary>
public sealed record Operation(OperationId Id, string Name, string Description, DateOnly StartDate, IanaTimeZone TimeZone);

/// <summary>An operation was set up.</summary>
public sealed record OperationCreated(Guid OperationId, string Name, string Description, DateOnly StartDate, string TimeZone) : IDomainEvent;

/// <summary>Set up a new operation with its own log.</summary>
public sealed record CreateOperation(OperationId OperationId, string Name, [OperationalNote] string Description, DateOnly StartDate, IanaTimeZone TimeZone) : IOperationCommand
{
    /// <summary>Checks raw input field by field; returns null and fills <paramref name="validation"/> when any field is bad.</summary>
    public static CreateOperation? From(OperationId id, string? name, string? description, DateOnly? startDate, string? timeZone, Validation validation)
    {
        var validName = validation.Check(Check.RequiredText(name, "name", 120));
        var validDescription = validation.Check(Check.OptionalText(description, "description"));
        var validStart = validation.Check(Check.Required(startDate, "startDate"));
        var validZone = validation.Check(IanaTimeZone.Create(timeZone, "timeZone"));
        return validation.Failed ? null : new CreateOperation(id, validName, validDescription, validStart, validZone);
    }
}

public static class OperationDecider
{
    public static string Stream(OperationId id) => $"operation/{id}";

    /// <summary>Operation names are unique so that people can tell operations apart in reports.</summary>
    public static Decision Decide(CreateOperation command, Operation? sameName)
    {
        if (sameName is not null)
        {
            return Decision.Reject(Reasons.Setup.OperationNameTaken.Conflict("name", ("name", sameName.Name)));
        }

        return Decision.Accept(PendingEvent.Start(
            Stream(command.OperationId),
            new OperationCreated(command.OperationId.Value, command.Name, command.Description, command.StartDate, command.TimeZone.Id)));
    }
}
