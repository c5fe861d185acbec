using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using NodaTime;

namespace Lifeline.Domain.Tests.Deciders;

public class PassageDeciderTests
{
    private static readonly DateTimeZone Damascus = DateTimeZoneProviders.Tzdb["Asia/Damascus"];
    private static readonly Guid EntryCheckpoint = Guid.Parse("01900000-0000-7000-8000-0000000000e1");
    private static readonly Guid ExitCheckpoint = Guid.Parse("01900000-0000-7000-8000-0000000000e2");
    private static readonly DateTimeOffset Morning = new(2016, 7, 29, 9, 30, 0, TimeSpan.FromHours(3));
    private static readonly DateTimeOffset Night = new(2016, 7, 29, 22, 0, 0, TimeSpan.FromHours(3));

    private static readonly StatusChange[] OpenSinceTheStart = [new(CorridorStatus.Open, Instant.FromUtc(2016, 7, 28, 3, 0))];

    private static readonly OpeningWindow[] DailyWindow =
    [
        new(new WindowId(Guid.NewGuid()), CorridorDeciderTests.CorridorId, new WindowSchedule.Daily(new LocalDate(2016, 7, 28), null, new LocalTime(8, 0), new LocalTime(16, 0)), null, false, 1),
    ];

    private static PassageCountInput Cell(string category = "civilians", string sex = "female", string age = "18-59", int count = 12) => new(category, sex, age, count);

    private static RecordPassage? Record(Validation validation, PassageCountInput[]? counts = null, DateTimeOffset? at = null, string? reason = null, Guid? checkpoint = null, string direction = "outbound", int? weapons = null, Guid? corrects = null) =>
        RecordPassage.From(OperationDeciderTests.Id, new PassageId(Guid.NewGuid()), CorridorDeciderTests.CorridorId.Value, checkpoint ?? EntryCheckpoint, direction, at ?? Morning, counts ?? [Cell(), Cell(sex: "male", age: "0-4", count: 5)], null, null, weapons, reason, corrects, validation);

    private static Decision Decide(RecordPassage command, Passage? corrected = null, CorridorStatus status = CorridorStatus.Open) =>
        PassageDecider.Decide(command, CorridorDeciderTests.Existing(status), Damascus, OpenSinceTheStart, DailyWindow, corrected);

    [Fact]
    public void Given_an_open_window_when_a_tally_is_recorded_then_the_passage_keeps_every_cell_and_its_total_is_their_sum()
    {
        var recorded = Assert.IsType<PassageRecorded>(Assert.Single(Assert.IsType<Decision.Accepted>(Decide(Record(new Validation())!)).Events).Event);

        Assert.Equal(17, recorded.TotalPeople());
        Assert.Equal(2, recorded.Counts.Length);
        Assert.False(recorded.OutOfWindow);
        Assert.Equal(TimeSpan.Zero, recorded.OccurredAt.Offset);
        Assert.Equal(Morning, recorded.OccurredAt);
    }

    [Fact]
    public void A_count_past_a_million_is_refused_naming_its_cell_before_the_tally_is_summed()
    {
        var validation = new Validation();

        Assert.Null(Record(validation, [Cell(count: int.MaxValue), Cell(sex: "male", count: int.MaxValue)], weapons: 1_000_001));

        Assert.Equal(["counts[0].count", "counts[1].count", "weaponsHandedIn"], validation.Rejections.Select(r => r.Field));
        Assert.All(validation.Rejections, r => Assert.Equal("input.too-many", r.Code));
        Assert.Equal("counts[0].count must be at most 1,000,000, got 2147483647", validation.Rejections[0].Reason);
        Assert.NotNull(Record(new Validation(), [Cell(count: 1_000_000)]));
    }

    [Fact]
    public void A_category_not_allowed_on_the_corridor_is_rejected_naming_its_cell()
    {
        var rejected = Assert.IsType<Decision.Rejected>(Decide(Record(new Validation(), [Cell(), Cell(category: "fighters_under_amnesty", sex: "male")])!));

        var rejection = Assert.Single(rejected.Rejections);
        Assert.Equal("counts[1].category", rejection.Field);
        Assert.Contains("may not pass", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_not_on_the_corridor_is_rejected()
    {
        var rejected = Assert.IsType<Decision.Rejected>(Decide(Record(new Validation(), checkpoint: Guid.NewGuid())!));

        Assert.Equal("checkpointId", Assert.Single(rejected.Rejections).Field);
    }

    [Fact]
    public void An_inbound_passage_on_an_outbound_corridor_is_rejected()
    {
        var rejected = Assert.IsType<Decision.Rejected>(Decide(Record(new Validation(), direction: "inbound")!));

        Assert.Equal("direction", Assert.Single(rejected.Rejections).Field);
    }

    [Fact]
    public void Outside_every_window_a_passage_needs_a_reason_and_is_then_flagged()
    {
        var refused = Assert.IsType<Decision.Rejected>(Decide(Record(new Validation(), at: Night)!));
        var accepted = Assert.IsType<Decision.Accepted>(Decide(Record(new Validation(), at: Night, reason: "wounded brought through after dark")!));

        Assert.Equal("outOfWindowReason", Assert.Single(refused.Rejections).Field);
        Assert.Contains("outside every opening window", refused.Rejections[0].Reason, StringComparison.Ordinal);
        var recorded = Assert.IsType<PassageRecorded>(accepted.Events[0].Event);
        Assert.True(recorded.OutOfWindow);
        Assert.Equal("wounded brought through after dark", recorded.OutOfWindowReason);
    }

    [Fact]
    public void While_the_corridor_is_paused_a_passage_in_its_window_still_needs_a_reason()
    {
        StatusChange[] paused = [.. OpenSinceTheStart, new(CorridorStatus.Paused, Instant.FromUtc(2016, 7, 29, 5, 0))];

        var decision = PassageDecider.Decide(Record(new Validation())!, CorridorDeciderTests.Existing(CorridorStatus.Paused), Damascus, paused, DailyWindow, null);

        Assert.Contains("was paused", Assert.IsType<Decision.Rejected>(decision).Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Weapons_are_handed_in_only_on_amnesty_corridors()
    {
        var rejected = Assert.IsType<Decision.Rejected>(Decide(Record(new Validation(), weapons: 3)!));

        Assert.Equal("weaponsHandedIn", Assert.Single(rejected.Rejections).Field);
    }

    [Fact]
    public void A_correction_names_the_passage_it_replaces_and_may_bring_the_tally_to_zero()
    {
        var original = new Passage(new PassageId(Guid.NewGuid()), CorridorDeciderTests.CorridorId, new SiteId(EntryCheckpoint), null);

        var decision = Decide(Record(new Validation(), [Cell(count: 0)], corrects: original.Id.Value)!, original);

        var recorded = Assert.IsType<PassageRecorded>(Assert.IsType<Decision.Accepted>(decision).Events[0].Event);
        Assert.Equal(original.Id.Value, recorded.Corrects);
        Assert.Equal(0, recorded.TotalPeople());
    }

    [Fact]
    public void A_tally_recorded_at_another_checkpoint_cannot_be_corrected_from_this_one()
    {
        // An officer at the exit gate "corrects" the entry gate's tally to zero: refused, naming the passage.
        var atEntry = new Passage(new PassageId(Guid.NewGuid()), CorridorDeciderTests.CorridorId, new SiteId(EntryCheckpoint), null);

        var rejected = Assert.IsType<Decision.Rejected>(Decide(Record(new Validation(), [Cell(count: 0)], checkpoint: ExitCheckpoint, corrects: atEntry.Id.Value)!, atEntry));

        var rejection = Assert.Single(rejected.Rejections);
        Assert.Equal("corrects", rejection.Field);
        Assert.Equal("passage.correction-at-other-checkpoint", rejection.Code);
    }

    [Fact]
    public void A_passage_already_corrected_cannot_be_corrected_again()
    {
        var original = new Passage(new PassageId(Guid.NewGuid()), CorridorDeciderTests.CorridorId, new SiteId(EntryCheckpoint), Guid.NewGuid());

        var rejected = Assert.IsType<Decision.Rejected>(Decide(Record(new Validation(), corrects: original.Id.Value)!, original));

        Assert.Equal(RejectionKind.Conflict, rejected.Rejections[0].Kind);
        Assert.Equal("corrects", rejected.Rejections[0].Field);
    }

    [Theory]
    [InlineData(-1, "counts[0].count", "never negative")]
    [InlineData(0, "counts", "at least one person")]
    public void Tallies_that_are_negative_or_empty_are_rejected(int count, string field, string reason)
    {
        var validation = new Validation();

        Assert.Null(Record(validation, [Cell(count: count)]));
        var rejection = Assert.Single(validation.Rejections);
        Assert.Equal(field, rejection.Field);
        Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_counted_twice_and_an_unknown_age_band_are_named()
    {
        var validation = new Validation();

        Assert.Null(Record(validation, [Cell(), Cell(), Cell(age: "adult")]));
        Assert.Equal(["counts[1]", "counts[2].ageBand"], validation.Rejections.Select(r => r.Field));
    }

    [Property(MaxTest = 200)]
    public bool The_total_is_always_the_sum_of_the_matrix(NonEmptyArray<NonNegativeInt> counts)
    {
        var cells = counts.Get
            .Take(PassageNames.Sexes.Count * PassageNames.AgeBands.Count)
            .Select((count, i) => new PassageCountInput(
                "civilians",
                PassageNames.Sexes.Keys.ElementAt(i % 3),
                PassageNames.AgeBands.Keys.ElementAt(i / 3 % 6),
                count.Get))
            .DistinctBy(c => (c.Category, c.Sex, c.AgeBand))
            .ToArray();
        var command = Record(new Validation(), cells, corrects: Guid.NewGuid());
        var corrected = new Passage(command!.Corrects!.Value, CorridorDeciderTests.CorridorId, new SiteId(EntryCheckpoint), null);

        var recorded = (PassageRecorded)((Decision.Accepted)Decide(command, corrected)).Events[0].Event;

        return recorded.TotalPeople() == cells.Sum(c => c.Count!.Value) && command.TotalPeople == recorded.TotalPeople();
    }
}
