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
    /// <summary>
    /// The most positions a polygon may have over all its rings: a city's outline traced street by street needs a
    /// few thousand; more only costs every reader of the zones memory and time.
    /// </summary>
    public const int MaxPositions = 10_000;

    /// <summary>The most rings a polygon may have: the outer ring and up to 99 holes.</summary>
    public const int MaxRings = 100;

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
            return Reasons.Geo.PolygonNoRing.Invalid($"{field}.coordinates");
        }

        // Counted before any position is read, so an oversized polygon costs no more than its parsing already did.
        if (coordinates.Length > MaxRings)
        {
            return Reasons.Geo.PolygonTooManyRings.Invalid($"{field}.coordinates", ("max", MaxRings), ("count", coordinates.Length));
        }

        var positions = coordinates.Sum(ring => (long)(ring?.Length ?? 0));
        if (positions > MaxPositions)
        {
            return Reasons.Geo.PolygonTooManyPositions.Invalid($"{field}.coordinates", ("max", MaxPositions), ("count", positions));
        }

        var rings = new List<IReadOnlyList<GeoPoint>>(coordinates.Length);
        for (var r = 0; r < coordinates.Length; r++)
        {
            var ringField = string.Create(CultureInfo.InvariantCulture, $"{field}.coordinates[{r}]");
            var ring = coordinates[r];
            if (ring is null || ring.Length < 4)
            {
                return Reasons.Geo.RingTooFewPositions.Invalid(ringField, ("count", ring?.Length ?? 0));
            }

            var points = new List<GeoPoint>(ring.Length);
            for (var i = 0; i < ring.Length; i++)
            {
                var position = ring[i];
                var positionField = string.Create(CultureInfo.InvariantCulture, $"{ringField}[{i}]");
                if (position is null || position.Length is < 2 or > 3)
                {
                    return Reasons.Geo.PositionShape.Invalid(positionField);
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
                return Reasons.Geo.RingNotClosed.Invalid(ringField);
            }

            rings.Add(points);
        }

        var polygon = new GeoPolygon(rings);
        var error = new IsValidOp(polygon.ToGeometry()).ValidationError;
        if (error is not null)
        {
            var at = error.Coordinate is { } c
                ? Reasons.Geo.At.With(("x", c.X), ("y", c.Y))
                : Reasons.Geo.Nowhere.With();
            var coordinatesField = $"{field}.coordinates";
            return error.ErrorType switch
            {
                TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection =>
                    Reasons.Geo.PolygonSelfIntersects.Invalid(coordinatesField, ("at", at)),
                TopologyValidationErrors.TooFewPoints => Reasons.Geo.RingTooFewDistinct.Invalid(coordinatesField, ("at", at)),
                _ => Reasons.Geo.PolygonInvalid.Invalid(coordinatesField, ("detail", error.Message), ("at", at)),
            };
        }

        return Validated<GeoPolygon>.Valid(polygon);
    }

    /// <summary>
    /// A polygon as the log recorded it: it passed <see cref="FromGeoJsonCoordinates"/> when it was drawn, so it is
    /// not checked again on every read, and a limit introduced since does not make a recorded zone unreadable.
    /// </summary>
    public static GeoPolygon FromRecorded(double[][][] coordinates) =>
        new([.. coordinates.Select(ring => (IReadOnlyList<GeoPoint>)[.. ring.Select(position => GeoPoint.Create(position[1], position[0]).Value)])]);

    public bool Equals(GeoPolygon? other) =>
        other is not null && Rings.Count == other.Rings.Count && Rings.Zip(other.Rings).All(pair => pair.First.SequenceEqual(pair.Second));

    public override int GetHashCode() => Rings.Count == 0 ? 0 : HashCode.Combine(Rings.Count, Rings[0].Count, Rings[0][0]);
}
