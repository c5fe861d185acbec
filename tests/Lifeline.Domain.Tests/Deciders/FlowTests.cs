using Lifeline.Domain.Corridors;
using Lifeline.Domain.Primitives;
using NodaTime;

namespace Lifeline.Domain.Tests.Deciders;

public class FlowTests
{
    private static readonly DateTimeZone Damascus = DateTimeZoneProviders.Tzdb["Asia/Damascus"];

    private static OpeningWindow Daily(CorridorId corridor, int from = 8, int to = 16) =>
        new(new WindowId(Guid.NewGuid()), corridor, new WindowSchedule.Daily(new LocalDate(2016, 7, 28), null, new LocalTime(from, 0), new LocalTime(to, 0)), null, false, 1);

    private static FlowBucket Hour(int day, int utcHour, long people) =>
        new(Instant.FromUtc(2016, 7, day, utcHour, 0), Instant.FromUtc(2016, 7, day, utcHour, 0) + Duration.FromHours(1), people, 0, 1);

    [Fact]
    public void Hours_are_summed_into_local_days()
    {
        // 22:00 UTC on the 28th is 01:00 on the 29th in Damascus (UTC+3 in summer 2016).
        var days = Flow.ByLocalDay([Hour(28, 6, 10), Hour(28, 20, 5), Hour(28, 22, 7)], Damascus);

        Assert.Equal(2, days.Count);
        Assert.Equal(15, days[0].People);
        Assert.Equal(7, days[1].People);
        Assert.Equal(Instant.FromUtc(2016, 7, 27, 21, 0), days[0].Start);
    }

    [Fact]
    public void The_rate_is_per_open_hour_so_it_compares_with_capacity()
    {
        var corridor = new CorridorId(Guid.NewGuid());
        var day = new Interval(Instant.FromUtc(2016, 7, 29, 0, 0), Instant.FromUtc(2016, 7, 30, 0, 0));

        var open = Flow.OpenTime([Daily(corridor)], Damascus, day);

        Assert.Equal(Duration.FromHours(8), open);
        Assert.Equal(300, Flow.PeoplePerOpenHour(2400, open));
        Assert.Equal(0, Flow.PeoplePerOpenHour(50, Duration.Zero));
    }

    [Fact]
    public void The_estimate_counts_only_open_hours_and_adds_up_corridors()
    {
        var first = new CorridorId(Guid.NewGuid());
        var second = new CorridorId(Guid.NewGuid());
        var morning = Instant.FromUtc(2016, 7, 29, 5, 0); // 08:00 in Damascus

        // 300/h + 100/h for 8 hours a day moves 3,200 a day: 4,000 people need one full day and 2 hours more.
        var estimate = Flow.EstimateOut(4000, [new(first, 300, [Daily(first)]), new(second, 100, [Daily(second)])], Damascus, morning);

        Assert.Equal(Instant.FromUtc(2016, 7, 30, 7, 0), estimate);
        Assert.Null(Flow.EstimateOut(4000, [new(first, 0, [Daily(first)])], Damascus, morning));
        Assert.Equal(morning, Flow.EstimateOut(0, [], Damascus, morning));
    }
}
