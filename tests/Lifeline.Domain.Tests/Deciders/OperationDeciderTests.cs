using Lifeline.Domain.Deciding;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Tests.Deciders;

public class OperationDeciderTests
{
    internal static readonly OperationId Id = new(Guid.Parse("01900000-0000-7000-8000-000000000001"));

    internal static Operation Aleppo => new(Id, "Aleppo 2016", "", new DateOnly(2016, 7, 28), IanaTimeZone.Create("Asia/Damascus").Value);

    [Fact]
    public void Given_no_operation_of_that_name_when_created_then_operation_created_is_recorded_on_its_stream()
    {
        var command = CreateOperation.From(Id, "Aleppo 2016", "corridors and airlift", new DateOnly(2016, 7, 28), "Asia/Damascus", new Validation())!;

        var decision = OperationDecider.Decide(command, sameName: null);

        var accepted = Assert.IsType<Decision.Accepted>(decision);
        var pending = Assert.Single(accepted.Events);
        Assert.Equal($"operation/{Id}", pending.Stream);
        Assert.Equal(new OperationCreated(Id.Value, "Aleppo 2016", "corridors and airlift", new DateOnly(2016, 7, 28), "Asia/Damascus"), pending.Event);
    }

    [Fact]
    public void Given_an_operation_of_the_same_name_when_created_then_it_is_a_conflict_on_name()
    {
        var command = CreateOperation.From(OperationId.New(TimeProvider.System), "Aleppo 2016", null, new DateOnly(2016, 7, 28), "Asia/Damascus", new Validation())!;

        var rejected = Assert.IsType<Decision.Rejected>(OperationDecider.Decide(command, Aleppo));

        var rejection = Assert.Single(rejected.Rejections);
        Assert.Equal(RejectionKind.Conflict, rejection.Kind);
        Assert.Equal("name", rejection.Field);
    }

    [Fact]
    public void A_command_with_an_unknown_time_zone_and_no_name_names_both_fields()
    {
        var validation = new Validation();

        var command = CreateOperation.From(Id, "", null, null, "Mars/Olympus", validation);

        Assert.Null(command);
        Assert.Equal(["name", "startDate", "timeZone"], validation.Rejections.Select(r => r.Field));
    }
}
