using Lifeline.Domain.Deciding;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Zones;

/// <summary>What a zone means for movements and people.</summary>
public enum ZoneKind
{
    BesiegedArea,
    ConflictNoGo,
    NoFly,
}

public static class ZoneNames
{
    public static readonly IReadOnlyDictionary<string, ZoneKind> Kinds = new Dictionary<string, ZoneKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["besieged_area"] = ZoneKind.BesiegedArea,
        ["conflict_no_go"] = ZoneKind.ConflictNoGo,
        ["no_fly"] = ZoneKind.NoFly,
    };

    public static string Name(this ZoneKind kind) => Kinds.First(pair => pair.Value == kind).Key;
}

/// <summary>An area on the map with a meaning for the operation.</summary>
public sealed record Zone(ZoneId Id, OperationId OperationId, string Name, ZoneKind Kind, GeoPolygon Area);

/// <summary>A zone was drawn; its area is kept as GeoJSON polygon coordinates ([longitude, latitude]).</summary>
public sealed record ZoneDrawn(Guid OperationId, Guid ZoneId, string Name, ZoneKind Kind, double[][][] Coordinates) : IDomainEvent;

public sealed record DrawZone(OperationId OperationId, ZoneId ZoneId, string Name, ZoneKind Kind, GeoPolygon Area) : IOperationCommand
{
    public static DrawZone? From(OperationId operationId, ZoneId zoneId, string? name, string? kind, string? geometryType, double[][][]? coordinates, Validation validation)
    {
        var validName = validation.Check(Check.RequiredText(name, "name", 120));
        var validKind = validation.Check(Check.OneOf(kind, "kind", ZoneNames.Kinds));
        GeoPolygon? area = null;
        if (!string.Equals(geometryType, "Polygon", StringComparison.Ordinal))
        {
            validation.Add(Reasons.Setup.ZoneNotPolygon.Invalid("geometry.type", ("type", (object?)geometryType ?? Reasons.Phrases.Nothing.With())));
        }
        else
        {
            area = validation.Check(GeoPolygon.FromGeoJsonCoordinates(coordinates, "geometry"));
        }

        return validation.Failed ? null : new DrawZone(operationId, zoneId, validName, validKind, area!);
    }
}

public static class ZoneDecider
{
    public static string Stream(ZoneId id) => $"zone/{id}";

    public static Decision Decide(DrawZone command, Operation? operation, Zone? sameName)
    {
        if (operation is null)
        {
            return Decision.Reject(Reasons.Setup.OperationNotFound.NotFound("operationId", ("operation", command.OperationId)));
        }

        if (sameName is not null)
        {
            return Decision.Reject(Reasons.Setup.ZoneNameTaken.Conflict("name", ("name", sameName.Name)));
        }

        return Decision.Accept(PendingEvent.Start(
            Stream(command.ZoneId),
            new ZoneDrawn(command.OperationId.Value, command.ZoneId.Value, command.Name, command.Kind, command.Area.ToGeoJsonCoordinates())));
    }
}
