using System.Text.Json.Nodes;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Sites;
using Lifeline.Domain.Zones;
using Lifeline.Server.Access;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Corridors;
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
    /// Zones, corridors with their status and sites by kind, each with its label in the page's language and
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

            foreach (var site in SitesProjection.List(session, operation))
            {
                var label = l["Site_" + site.Kind.Name()].Value + (site.Status == SiteStatus.Closed ? $" · {l["Closed"]}" : "");
                list.Add(Feature("site", site.Kind.Name(), site.Name, label, $"{root}/sites#site-{site.Id.Value}", new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(site.Location.Longitude, site.Location.Latitude) }));
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
