using Lifeline.Log.Chain;

namespace Lifeline.Log.Tests;

public class UuidV7Tests
{
    private static readonly DateTimeOffset At = new(2016, 8, 1, 9, 30, 0, TimeSpan.FromHours(3));

    [Fact]
    public void A_seeded_id_is_a_version_7_uuid_carrying_its_millisecond_timestamp()
    {
        var id = UuidV7.Create(At, new Random(1));

        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, id.Variant >> 2);
        var bytes = id.ToByteArray(bigEndian: true);
        var milliseconds = bytes.Take(6).Aggregate(0L, (value, b) => (value << 8) | b);
        Assert.Equal(At.ToUnixTimeMilliseconds(), milliseconds);
    }

    [Fact]
    public void The_same_seed_gives_the_same_ids_and_later_times_sort_later()
    {
        Guid[] first = [UuidV7.Create(At, new Random(5)), UuidV7.Create(At.AddMilliseconds(1), new Random(5))];
        Guid[] again = [UuidV7.Create(At, new Random(5)), UuidV7.Create(At.AddMilliseconds(1), new Random(5))];

        Assert.Equal(first, again);
        Assert.True(first[0].CompareTo(first[1]) < 0);
        Assert.NotEqual(UuidV7.Create(At, new Random(5)), UuidV7.Create(At, new Random(6)));
    }

    [Fact]
    public void Without_a_seed_ids_are_random()
    {
        Assert.NotEqual(UuidV7.Create(At), UuidV7.Create(At));
        Assert.Equal(7, UuidV7.Create(At).Version);
    }
}
