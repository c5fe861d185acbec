using System.Text.Json;
using Lifeline.Domain.Deciding;
using Lifeline.Log.Chain;

namespace Lifeline.Storage.Writing;

/// <summary>Turns a stored entry back into the event it records.</summary>
public static class EventBodies
{
    /// <exception cref="InvalidDataException">The entry's type is not in the catalogue or its body does not match it.</exception>
    public static IDomainEvent Read(LogEntry entry)
    {
        var type = EventCatalog.Find(entry.Type)
            ?? throw new InvalidDataException($"entry {entry.Sequence} of log {entry.LogId} has type '{entry.Type}', which this version of lifeline does not know");
        try
        {
            return (IDomainEvent)(JsonSerializer.Deserialize(entry.Body, type.ClrType, EventJson.Options)
                ?? throw new InvalidDataException($"entry {entry.Sequence} of log {entry.LogId} has an empty body"));
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"entry {entry.Sequence} of log {entry.LogId} ({entry.Type}) has a body that does not read: {exception.Message}", exception);
        }
    }
}
