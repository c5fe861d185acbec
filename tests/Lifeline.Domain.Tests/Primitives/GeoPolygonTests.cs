using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Tests.Primitives;

public class GeoPolygonTests
{
    [Fact]
    public void A_closed_simple_ring_is_a_polygon_that_contains_its_centre()
    {
        var polygon = GeoPolygon.FromGeoJsonCoordinates([[[37.16, 36.18], [37.22, 36.18], [37.22, 36.24], [37.16, 36.24], [37.16, 36.18]]]);

        Assert.True(polygon.IsValid);
        Assert.True(polygon.Value.Contains(GeoPoint.Create(36.21, 37.19).Value));
        Assert.False(polygon.Value.Contains(GeoPoint.Create(36.30, 37.19).Value));
    }

    [Fact]
    public void A_ring_whose_last_position_differs_from_its_first_is_not_closed()
    {
        var polygon = GeoPolygon.FromGeoJsonCoordinates([[[37.16, 36.18], [37.22, 36.18], [37.22, 36.24], [37.16, 36.24]]]);

        Assert.False(polygon.IsValid);
        Assert.Equal("geometry.coordinates[0]", polygon.Rejection!.Field);
        Assert.Contains("not closed", polygon.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bow_tie_ring_is_rejected_as_self_intersecting()
    {
        var polygon = GeoPolygon.FromGeoJsonCoordinates([[[37.16, 36.18], [37.22, 36.24], [37.22, 36.18], [37.16, 36.24], [37.16, 36.18]]]);

        Assert.False(polygon.IsValid);
        Assert.Equal("geometry.coordinates", polygon.Rejection!.Field);
        Assert.Contains("intersects itself", polygon.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ring_with_fewer_than_four_positions_is_rejected()
    {
        var polygon = GeoPolygon.FromGeoJsonCoordinates([[[37.16, 36.18], [37.22, 36.18], [37.16, 36.18]]]);

        Assert.False(polygon.IsValid);
        Assert.Contains("at least 4 positions", polygon.Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_position_out_of_range_is_named_by_its_index()
    {
        var polygon = GeoPolygon.FromGeoJsonCoordinates([[[37.16, 36.18], [37.22, 96.18], [37.22, 36.24], [37.16, 36.18]]]);

        Assert.False(polygon.IsValid);
        Assert.Equal("geometry.coordinates[0][1].latitude", polygon.Rejection!.Field);
    }

    [Fact]
    public void No_rings_at_all_is_rejected()
    {
        Assert.False(GeoPolygon.FromGeoJsonCoordinates([]).IsValid);
        Assert.False(GeoPolygon.FromGeoJsonCoordinates(null).IsValid);
    }

    [Fact]
    public void A_polygon_of_ten_thousand_positions_is_accepted_and_one_more_is_refused_naming_the_limit()
    {
        var most = GeoPolygon.FromGeoJsonCoordinates([Ring(GeoPolygon.MaxPositions - 1)]);
        var tooMany = GeoPolygon.FromGeoJsonCoordinates([Ring(GeoPolygon.MaxPositions)]);

        Assert.True(most.IsValid, most.Rejection?.ToString());
        Assert.False(tooMany.IsValid);
        Assert.Equal("geometry.coordinates", tooMany.Rejection!.Field);
        Assert.Equal("a polygon has at most 10,000 positions over all its rings, got 10,001", tooMany.Rejection.Reason);
    }

    [Fact]
    public void Positions_are_counted_over_all_the_rings_before_any_is_read()
    {
        // Two rings of 5,001 positions, the second not even a ring: refused for its size, not its shape.
        var polygon = GeoPolygon.FromGeoJsonCoordinates([Ring(5000), [.. Enumerable.Repeat(new[] { 500.0, 500.0 }, 5001)]], "zone");

        Assert.Equal("zone.coordinates", polygon.Rejection!.Field);
        Assert.Contains("at most 10,000 positions", polygon.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_polygon_of_more_than_a_hundred_rings_is_refused_naming_the_limit()
    {
        var polygon = GeoPolygon.FromGeoJsonCoordinates([.. Enumerable.Repeat(Ring(3), GeoPolygon.MaxRings + 1)]);

        Assert.Equal("geometry.coordinates", polygon.Rejection!.Field);
        Assert.Equal("a polygon has at most 100 rings (the outer ring and its holes), got 101", polygon.Rejection.Reason);
    }

    [Fact]
    public void A_polygon_recorded_before_the_limit_still_reads_back_from_the_log()
    {
        var recorded = GeoPolygon.FromRecorded([Ring(GeoPolygon.MaxPositions + 5)]);

        Assert.Equal(GeoPolygon.MaxPositions + 6, recorded.Rings[0].Count);
        Assert.Equal(GeoPolygon.FromGeoJsonCoordinates([Ring(40)]).Value, GeoPolygon.FromRecorded([Ring(40)]));
    }

    /// <summary>A closed ring of <paramref name="distinct"/> positions on a circle around eastern Aleppo.</summary>
    internal static double[][] Ring(int distinct)
    {
        var positions = Enumerable.Range(0, distinct)
            .Select(i => new[] { 37.19 + (0.05 * Math.Cos(2 * Math.PI * i / distinct)), 36.21 + (0.05 * Math.Sin(2 * Math.PI * i / distinct)) })
            .ToList();
        positions.Add(positions[0]);
        return [.. positions];
    }
}
