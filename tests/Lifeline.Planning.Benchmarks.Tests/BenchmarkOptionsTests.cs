using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Lifeline.Planning.Benchmarks.Tests;

public class BenchmarkOptionsTests
{
    [Fact]
    public void Without_options_it_runs_the_quick_protocol_on_x_beside_or_tools()
    {
        var options = BenchmarkOptions.Parse([]);

        Assert.Equal(["x"], options.Sets);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LimitFor(935));
        Assert.True(options.Lifeline);
        Assert.True(options.OrTools);
        Assert.Equal(1, options.Seed);
        Assert.False(options.CpuTime);
    }

    [Fact]
    public void The_standard_protocol_gives_each_instance_2_4_seconds_per_client()
    {
        var options = BenchmarkOptions.Parse(["--set", "X", "--standard", "--cpu-time", "--seed", "3"]);

        Assert.Equal(TimeSpan.FromSeconds(240), options.LimitFor(100));
        Assert.Equal(TimeSpan.FromSeconds(2244), options.LimitFor(935));
        Assert.Equal(
            new Dictionary<string, string> { ["set"] = "x", ["limit"] = "2.4n", ["seed"] = "3", ["clock"] = "thread-cpu", ["build"] = "b" },
            options.Configuration("b"));
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("30s", 30)]
    [InlineData("2.5", 2.5)]
    public void A_time_limit_is_in_seconds_with_or_without_the_unit(string value, double seconds)
    {
        var options = BenchmarkOptions.Parse(["--standard", "--time-limit", value]);

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.LimitFor(500));
        Assert.Equal(seconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "s", options.Configuration("b")["limit"]);
    }

    [Theory]
    [InlineData("--seed", "--seed: a value is required")]
    [InlineData("--seed x", "--seed: expected a whole number, got 'x'")]
    [InlineData("--time-limit", "--time-limit: a value is required")]
    [InlineData("--time-limit 0", "--time-limit: expected a positive number of seconds")]
    [InlineData("--time-limit -5", "--time-limit: expected a positive number of seconds")]
    [InlineData("--time-limit ten", "--time-limit: expected a positive number of seconds")]
    [InlineData("--set cvrp", "--set: expected one of x, augerat, solomon, taillard, got 'cvrp'")]
    [InlineData("--results --cpu-time", "--results: a value is required")]
    [InlineData("--shard 3/2", "--shard: expected K/M with 1 <= K <= M")]
    [InlineData("--shard 0/2", "--shard: expected K/M with 1 <= K <= M")]
    [InlineData("--shard half", "--shard: expected K/M with 1 <= K <= M")]
    [InlineData("--no-lifeline --no-ortools", "--no-lifeline with --no-ortools leaves nothing to run")]
    [InlineData("--fast", "unknown argument '--fast'")]
    public void Bad_arguments_are_refused_naming_the_option(string line, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse(line.Split(' ')));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Property]
    public Property Shards_split_the_instances_between_them_evenly_largest_first(PositiveInt[] sizes, PositiveInt shardCount)
    {
        var count = 1 + (shardCount.Get % 5);
        var items = sizes.Select((s, i) => (Id: i, Size: s.Get % 1000)).ToList();
        var shards = Enumerable.Range(1, count).Select(k => BenchmarkOptions.Select(items, i => i.Size, (k, count))).ToList();

        var everyItemOnce = shards.SelectMany(s => s).Select(i => i.Id).Order().SequenceEqual(items.Select(i => i.Id));
        var largestFirst = shards.All(s => s.Zip(s.Skip(1)).All(p => p.First.Size >= p.Second.Size));
        var totals = shards.Select(s => s.Sum(i => (long)i.Size)).ToList();
        // Each instance goes to the shard with the least so far, so no shard ends more than one instance ahead.
        var even = totals.Max() - totals.Min() <= items.Select(i => i.Size).DefaultIfEmpty().Max();

        return everyItemOnce.Label("every instance in exactly one shard")
            .And(largestFirst.Label("largest instance first"))
            .And(even.Label($"totals {string.Join(", ", totals)}"));
    }
}
