using Lifeline.Domain.Corridors;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;

namespace Lifeline.Domain.Tests.Deciders;

public class CorridorDeciderTests
{
    internal static readonly CorridorId CorridorId = new(Guid.Parse("01900000-0000-7000-8000-0000000000c1"));
    private static readonly SiteId Entry = new(Guid.Parse("01900000-0000-7000-8000-0000000000e1"));
    private static readonly SiteId Exit = new(Guid.Parse("01900000-0000-7000-8000-0000000000e2"));
    private static readonly SiteId Warehouse = new(Guid.Parse("01900000-0000-7000-8000-0000000000e3"));
    private static readonly double[][] Route = [[37.16, 36.20], [37.14, 36.19]];

    private static Site SiteOf(SiteId id, SiteKind kind, string name) =>
        new(id, OperationDeciderTests.Id, name, kind, GeoPoint.Create(36.19, 37.15).Value, null, SiteStatus.Active);

    private static readonly Dictionary<SiteId, Site> Sites = new()
    {
        [Entry] = SiteOf(Entry, SiteKind.Checkpoint, "Bustan al-Qasr crossing"),
        [Exit] = SiteOf(Exit, SiteKind.Checkpoint, "Ramouseh crossing"),
        [Warehouse] = SiteOf(Warehouse, SiteKind.Warehouse, "Hamdaniyah warehouse"),
    };

    private static DefineCorridor? Define(Validation validation, Guid[]? checkpoints = null, string[]? categories = null, string routeType = "LineString", int? capacity = 500) =>
        DefineCorridor.From(OperationDeciderTests.Id, CorridorId, "Civilian corridor 1", routeType, Route, checkpoints ?? [Entry.Value, Exit.Value], categories ?? ["civilians", "wounded_and_sick"], capacity, "Ministry of Defence", "outbound", validation);

    internal static Corridor Existing(CorridorStatus status) => new(
        CorridorId,
        OperationDeciderTests.Id,
        "Civilian corridor 1",
        GeoLine.FromGeoJsonCoordinates(Route).Value,
        [Entry, Exit],
        [PersonCategory.Civilians],
        500,
        "Ministry of Defence",
        CorridorDirections.Outbound,
        status);

    [Fact]
    public void Given_checkpoints_when_a_corridor_is_defined_then_its_route_checkpoints_and_rules_are_recorded()
    {
        var decision = CorridorDecider.Decide(Define(new Validation())!, OperationDeciderTests.Aleppo, sameName: null, Sites);

        var pending = Assert.Single(Assert.IsType<Decision.Accepted>(decision).Events);
        var defined = Assert.IsType<CorridorDefined>(pending.Event);
        Assert.True(pending.StartsStream);
        Assert.Equal($"corridor/{CorridorId}", pending.Stream);
        Assert.Equal([Entry.Value, Exit.Value], defined.Checkpoints);
        Assert.Equal([PersonCategory.Civilians, PersonCategory.WoundedAndSick], defined.Categories);
        Assert.Equal(500, defined.CapacityPerHour);
        Assert.Equal(CorridorDirections.Outbound, defined.Directions);
    }

    [Fact]
    public void A_site_that_is_not_a_checkpoint_is_rejected_naming_its_position()
    {
        var rejected = Assert.IsType<Decision.Rejected>(CorridorDecider.Decide(Define(new Validation(), [Entry.Value, Warehouse.Value])!, OperationDeciderTests.Aleppo, null, Sites));

        var rejection = Assert.Single(rejected.Rejections);
        Assert.Equal("checkpointIds[1]", rejection.Field);
        Assert.Contains("not a checkpoint", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_checkpoint_is_rejected_naming_its_position()
    {
        var rejected = Assert.IsType<Decision.Rejected>(CorridorDecider.Decide(Define(new Validation(), [Guid.NewGuid(), Exit.Value])!, OperationDeciderTests.Aleppo, null, Sites));

        Assert.Equal("checkpointIds[0]", Assert.Single(rejected.Rejections).Field);
    }

    [Fact]
    public void A_corridor_needs_an_entry_and_an_exit_checkpoint()
    {
        var validation = new Validation();

        Assert.Null(Define(validation, [Entry.Value]));
        Assert.Equal("checkpointIds", Assert.Single(validation.Rejections).Field);
    }

    [Fact]
    public void An_unknown_category_and_a_route_that_is_not_a_line_name_their_fields()
    {
        var validation = new Validation();

        Assert.Null(Define(validation, categories: ["civilians", "tourists"], routeType: "Polygon", capacity: 0));
        Assert.Equal(["route.type", "categories[1]", "capacityPerHour"], validation.Rejections.Select(r => r.Field));
    }

    [Fact]
    public void Given_a_corridor_of_the_same_name_when_defined_then_it_is_a_conflict()
    {
        var rejected = Assert.IsType<Decision.Rejected>(CorridorDecider.Decide(Define(new Validation())!, OperationDeciderTests.Aleppo, Existing(CorridorStatus.Planned), Sites));

        Assert.Equal(RejectionKind.Conflict, rejected.Rejections[0].Kind);
    }

    [Theory]
    [InlineData(CorridorStatus.Planned, "open")]
    [InlineData(CorridorStatus.Open, "paused")]
    [InlineData(CorridorStatus.Paused, "open")]
    [InlineData(CorridorStatus.Open, "suspended")]
    [InlineData(CorridorStatus.Suspended, "closed")]
    public void Allowed_status_changes_record_from_to_reason_and_authority(CorridorStatus from, string to)
    {
        var command = ChangeCorridorStatus.From(OperationDeciderTests.Id, CorridorId, to, "announced at 08:00", "Ministry of Defence", new Validation())!;

        var changed = Assert.IsType<CorridorStatusChanged>(Assert.Single(Assert.IsType<Decision.Accepted>(CorridorDecider.Decide(command, Existing(from))).Events).Event);

        Assert.Equal(from, changed.From);
        Assert.Equal(CorridorNames.Statuses[to], changed.To);
        Assert.Equal("announced at 08:00", changed.Reason);
        Assert.Equal("Ministry of Defence", changed.Authority);
    }

    [Fact]
    public void A_closed_corridor_cannot_be_paused()
    {
        var command = ChangeCorridorStatus.From(OperationDeciderTests.Id, CorridorId, "paused", "shelling", "Ministry of Defence", new Validation())!;

        var rejected = Assert.IsType<Decision.Rejected>(CorridorDecider.Decide(command, Existing(CorridorStatus.Closed)));

        Assert.Equal("status", rejected.Rejections[0].Field);
        Assert.Contains("closed, which is final", rejected.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_planned_corridor_cannot_be_paused_and_the_reason_says_what_it_can_become()
    {
        var command = ChangeCorridorStatus.From(OperationDeciderTests.Id, CorridorId, "paused", "x", "y", new Validation())!;

        var rejected = Assert.IsType<Decision.Rejected>(CorridorDecider.Decide(command, Existing(CorridorStatus.Planned)));

        Assert.Contains("can become open or closed", rejected.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_change_needs_a_reason_and_an_authority()
    {
        var validation = new Validation();

        Assert.Null(ChangeCorridorStatus.From(OperationDeciderTests.Id, CorridorId, "open", "", null, validation));
        Assert.Equal(["reason", "authority"], validation.Rejections.Select(r => r.Field));
    }
}
