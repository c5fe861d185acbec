using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Zones;

namespace Lifeline.Domain.Tests.Deciders;

public class ZoneDeciderTests
{
    private static readonly ZoneId SiegeId = new(Guid.Parse("01900000-0000-7000-8000-000000000003"));
    private static readonly double[][][] Square = [[[37.16, 36.18], [37.22, 36.18], [37.22, 36.24], [37.16, 36.24], [37.16, 36.18]]];

    private static DrawZone Draw() => DrawZone.From(OperationDeciderTests.Id, SiegeId, "Eastern districts", "besieged_area", "Polygon", Square, new Validation())!;

    [Fact]
    public void Given_an_operation_when_a_zone_is_drawn_then_its_polygon_is_recorded_as_geojson_coordinates()
    {
        var pending = Assert.Single(Assert.IsType<Decision.Accepted>(ZoneDecider.Decide(Draw(), OperationDeciderTests.Aleppo, sameName: null)).Events);

        var drawn = Assert.IsType<ZoneDrawn>(pending.Event);
        Assert.Equal(ZoneKind.BesiegedArea, drawn.Kind);
        Assert.Equal(Square[0].Select(p => (p[0], p[1])), drawn.Coordinates[0].Select(p => (p[0], p[1])));
    }

    [Fact]
    public void Given_a_zone_of_the_same_name_when_drawn_then_it_is_a_conflict_on_name()
    {
        var existing = new Zone(SiegeId, OperationDeciderTests.Id, "EASTERN districts", ZoneKind.BesiegedArea, Draw().Area);

        var rejected = Assert.IsType<Decision.Rejected>(ZoneDecider.Decide(Draw(), OperationDeciderTests.Aleppo, existing));

        Assert.Equal(RejectionKind.Conflict, rejected.Rejections[0].Kind);
        Assert.Equal("name", rejected.Rejections[0].Field);
    }

    [Fact]
    public void A_zone_with_a_self_intersecting_polygon_is_rejected_naming_the_coordinates()
    {
        var validation = new Validation();
        double[][][] bowTie = [[[37.16, 36.18], [37.22, 36.24], [37.22, 36.18], [37.16, 36.24], [37.16, 36.18]]];

        Assert.Null(DrawZone.From(OperationDeciderTests.Id, SiegeId, "Bow", "no_fly", "Polygon", bowTie, validation));
        var rejection = Assert.Single(validation.Rejections);
        Assert.Equal("geometry.coordinates", rejection.Field);
        Assert.Contains("intersects itself", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zone_geometry_that_is_not_a_polygon_is_rejected()
    {
        var validation = new Validation();

        Assert.Null(DrawZone.From(OperationDeciderTests.Id, SiegeId, "Line", "no_fly", "LineString", Square, validation));
        Assert.Equal("geometry.type", Assert.Single(validation.Rejections).Field);
    }
}
