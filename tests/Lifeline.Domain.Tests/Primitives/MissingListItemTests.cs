using Lifeline.Domain.Corridors;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Tests.Primitives;

/// <summary>
/// A list item sent as JSON <c>null</c> (<c>"counts": [null]</c>) is refused naming the item, like any other
/// missing value, instead of failing on it: hostile input found this as a 500 on the passage endpoint.
/// </summary>
public sealed class MissingListItemTests
{
    private static readonly OperationId Operation = new(Guid.Parse("01563b08-1280-7a33-a059-1dd1b7360a33"));
    private static readonly DateTimeOffset At = new(2016, 7, 30, 10, 30, 0, TimeSpan.FromHours(3));

    [Fact]
    public void A_missing_tally_cell_is_refused_by_its_index()
    {
        var validation = new Validation();

        var command = RecordPassage.From(Operation, new PassageId(Guid.NewGuid()), Guid.NewGuid(), Guid.NewGuid(), "outbound", At, [new("civilians", "female", "18-59", 3), null], null, null, null, null, null, validation);

        Assert.Null(command);
        Assert.Equal(["counts[1]"], validation.Rejections.Select(r => r.Field));
    }

    [Fact]
    public void A_missing_manifest_line_is_refused_by_its_index()
    {
        var validation = new Validation();

        var command = RecordManifest.From(Operation, new ManifestId(Guid.NewGuid()), new MovementId(Guid.NewGuid()), "KAMAZ-9", [null], validation);

        Assert.Null(command);
        Assert.Equal(["lines[0]"], validation.Rejections.Select(r => r.Field));
    }

    [Fact]
    public void A_missing_truck_is_refused_by_its_index()
    {
        var validation = new Validation();

        var command = PlanMovement.From(Operation, new MovementId(Guid.NewGuid()), "road", Guid.NewGuid(), Guid.NewGuid(), At, null, null, 2, [null], null, null, validation);

        Assert.Null(command);
        Assert.Equal(["trucks[0]"], validation.Rejections.Select(r => r.Field));
    }
}
