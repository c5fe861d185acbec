using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Lifeline.Domain.Primitives;

/// <summary>
/// A simple polygon on WGS84 coordinates: an outer ring and optional holes, each ring closed
/// (first position equals last) and none crossing itself or another.
/// </summary>
public sealed record GeoPolygon
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private GeoPolygon(IReadOnlyList<IReadOnlyList<GeoPoint>> rings) => Rings = rings;

    /// <summary>The rings, outer first, each closed.</summary>
    public IReadOnlyList<IReadOnlyList<GeoPoint>> Rings { get; }

    /// <summary>Positions as GeoJSON orders them: [longitude, latitude].</summary>
    public double[][][] ToGeoJsonCoordinates() =>
        Rings.Select(ring => ring.Select(p => new[] { p.Longitude, p.Latitude }).ToArray()).ToArray();

    public Polygon ToGeometry()
    {
        var shells = Rings.Select(ring => Factory.CreateLinearRing(ring.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToArray())).ToArray();
        return Factory.CreatePolygon(shells[0], shells[1..]);
    }

    public bool Contains(GeoPoint point) => ToGeometry().Contains(Factory.CreatePoint(new Coordinate(point.Longitude, point.Latitude)));

    /// <summary>Builds a polygon from GeoJSON-ordered positions ([longitude, latitude]).</summary>
    public static Validated<GeoPolygon> FromGeoJsonCoordinates(double[][][]? coordinates, string field = "geometry")
    {
        if (coordinates is null || coordinates.Length == 0)
        {
            return Validated<GeoPolygon>.Invalid($"{field}.coordinates", "a polygon needs at least an outer ring");
        }

        var rings = new List<IReadOnlyList<GeoPoint>>(coordinates.Length);
        for (var r = 0; r < coordinates.Length; r++)
        {
            var ringField = string.Create(CultureInfo.InvariantCulture, $"{field}.coordinates[{r}]");
            var ring = coordinates[r];
            if (ring is null || ring.Length < 4)
            {
                return Validated<GeoPolygon>.Invalid(ringField, string.Create(CultureInfo.InvariantCulture, $"a ring needs at least 4 positions (a triangle and the closing position), got {ring?.Length ?? 0}"));
            }

            var points = new List<GeoPoint>(ring.Length);
            for (var i = 0; i < ring.Length; i++)
            {
                var position = ring[i];
                var positionField = string.Create(CultureInfo.InvariantCulture, $"{ringField}[{i}]");
                if (position is null || position.Length is < 2 or > 3)
                {
                    return Validated<GeoPolygon>.Invalid(positionField, "a position is [longitude, latitude]");
                }

                var point = GeoPoint.Create(position[1], position[0], positionField);
                if (!point.IsValid)
                {
                    return Validated<GeoPolygon>.Invalid(point.Rejection!);
                }

                points.Add(point.Value);
            }

            if (points[0] != points[^1])
            {
                return Validated<GeoPolygon>.Invalid(ringField, "the ring is not closed: its last position must repeat its first");
            }

            rings.Add(points);
        }

        var polygon = new GeoPolygon(rings);
        var error = new IsValidOp(polygon.ToGeometry()).ValidationError;
        if (error is not null)
        {
            var at = error.Coordinate is { } c
                ? string.Create(CultureInfo.InvariantCulture, $" at [{c.X:0.######}, {c.Y:0.######}]")
                : string.Empty;
            var reason = error.ErrorType switch
            {
                TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection =>
                    "the polygon intersects itself",
                TopologyValidationErrors.TooFewPoints => "a ring has too few distinct positions",
                _ => $"the polygon is not valid ({error.Message})",
            };
            return Validated<GeoPolygon>.Invalid($"{field}.coordinates", reason + at);
        }

        return Validated<GeoPolygon>.Valid(polygon);
    }

    public bool Equals(GeoPolygon? other) =>
        other is not null && Rings.Count == other.Rings.Count && Rings.Zip(other.Rings).All(pair => pair.First.SequenceEqual(pair.Second));

    public override int GetHashCode() => Rings.Count == 0 ? 0 : HashCode.Combine(Rings.Count, Rings[0].Count, Rings[0][0]);
}
