using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Tests.Primitives;

public class GeoLineTests
{
    [Fact]
    public void A_route_of_ten_thousand_positions_is_accepted_and_one_more_is_refused_naming_the_limit()
    {
        var most = GeoLine.FromGeoJsonCoordinates(Route(GeoLine.MaxPositions));
        var tooMany = GeoLine.FromGeoJsonCoordinates(Route(GeoLine.MaxPositions + 1));

        Assert.True(most.IsValid, most.Rejection?.ToString());
        Assert.Equal("route.coordinates", tooMany.Rejection!.Field);
        Assert.Equal("a route has at most 10,000 positions, got 10,001", tooMany.Rejection.Reason);
    }

    [Fact]
    public void A_route_recorded_before_the_limit_still_reads_back_from_the_log()
    {
        Assert.Equal(GeoLine.MaxPositions + 1, GeoLine.FromRecorded(Route(GeoLine.MaxPositions + 1)).Positions.Count);
        Assert.Equal(GeoLine.FromGeoJsonCoordinates(Route(3)).Value, GeoLine.FromRecorded(Route(3)));
    }

    /// <summary>A route heading east from the gate, one position every few metres.</summary>
    private static double[][] Route(int positions) =>
        [.. Enumerable.Range(0, positions).Select(i => new[] { 37.17 + (i * 0.00003), 36.20 })];
}
