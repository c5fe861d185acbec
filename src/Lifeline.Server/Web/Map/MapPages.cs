using System.Text.Json.Nodes;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Sites;
using Lifeline.Domain.Zones;
using Lifeline.Server.Access;
using Lifeline.Server.Web.Reports;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Movements;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;
using Lifeline.Storage.Zones;
using Microsoft.Extensions.Localization;

namespace Lifeline.Server.Web.Map;

/// <summary>The offline map: a page, and its layers as one GeoJSON document the map script draws.</summary>
public static class MapPages
{
    public static IEndpointRouteBuilder MapMapPages(this IEndpointRouteBuilder app)
    {
        var group = app.OperationPages(Policies.ReadOperation);
        group.MapGet("/map", (Guid operationId, HttpContext context) => Pages.Render<MapPage>(new { Web = WebContext.For(context, operationId) }));
        group.MapGet("/map/features", Features);
        return app;
    }

    /// <summary>
    /// Zones, corridors with their status, sites by kind and movements under way (departed or arrived, not yet delivered or lost: the dashboard's definition) as a line from origin to destination, each with its label in the page's language and
    /// the page that details it. RFC 7946 order: longitude, latitude.
    /// </summary>
    private static IResult Features(Guid operationId, LogStore store, IStringLocalizer<Strings> l)
    {
        var operation = new Domain.Primitives.OperationId(operationId);
        var root = $"{WebSetup.Root}/operations/{operationId}";
        var features = store.Read(session =>
        {
            var list = new JsonArray();
            foreach (var zone in ZonesProjection.List(session, operation))
            {
                var rings = new JsonArray(zone.Area.ToGeoJsonCoordinates().Select(ring => (JsonNode)Positions(ring)).ToArray());
                list.Add(Feature("zone", zone.Kind.Name(), zone.Name, l["Zone_" + zone.Kind.Name()], $"{root}/zones#zone-{zone.Id.Value}", new JsonObject { ["type"] = "Polygon", ["coordinates"] = rings }));
            }

            foreach (var corridor in CorridorsProjection.List(session, operation))
            {
                list.Add(Feature("corridor", corridor.Status.Name(), corridor.Name, l["Status_" + corridor.Status.Name()], $"{root}/corridors/{corridor.Id.Value}", new JsonObject { ["type"] = "LineString", ["coordinates"] = Positions(corridor.Route.ToGeoJsonCoordinates()) }));
            }

            var sites = SitesProjection.List(session, operation);
            foreach (var site in sites)
            {
                var label = l["Site_" + site.Kind.Name()].Value + (site.Status == SiteStatus.Closed ? $" · {l["Closed"]}" : "");
                list.Add(Feature("site", site.Kind.Name(), site.Name, label, $"{root}/sites#site-{site.Id.Value}", new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(site.Location.Longitude, site.Location.Latitude) }));
            }

            var byId = sites.ToDictionary(s => s.Id);
            foreach (var movement in MovementsProjection.List(session, operation).Where(m => LogisticsFigures.UnderWayStatuses.Contains(m.Status)))
            {
                if (byId.GetValueOrDefault(movement.Origin) is not { } origin || byId.GetValueOrDefault(movement.Destination) is not { } destination)
                {
                    continue;
                }

                var name = string.Join(", ", movement.Vehicles.Select(v => v.VehicleId));
                var label = $"{l["Mode_" + movement.Mode.Name()]} · {l["Movement_" + movement.Status.Name()]} · {origin.Name} → {destination.Name}";
                var line = new JsonArray(new JsonArray(origin.Location.Longitude, origin.Location.Latitude), new JsonArray(destination.Location.Longitude, destination.Location.Latitude));
                list.Add(Feature("movement", movement.Mode.Name(), name, label, $"{root}/movements/{movement.Id.Value}", new JsonObject { ["type"] = "LineString", ["coordinates"] = line }));
            }

            return list;
        });
        return Results.Text(new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString(), "application/geo+json");
    }

    private static JsonArray Positions(double[][] positions) => new(positions.Select(p => (JsonNode)new JsonArray(p[0], p[1])).ToArray());

    private static JsonObject Feature(string layer, string kind, string name, string label, string href, JsonObject geometry) => new()
    {
        ["type"] = "Feature",
        ["geometry"] = geometry,
        ["properties"] = new JsonObject { ["layer"] = layer, ["kind"] = kind, ["name"] = name, ["label"] = label, ["href"] = href },
    };
}
