using System.Globalization;

namespace Lifeline.Domain.Primitives;

/// <summary>A route on WGS84 coordinates: two or more positions, not all the same.</summary>
public sealed record GeoLine
{
    /// <summary>The most positions a route may have: a road traced bend by bend needs a few hundred a kilometre.</summary>
    public const int MaxPositions = 10_000;

    private GeoLine(IReadOnlyList<GeoPoint> positions) => Positions = positions;

    public IReadOnlyList<GeoPoint> Positions { get; }

    /// <summary>Positions as GeoJSON orders them: [longitude, latitude].</summary>
    public double[][] ToGeoJsonCoordinates() => Positions.Select(p => new[] { p.Longitude, p.Latitude }).ToArray();

    public NetTopologySuite.Geometries.LineString ToGeometry() =>
        new NetTopologySuite.Geometries.GeometryFactory(new NetTopologySuite.Geometries.PrecisionModel(), 4326)
            .CreateLineString(Positions.Select(p => new NetTopologySuite.Geometries.Coordinate(p.Longitude, p.Latitude)).ToArray());

    /// <summary>The route's length along the great circle between its positions, in kilometres.</summary>
    public double LengthKilometres() => Positions.Zip(Positions.Skip(1)).Sum(pair => pair.First.DistanceKilometresTo(pair.Second));

    public static Validated<GeoLine> FromGeoJsonCoordinates(double[][]? coordinates, string field = "route")
    {
        if (coordinates is null || coordinates.Length < 2)
        {
            return Reasons.Geo.RouteTooFewPositions.Invalid($"{field}.coordinates", ("count", coordinates?.Length ?? 0));
        }

        if (coordinates.Length > MaxPositions)
        {
            return Reasons.Geo.RouteTooManyPositions.Invalid($"{field}.coordinates", ("max", MaxPositions), ("count", coordinates.Length));
        }

        var positions = new List<GeoPoint>(coordinates.Length);
        for (var i = 0; i < coordinates.Length; i++)
        {
            var positionField = string.Create(CultureInfo.InvariantCulture, $"{field}.coordinates[{i}]");
            var position = coordinates[i];
            if (position is null || position.Length is < 2 or > 3)
            {
                return Reasons.Geo.PositionShape.Invalid(positionField);
            }

            var point = GeoPoint.Create(position[1], position[0], positionField);
            if (!point.IsValid)
            {
                return Validated<GeoLine>.Invalid(point.Rejection!);
            }

            positions.Add(point.Value);
        }

        return positions.Distinct().Count() < 2
            ? Reasons.Geo.RouteNotDistinct.Invalid($"{field}.coordinates")
            : Validated<GeoLine>.Valid(new GeoLine(positions));
    }

    /// <summary>
    /// A route as the log recorded it: it passed <see cref="FromGeoJsonCoordinates"/> when it was drawn, so it is
    /// not checked again on every read, and a limit introduced since does not make a recorded corridor unreadable.
    /// </summary>
    public static GeoLine FromRecorded(double[][] coordinates) =>
        new([.. coordinates.Select(position => GeoPoint.Create(position[1], position[0]).Value)]);

    public bool Equals(GeoLine? other) => other is not null && Positions.SequenceEqual(other.Positions);

    public override int GetHashCode() => HashCode.Combine(Positions.Count, Positions[0]);
}
