using Lifeline.Domain.Deciding;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Sites;

/// <summary>What a site is for.</summary>
public enum SiteKind
{
    Hub,
    Airfield,
    Helipad,
    Warehouse,
    DistributionPoint,
    Checkpoint,
}

public enum SiteStatus
{
    Active,
    Closed,
}

/// <summary>The names used in the API, the log and the CLI for site kinds and statuses.</summary>
public static class SiteNames
{
    public static readonly IReadOnlyDictionary<string, SiteKind> Kinds = new Dictionary<string, SiteKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["hub"] = SiteKind.Hub,
        ["airfield"] = SiteKind.Airfield,
        ["helipad"] = SiteKind.Helipad,
        ["warehouse"] = SiteKind.Warehouse,
        ["distribution_point"] = SiteKind.DistributionPoint,
        ["checkpoint"] = SiteKind.Checkpoint,
    };

    public static readonly IReadOnlyDictionary<string, SiteStatus> Statuses = new Dictionary<string, SiteStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["active"] = SiteStatus.Active,
        ["closed"] = SiteStatus.Closed,
    };

    public static string Name(this SiteKind kind) => Kinds.First(pair => pair.Value == kind).Key;

    public static string Name(this SiteStatus status) => Statuses.First(pair => pair.Value == status).Key;
}

/// <summary>A place that matters to the operation.</summary>
public sealed record Site(SiteId Id, OperationId OperationId, string Name, SiteKind Kind, GeoPoint Location, string? PCode, SiteStatus Status);

/// <summary>A site was registered; it starts active.</summary>
public sealed record SiteRegistered(Guid OperationId, Guid SiteId, string Name, SiteKind Kind, double Latitude, double Longitude, string? PCode) : IDomainEvent;

/// <summary>A site was closed or reopened, and why.</summary>
public sealed record SiteStatusChanged(Guid OperationId, Guid SiteId, SiteStatus Status, string Reason) : IDomainEvent;

public sealed record RegisterSite(OperationId OperationId, SiteId SiteId, string Name, SiteKind Kind, GeoPoint Location, string? PCode) : IOperationCommand
{
    public static RegisterSite? From(OperationId operationId, SiteId siteId, string? name, string? kind, double? latitude, double? longitude, string? pCode, Validation validation)
    {
        var validName = validation.Check(Check.RequiredText(name, "name", 120));
        var validKind = validation.Check(Check.OneOf(kind, "kind", SiteNames.Kinds));
        var lat = validation.Check(Check.Required(latitude, "location.latitude"));
        var lon = validation.Check(Check.Required(longitude, "location.longitude"));
        var location = latitude is null || longitude is null ? default : validation.Check(GeoPoint.Create(lat, lon, "location"));
        var validPCode = validation.Check(Check.PCode(pCode, "pCode"));
        return validation.Failed ? null : new RegisterSite(operationId, siteId, validName, validKind, location, validPCode);
    }
}

public sealed record ChangeSiteStatus(OperationId OperationId, SiteId SiteId, SiteStatus Status, [OperationalNote] string Reason) : IOperationCommand
{
    public static ChangeSiteStatus? From(OperationId operationId, SiteId siteId, string? status, string? reason, Validation validation)
    {
        var validStatus = validation.Check(Check.OneOf(status, "status", SiteNames.Statuses));
        var validReason = validation.Check(Check.RequiredText(reason, "reason", 500));
        return validation.Failed ? null : new ChangeSiteStatus(operationId, siteId, validStatus, validReason);
    }
}

public static class SiteDecider
{
    public static string Stream(SiteId id) => $"site/{id}";

    /// <summary>Site names are unique within an operation: field teams refer to sites by name on the radio.</summary>
    public static Decision Decide(RegisterSite command, Operation? operation, Site? sameName)
    {
        if (operation is null)
        {
            return Decision.Reject(Reasons.Setup.OperationNotFound.NotFound("operationId", ("operation", command.OperationId)));
        }

        if (sameName is not null)
        {
            return Decision.Reject(Reasons.Setup.SiteNameTaken.Conflict("name", ("name", sameName.Name)));
        }

        return Decision.Accept(PendingEvent.Start(
            Stream(command.SiteId),
            new SiteRegistered(command.OperationId.Value, command.SiteId.Value, command.Name, command.Kind, command.Location.Latitude, command.Location.Longitude, command.PCode)));
    }

    public static Decision Decide(ChangeSiteStatus command, Site? site)
    {
        if (site is null || site.OperationId != command.OperationId)
        {
            return Decision.Reject(Reasons.Setup.SiteNotFound.NotFound("siteId", ("site", command.SiteId), ("operation", command.OperationId)));
        }

        if (site.Status == command.Status)
        {
            return Decision.Reject(Reasons.Setup.SiteAlreadyInStatus.Invalid("status", ("site", site.Name), ("status", Reasons.Term("site-status", command.Status.Name()))));
        }

        return Decision.Accept(new PendingEvent(
            Stream(command.SiteId),
            new SiteStatusChanged(command.OperationId.Value, command.SiteId.Value, command.Status, command.Reason)));
    }
}
