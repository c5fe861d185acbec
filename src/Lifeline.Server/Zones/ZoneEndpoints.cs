using Lifeline.Domain.Primitives;
using Lifeline.Domain.Zones;
using Lifeline.Server.Access;
using Lifeline.Server.Http;
using Lifeline.Storage.Writing;
using Lifeline.Storage.Zones;

namespace Lifeline.Server.Zones;

/// <summary>A GeoJSON geometry (RFC 7946); zones take polygons.</summary>
public sealed record GeometryDto(string? Type, double[][][]? Coordinates);

public sealed record DrawZoneRequest(string? Name, string? Kind, GeometryDto? Geometry);

public sealed record ZoneProperties(Guid OperationId, string Name, string Kind);

/// <summary>A zone as a GeoJSON Feature.</summary>
public sealed record ZoneFeature(Guid Id, GeometryDto Geometry, ZoneProperties Properties)
{
    public string Type => "Feature";

    public static ZoneFeature From(Zone zone) => new(
        zone.Id.Value,
        new GeometryDto("Polygon", zone.Area.ToGeoJsonCoordinates()),
        new ZoneProperties(zone.OperationId.Value, zone.Name, zone.Kind.Name()));
}

public sealed record ZoneFeatureCollection(IReadOnlyList<ZoneFeature> Features)
{
    public string Type => "FeatureCollection";
}

public static class ZoneEndpoints
{
    public const string GeoJsonMediaType = "application/geo+json";

    public static IEndpointRouteBuilder MapZones(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup("/operations/{operationId:guid}/zones").WithTags("Zones").RequireAuthorization(Policies.ManageOperation);
        writes.MapPost("/", Draw).ProducesWrite();
        var group = app.MapGroup("/operations/{operationId:guid}/zones").WithTags("Zones").RequireAuthorization(Policies.ReadOperation);
        group.MapGet("/", List).Produces<ZoneFeatureCollection>(contentType: GeoJsonMediaType);
        group.MapGet("/{zoneId:guid}", Get).Produces<ZoneFeature>(contentType: GeoJsonMediaType).ProducesValidationProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Draw(Guid operationId, DrawZoneRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = DrawZone.From(operation, ZoneId.New(clock), request.Name, request.Kind, request.Geometry?.Type, request.Geometry?.Coordinates, validation);
        if (command is null)
        {
            return Problems.FromRejections(validation.Rejections);
        }

        return await Writes.Record(
            context,
            store,
            request,
            command,
            id => $"/operations/{operationId}/zones/{id}");
    }

    private static IResult List(Guid operationId, LogStore store) => Reads.InOperation(
        store,
        operationId,
        ZonesProjection.List,
        zones => Results.Json(new ZoneFeatureCollection(zones.Select(ZoneFeature.From).ToList()), Json.Options, GeoJsonMediaType));

    private static IResult Get(Guid operationId, Guid zoneId, LogStore store) => Reads.One(
        store.Read(session => ZonesProjection.Find(session, new OperationId(operationId), new ZoneId(zoneId))),
        zone => Results.Json(ZoneFeature.From(zone), Json.Options, GeoJsonMediaType),
        ServerReasons.Requests.ZoneNotFound.NotFound("zoneId", ("zone", zoneId), ("operation", operationId)));
}
