using Lifeline.Domain.Corridors;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using NodaTime;

namespace Lifeline.Domain.Tests.Deciders;

public class WindowDeciderTests
{
    private static readonly DateTimeZone Damascus = DateTimeZoneProviders.Tzdb["Asia/Damascus"];
    private static readonly CorridorId Other = new(Guid.Parse("01900000-0000-7000-8000-0000000000c2"));

    private static ScheduleWindow Daily(string from = "08:00", string to = "16:00", string firstDay = "2016-07-28", string? lastDay = null, CorridorId? corridor = null) =>
        ScheduleWindow.From(OperationDeciderTests.Id, [corridor ?? CorridorDeciderTests.CorridorId], "daily", null, null, firstDay, lastDay, from, to, null, "daily opening", new Validation())!;

    private static ScheduleWindow Once(string start, string end, params CorridorId[] corridors) =>
        ScheduleWindow.From(OperationDeciderTests.Id, corridors.Length == 0 ? [CorridorDeciderTests.CorridorId] : corridors, "once", start, end, null, null, null, null, corridors.Length > 1 ? Guid.NewGuid() : null, "pause", new Validation())!;

    private static OpeningWindow Window(ScheduleWindow scheduled, bool cancelled = false) =>
        new(new WindowId(Guid.NewGuid()), scheduled.CorridorIds[0], scheduled.Schedule, null, cancelled, 1);

    private static Dictionary<CorridorId, Corridor> Corridors(CorridorStatus status = CorridorStatus.Open) => new()
    {
        [CorridorDeciderTests.CorridorId] = CorridorDeciderTests.Existing(status),
        [Other] = CorridorDeciderTests.Existing(status) with { Id = Other, Name = "Civilian corridor 2" },
    };

    private static Decision Decide(ScheduleWindow command, params OpeningWindow[] existing) =>
        WindowDecider.Decide(command, Damascus, Corridors(), existing, () => new WindowId(Guid.NewGuid()));

    [Fact]
    public void A_daily_window_is_recorded_with_its_local_times()
    {
        var scheduled = Assert.IsType<WindowScheduled>(Assert.Single(Assert.IsType<Decision.Accepted>(Decide(Daily())).Events).Event);

        Assert.Equal(new TimeOnly(8, 0), scheduled.DailyFrom);
        Assert.Equal(new DateOnly(2016, 7, 28), scheduled.FirstDay);
        Assert.Null(scheduled.LastDay);
        Assert.Equal(Daily().Schedule, scheduled.ToSchedule());
    }

    [Fact]
    public void A_one_off_window_inside_a_daily_window_overlaps_and_is_a_conflict()
    {
        var rejected = Assert.IsType<Decision.Rejected>(Decide(Once("2016-08-02T15:00", "2016-08-02T18:00"), Window(Daily())));

        Assert.Equal(RejectionKind.Conflict, rejected.Rejections[0].Kind);
        Assert.Contains("overlaps window", rejected.Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_that_only_touch_do_not_overlap()
    {
        Assert.IsType<Decision.Accepted>(Decide(Once("2016-08-02T16:00", "2016-08-02T18:00"), Window(Daily())));
        Assert.IsType<Decision.Accepted>(Decide(Daily("16:00", "18:00"), Window(Daily())));
    }

    [Fact]
    public void Daily_windows_on_days_that_never_meet_do_not_overlap()
    {
        Assert.IsType<Decision.Accepted>(Decide(Daily(firstDay: "2016-08-05"), Window(Daily(lastDay: "2016-08-04"))));
        Assert.IsType<Decision.Rejected>(Decide(Daily("12:00", "13:00", firstDay: "2016-08-04"), Window(Daily(lastDay: "2016-08-04"))));
    }

    [Fact]
    public void A_cancelled_window_does_not_block_a_new_one()
    {
        Assert.IsType<Decision.Accepted>(Decide(Daily(), Window(Daily(), cancelled: true)));
    }

    [Fact]
    public void A_window_on_another_corridor_does_not_block()
    {
        Assert.IsType<Decision.Accepted>(Decide(Daily(corridor: Other), Window(Daily())));
    }

    [Fact]
    public void A_humanitarian_pause_opens_several_corridors_with_one_pause_id()
    {
        var pause = Once("2016-08-10T10:00", "2016-08-10T13:00", CorridorDeciderTests.CorridorId, Other);

        var events = Assert.IsType<Decision.Accepted>(Decide(pause)).Events.Select(e => Assert.IsType<WindowScheduled>(e.Event)).ToList();

        Assert.Equal(2, events.Count);
        Assert.Equal([CorridorDeciderTests.CorridorId.Value, Other.Value], events.Select(e => e.CorridorId));
        Assert.NotNull(events[0].PauseId);
        Assert.Equal(events[0].PauseId, events[1].PauseId);
        Assert.NotEqual(events[0].WindowId, events[1].WindowId);
    }

    [Fact]
    public void A_window_on_a_closed_corridor_is_rejected()
    {
        var decision = WindowDecider.Decide(Daily(), Damascus, Corridors(CorridorStatus.Closed), [], () => new WindowId(Guid.NewGuid()));

        Assert.Contains("is closed", Assert.IsType<Decision.Rejected>(decision).Rejections[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("daily", null, null, "2016-07-28", "16:00", "08:00", "dailyTo")]
    [InlineData("daily", null, null, "28/07/2016", "08:00", "16:00", "firstDay")]
    [InlineData("once", "2016-08-02T18:00", "2016-08-02T08:00", null, null, null, "end")]
    [InlineData("once", "yesterday", "2016-08-02T08:00", null, null, null, "start")]
    [InlineData("weekly", null, null, null, null, null, "recurrence")]
    public void Malformed_windows_name_the_field(string recurrence, string? start, string? end, string? firstDay, string? from, string? to, string field)
    {
        var validation = new Validation();

        Assert.Null(ScheduleWindow.From(OperationDeciderTests.Id, [CorridorDeciderTests.CorridorId], recurrence, start, end, firstDay, null, from, to, null, null, validation));
        Assert.Contains(field, validation.Rejections.Select(r => r.Field));
    }

    [Fact]
    public void A_daily_window_keeps_its_local_hours_across_the_end_of_daylight_saving_time()
    {
        // In 2016 Damascus left summer time (UTC+3) for winter time (UTC+2) at midnight starting 28 October.
        var schedule = Daily().Schedule;
        var from = Instant.FromUtc(2016, 10, 27, 0, 0);

        var occurrences = schedule.Occurrences(Damascus, from, from + Duration.FromDays(3)).ToList();

        Assert.Equal(Instant.FromUtc(2016, 10, 27, 5, 0), occurrences[0].Start);
        Assert.Equal(Instant.FromUtc(2016, 10, 27, 13, 0), occurrences[0].End);
        Assert.Equal(Instant.FromUtc(2016, 10, 29, 6, 0), occurrences[2].Start);
        Assert.Equal(Instant.FromUtc(2016, 10, 29, 14, 0), occurrences[2].End);
    }

    [Fact]
    public void A_corridor_is_open_when_its_status_is_open_and_the_instant_is_in_a_window()
    {
        var window = Window(Daily());
        var opened = new StatusChange(CorridorStatus.Open, Instant.FromUtc(2016, 7, 28, 4, 0));
        var paused = new StatusChange(CorridorStatus.Paused, Instant.FromUtc(2016, 7, 30, 9, 0));
        StatusChange[] history = [opened, paused];

        var inside = CorridorSchedule.IsOpenAt(history, [window], Damascus, Instant.FromUtc(2016, 7, 29, 6, 0));
        var evening = CorridorSchedule.IsOpenAt(history, [window], Damascus, Instant.FromUtc(2016, 7, 29, 14, 0));
        var whilePaused = CorridorSchedule.IsOpenAt(history, [window], Damascus, Instant.FromUtc(2016, 7, 30, 10, 0));

        Assert.True(inside.Open);
        Assert.Same(window, inside.Window);
        Assert.False(evening.Open);
        Assert.Equal(CorridorStatus.Open, evening.Status);
        Assert.False(whilePaused.Open);
        Assert.Equal(CorridorStatus.Paused, whilePaused.Status);
        Assert.NotNull(whilePaused.Window);
    }

    [Fact]
    public void The_next_window_after_an_evening_is_the_next_morning()
    {
        var daily = Window(Daily());
        var pause = Window(Once("2016-07-30T06:00", "2016-07-30T07:00"));

        var next = CorridorSchedule.NextWindow([daily, pause], Damascus, Instant.FromUtc(2016, 7, 29, 14, 0));

        Assert.Same(pause, next!.Value.Window);
        Assert.Equal(Instant.FromUtc(2016, 7, 30, 3, 0), next.Value.Occurrence.Start);
        Assert.Equal(Instant.FromUtc(2016, 7, 30, 5, 0), CorridorSchedule.NextWindow([daily], Damascus, Instant.FromUtc(2016, 7, 29, 14, 0))!.Value.Occurrence.Start);
        Assert.Null(CorridorSchedule.NextWindow([Window(Daily(lastDay: "2016-07-29"))], Damascus, Instant.FromUtc(2016, 7, 29, 14, 0)));
    }
}
