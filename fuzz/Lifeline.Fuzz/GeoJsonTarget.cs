using System.Text.Json;
using Lifeline.Domain.Primitives;
using Lifeline.Server.Http;

namespace Lifeline.Fuzz;

/// <summary>
/// GeoJSON coordinates as the API reads them (the server's JSON options), then the domain's polygon and line
/// parsing. Malformed JSON is a 400 (<see cref="JsonException"/>); bad geometry is a rejection naming the field;
/// a geometry accepted must then be usable.
/// </summary>
internal sealed class GeoJsonTarget : ITarget
{
    public void Run(byte[] input)
    {
        if (Read<double[][][]>(input) is { } rings)
        {
            var polygon = GeoPolygon.FromGeoJsonCoordinates(rings);
            if (polygon.IsValid)
            {
                _ = polygon.Value.Contains(polygon.Value.Rings[0][0]);
                _ = polygon.Value.ToGeoJsonCoordinates();
            }
        }
        else if (Read<double[][]>(input) is { } positions)
        {
            var line = GeoLine.FromGeoJsonCoordinates(positions);
            if (line.IsValid)
            {
                _ = line.Value.LengthKilometres();
                _ = line.Value.ToGeometry();
            }
        }
    }

    private static T? Read<T>(byte[] input)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(input, Json.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose()
    {
    }
}
