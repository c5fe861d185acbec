using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;

namespace Lifeline.Domain.Tests.Deciders;

public class SiteDeciderTests
{
    private static readonly SiteId CrossingId = new(Guid.Parse("01900000-0000-7000-8000-000000000002"));

    private static RegisterSite Register(string name = "Bustan al-Qasr crossing", double latitude = 36.1962) =>
        RegisterSite.From(OperationDeciderTests.Id, CrossingId, name, "checkpoint", latitude, 37.1462, "SY02", new Validation())!;

    private static Site Existing(SiteStatus status = SiteStatus.Active) =>
        new(CrossingId, OperationDeciderTests.Id, "Bustan al-Qasr crossing", SiteKind.Checkpoint, GeoPoint.Create(36.1962, 37.1462).Value, "SY02", status);

    [Fact]
    public void Given_an_operation_when_a_site_is_registered_then_site_registered_carries_its_kind_location_and_pcode()
    {
        var decision = SiteDecider.Decide(Register(), OperationDeciderTests.Aleppo, sameName: null);

        var pending = Assert.Single(Assert.IsType<Decision.Accepted>(decision).Events);
        Assert.Equal($"site/{CrossingId}", pending.Stream);
        Assert.True(pending.StartsStream);
        Assert.Equal(
            new SiteRegistered(OperationDeciderTests.Id.Value, CrossingId.Value, "Bustan al-Qasr crossing", SiteKind.Checkpoint, 36.1962, 37.1462, "SY02"),
            pending.Event);
    }

    [Fact]
    public void Given_a_site_of_the_same_name_when_registered_then_it_is_a_conflict_on_name()
    {
        var rejected = Assert.IsType<Decision.Rejected>(SiteDecider.Decide(Register(), OperationDeciderTests.Aleppo, Existing()));

        var rejection = Assert.Single(rejected.Rejections);
        Assert.Equal(RejectionKind.Conflict, rejection.Kind);
        Assert.Equal("name", rejection.Field);
        Assert.Contains("Bustan al-Qasr crossing", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_no_operation_when_a_site_is_registered_then_the_operation_is_not_found()
    {
        var rejected = Assert.IsType<Decision.Rejected>(SiteDecider.Decide(Register(), operation: null, sameName: null));

        Assert.Equal(RejectionKind.NotFound, rejected.Rejections[0].Kind);
        Assert.Equal("operationId", rejected.Rejections[0].Field);
    }

    [Fact]
    public void A_site_with_an_unknown_kind_and_a_latitude_out_of_range_names_both_fields()
    {
        var validation = new Validation();

        var command = RegisterSite.From(OperationDeciderTests.Id, CrossingId, "X", "bunker", 91, 37, null, validation);

        Assert.Null(command);
        Assert.Equal(["kind", "location.latitude"], validation.Rejections.Select(r => r.Field));
    }

    [Fact]
    public void A_site_without_a_location_names_the_missing_coordinates()
    {
        var validation = new Validation();

        RegisterSite.From(OperationDeciderTests.Id, CrossingId, "X", "hub", null, null, null, validation);

        Assert.Equal(["location.latitude", "location.longitude"], validation.Rejections.Select(r => r.Field));
    }

    [Fact]
    public void Given_an_active_site_when_closed_with_a_reason_then_the_status_change_is_recorded()
    {
        var command = ChangeSiteStatus.From(OperationDeciderTests.Id, CrossingId, "closed", "shelling nearby", new Validation())!;

        var pending = Assert.Single(Assert.IsType<Decision.Accepted>(SiteDecider.Decide(command, Existing())).Events);
        Assert.False(pending.StartsStream);

        Assert.Equal(new SiteStatusChanged(OperationDeciderTests.Id.Value, CrossingId.Value, SiteStatus.Closed, "shelling nearby"), pending.Event);
    }

    [Fact]
    public void Given_a_closed_site_when_closed_again_then_it_is_rejected_as_already_closed()
    {
        var command = ChangeSiteStatus.From(OperationDeciderTests.Id, CrossingId, "closed", "again", new Validation())!;

        var rejected = Assert.IsType<Decision.Rejected>(SiteDecider.Decide(command, Existing(SiteStatus.Closed)));

        Assert.Equal("status", rejected.Rejections[0].Field);
        Assert.Contains("already closed", rejected.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_change_needs_a_reason()
    {
        var validation = new Validation();

        Assert.Null(ChangeSiteStatus.From(OperationDeciderTests.Id, CrossingId, "closed", " ", validation));
        Assert.Equal("reason", Assert.Single(validation.Rejections).Field);
    }

    [Fact]
    public void Given_no_such_site_when_its_status_changes_then_the_site_is_not_found()
    {
        var command = ChangeSiteStatus.From(OperationDeciderTests.Id, CrossingId, "closed", "x", new Validation())!;

        var rejected = Assert.IsType<Decision.Rejected>(SiteDecider.Decide(command, site: null));

        Assert.Equal(RejectionKind.NotFound, rejected.Rejections[0].Kind);
        Assert.Equal("siteId", rejected.Rejections[0].Field);
    }
}
