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
}
