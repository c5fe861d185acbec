using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Tests.Primitives;

public class GeoPointTests
{
    [Theory]
    [InlineData(90.5, 37.2, "location.latitude", "between -90 and 90")]
    [InlineData(-91, 37.2, "location.latitude", "between -90 and 90")]
    [InlineData(36.2, 180.01, "location.longitude", "between -180 and 180")]
    [InlineData(double.NaN, 37.2, "location.latitude", "between -90 and 90")]
    public void Out_of_range_coordinates_are_rejected_naming_the_coordinate(double latitude, double longitude, string field, string reason)
    {
        var point = GeoPoint.Create(latitude, longitude);

        Assert.False(point.IsValid);
        Assert.Equal(field, point.Rejection!.Field);
        Assert.Contains(reason, point.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Great_circle_distance_from_Hmeimim_to_Aleppo_airport_is_about_145_km()
    {
        var hmeimim = GeoPoint.Create(35.401, 35.949).Value;
        var aleppo = GeoPoint.Create(36.181, 37.224).Value;

        Assert.InRange(hmeimim.DistanceKilometresTo(aleppo), 140, 150);
    }
}
