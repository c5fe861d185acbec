using System.Globalization;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;

namespace Lifeline.Domain.Corridors;

/// <summary>A route out of (or into) a besieged area, with checkpoints and rules about who may pass.</summary>
public sealed record Corridor(
    CorridorId Id,
    OperationId OperationId,
    string Name,
    GeoLine Route,
    IReadOnlyList<SiteId> Checkpoints,
    IReadOnlyList<PersonCategory> Categories,
    int? CapacityPerHour,
    string Authority,
    CorridorDirections Directions,
    CorridorStatus Status);

/// <summary>A corridor was defined; it starts planned.</summary>
public sealed record CorridorDefined(
    Guid OperationId,
    Guid CorridorId,
    string Name,
    double[][] Route,
    Guid[] Checkpoints,
    PersonCategory[] Categories,
    int? CapacityPerHour,
    string Authority,
    CorridorDirections Directions) : IDomainEvent;

/// <summary>A corridor's status changed, why, and on whose authority; who recorded it is the entry's actor.</summary>
public sealed record CorridorStatusChanged(Guid OperationId, Guid CorridorId, CorridorStatus From, CorridorStatus To, string Reason, string Authority) : IDomainEvent;

public sealed record DefineCorridor(
    OperationId OperationId,
    CorridorId CorridorId,
    string Name,
    GeoLine Route,
    IReadOnlyList<SiteId> Checkpoints,
    IReadOnlyList<PersonCategory> Categories,
    int? CapacityPerHour,
    string Authority,
    CorridorDirections Directions) : IOperationCommand
{
    public static DefineCorridor? From(
        OperationId operationId,
        CorridorId corridorId,
        string? name,
        string? routeType,
        double[][]? route,
        IReadOnlyList<Guid>? checkpoints,
        IReadOnlyList<string>? categories,
        int? capacityPerHour,
        string? authority,
        string? directions,
        Validation validation)
    {
        var validName = validation.Check(Check.RequiredText(name, "name", 120));
        GeoLine? line = null;
        if (!string.Equals(routeType, "LineString", StringComparison.Ordinal))
        {
            validation.Add(Reasons.Corridors.RouteNotLine.Invalid("route.type", ("type", (object?)routeType ?? Reasons.Phrases.Nothing.With())));
        }
        else
        {
            line = validation.Check(GeoLine.FromGeoJsonCoordinates(route, "route"));
        }

        if (checkpoints is null || checkpoints.Count < 2)
        {
            validation.Add(Reasons.Corridors.TooFewCheckpoints.Invalid("checkpointIds"));
        }
        else if (checkpoints.Distinct().Count() != checkpoints.Count)
        {
            validation.Add(Reasons.Corridors.CheckpointTwice.Invalid("checkpointIds"));
        }

        var validCategories = new List<PersonCategory>();
        if (categories is null || categories.Count == 0)
        {
            validation.Add(Reasons.Corridors.CategoriesRequired.Invalid("categories", ("allowed", Reasons.Names(CorridorNames.Categories.Keys))));
        }
        else
        {
            for (var i = 0; i < categories.Count; i++)
            {
                var category = validation.Check(Check.OneOf(categories[i], string.Create(CultureInfo.InvariantCulture, $"categories[{i}]"), CorridorNames.Categories));
                if (!validCategories.Contains(category))
                {
                    validCategories.Add(category);
                }
            }
        }

        if (capacityPerHour is <= 0)
        {
            validation.Add(Reasons.Corridors.CapacityNotPositive.Invalid("capacityPerHour", ("value", capacityPerHour.Value)));
        }

        var validAuthority = validation.Check(Check.RequiredText(authority, "authority", 200));
        var validDirections = validation.Check(Check.OneOf(directions ?? "outbound", "directions", CorridorNames.Directions));
        return validation.Failed
            ? null
            : new DefineCorridor(operationId, corridorId, validName, line!, checkpoints!.Select(id => new SiteId(id)).ToList(), validCategories, capacityPerHour, validAuthority, validDirections);
    }
}

public sealed record ChangeCorridorStatus(OperationId OperationId, CorridorId CorridorId, CorridorStatus Status, [OperationalNote] string Reason, string Authority) : IOperationCommand
{
    public static ChangeCorridorStatus? From(OperationId operationId, CorridorId corridorId, string? status, string? reason, string? authority, Validation validation)
    {
        var validStatus = validation.Check(Check.OneOf(status, "status", CorridorNames.Statuses));
        var validReason = validation.Check(Check.RequiredText(reason, "reason", 500));
        var validAuthority = validation.Check(Check.RequiredText(authority, "authority", 200));
        return validation.Failed ? null : new ChangeCorridorStatus(operationId, corridorId, validStatus, validReason, validAuthority);
    }
}

public static class CorridorDecider
{
    /// <summary>Which status may follow which. Closed is final: a closed corridor is reopened by defining a new one.</summary>
    public static readonly IReadOnlyDictionary<CorridorStatus, CorridorStatus[]> Transitions = new Dictionary<CorridorStatus, CorridorStatus[]>
    {
        [CorridorStatus.Planned] = [CorridorStatus.Open, CorridorStatus.Closed],
        [CorridorStatus.Open] = [CorridorStatus.Paused, CorridorStatus.Suspended, CorridorStatus.Closed],
        [CorridorStatus.Paused] = [CorridorStatus.Open, CorridorStatus.Suspended, CorridorStatus.Closed],
        [CorridorStatus.Suspended] = [CorridorStatus.Open, CorridorStatus.Closed],
        [CorridorStatus.Closed] = [],
    };

    public static string Stream(CorridorId id) => $"corridor/{id}";

    /// <param name="command">The corridor to define.</param>
    /// <param name="operation">The operation, if it exists.</param>
    /// <param name="sameName">A corridor of the operation with the same name, if any.</param>
    /// <param name="checkpoints">The operation's sites named as checkpoints, found by id (missing ones are absent).</param>
    public static Decision Decide(DefineCorridor command, Operation? operation, Corridor? sameName, IReadOnlyDictionary<SiteId, Site> checkpoints)
    {
        if (operation is null)
        {
            return Decision.Reject(Reasons.Setup.OperationNotFound.NotFound("operationId", ("operation", command.OperationId)));
        }

        if (sameName is not null)
        {
            return Decision.Reject(Reasons.Corridors.NameTaken.Conflict("name", ("name", sameName.Name)));
        }

        var rejections = new List<Rejection>();
        for (var i = 0; i < command.Checkpoints.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"checkpointIds[{i}]");
            if (!checkpoints.TryGetValue(command.Checkpoints[i], out var site))
            {
                rejections.Add(Reasons.Corridors.SiteNotInOperation.Invalid(field, ("site", command.Checkpoints[i])));
            }
            else if (site.Kind != SiteKind.Checkpoint)
            {
                rejections.Add(Reasons.Corridors.SiteNotCheckpoint.Invalid(field, ("site", site.Name), ("kind", Reasons.Term("site-kind", site.Kind.Name()))));
            }
        }

        if (rejections.Count > 0)
        {
            return Decision.Reject(rejections);
        }

        return Decision.Accept(PendingEvent.Start(
            Stream(command.CorridorId),
            new CorridorDefined(
                command.OperationId.Value,
                command.CorridorId.Value,
                command.Name,
                command.Route.ToGeoJsonCoordinates(),
                command.Checkpoints.Select(id => id.Value).ToArray(),
                command.Categories.ToArray(),
                command.CapacityPerHour,
                command.Authority,
                command.Directions)));
    }

    public static Decision Decide(ChangeCorridorStatus command, Corridor? corridor)
    {
        if (corridor is null || corridor.OperationId != command.OperationId)
        {
            return Decision.Reject(Reasons.Corridors.NotFound.NotFound("corridorId", ("corridor", command.CorridorId), ("operation", command.OperationId)));
        }

        if (!Transitions[corridor.Status].Contains(command.Status))
        {
            var allowed = Transitions[corridor.Status];
            var status = Reasons.Term("corridor-status", corridor.Status.Name());
            var to = Reasons.Term("corridor-status", command.Status.Name());
            return Decision.Reject(allowed.Length == 0
                ? Reasons.Corridors.StatusFinal.Invalid("status", ("corridor", corridor.Name), ("status", status), ("to", to))
                : Reasons.Corridors.StatusTransition.Invalid("status", ("corridor", corridor.Name), ("status", status), ("to", to), ("allowed", Reasons.Terms("corridor-status", allowed.Select(s => s.Name()), Reasons.Lists.Or))));
        }

        return Decision.Accept(new PendingEvent(
            Stream(command.CorridorId),
            new CorridorStatusChanged(command.OperationId.Value, command.CorridorId.Value, corridor.Status, command.Status, command.Reason, command.Authority)));
    }
}
