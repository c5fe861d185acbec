using System.Text.Json;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Primitives;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Database;
using Lifeline.Storage.Sites;

namespace Lifeline.Server.Exports;

/// <summary>Corridors as an RFC 7946 GeoJSON FeatureCollection: LineString routes, [longitude, latitude], WGS84.</summary>
public static class CorridorsGeoJson
{
    public static void Write(SqlSession session, OperationId operation, Stream output)
    {
        var sites = SitesProjection.List(session, operation).ToDictionary(s => s.Id);
        var features = CorridorsProjection.List(session, operation).Select(corridor => new
        {
            type = "Feature",
            id = corridor.Id.Value,
            geometry = new { type = "LineString", coordinates = corridor.Route.ToGeoJsonCoordinates() },
            properties = new
            {
                name = corridor.Name,
                status = corridor.Status.Name(),
                categories = corridor.Categories.Select(c => c.Name()).ToArray(),
                capacityPerHour = corridor.CapacityPerHour,
                authority = corridor.Authority,
                directions = corridor.Directions.Name(),
                lengthKm = Math.Round(corridor.Route.LengthKilometres(), 3),
                checkpoints = corridor.Checkpoints.Select(id => sites.TryGetValue(id, out var site) ? site.Name : id.ToString()).ToArray(),
            },
        });
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        JsonSerializer.Serialize(writer, new { type = "FeatureCollection", features });
    }
}
