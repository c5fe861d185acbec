using Lifeline.Planning.Checking;
using Lifeline.Planning.Formats;
using Lifeline.Planning.Search;

namespace Lifeline.Planning.Tests.Search;

public class SegmentTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Joining_at_any_cut_gives_the_same_route_summary(int seed)
    {
        var (problem, route) = RandomRoute(seed);
        var nodes = new[] { 0 }.Concat(route).ToArray();
        var whole = Fold(problem, nodes, 0, nodes.Length);

        for (var cut = 1; cut < nodes.Length; cut++)
        {
            var joined = Segment.Join(problem, Fold(problem, nodes, 0, cut), Fold(problem, nodes, cut, nodes.Length));

            Assert.Equal(whole.Distance, joined.Distance, 9);
            Assert.Equal(whole.Duration, joined.Duration, 9);
            Assert.Equal(whole.TimeWarp, joined.TimeWarp, 9);
            Assert.Equal(whole.Load, joined.Load);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(1, 1000)]
    [InlineData(2, 1000)]
    [InlineData(3, 1000)]
    public void Time_warp_is_zero_exactly_when_the_checker_finds_no_lateness(int seed, int slack = 0)
    {
        var (problem, route) = RandomRoute(seed, slack);
        var full = Segment.Join(problem, Fold(problem, [0, .. route], 0, route.Length + 1), Segment.Arrival(problem, 0));

        var report = SolutionChecker.Check(problem, new Plan([new PlannedRoute(0, route)], []));

        var late = report.Violations.Any(v => v.Kind is ViolationKind.TimeWindowMissed or ViolationKind.LateReturnToDepot);
        Assert.Equal(late, full.TimeWarp > 1e-9);
        Assert.Equal(slack == 0, late);
        Assert.Equal(report.Cost, full.Distance, 9);
    }

    private static Segment Fold(RoutingProblem problem, int[] nodes, int from, int to)
    {
        var segment = Segment.Visit(problem, nodes[from]);
        for (var i = from + 1; i < to; i++)
        {
            segment = Segment.Join(problem, segment, Segment.Visit(problem, nodes[i]));
        }

        return segment;
    }

    /// <summary>A random route with tight windows, or with every window widened by <paramref name="slack"/>.</summary>
    private static (RoutingProblem Problem, int[] Route) RandomRoute(int seed, int slack = 0)
    {
        var random = new Random(seed);
        const int n = 9;
        var x = new double[n];
        var y = new double[n];
        var ready = new double[n];
        var due = new double[n];
        var service = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = random.Next(50);
            y[i] = random.Next(50);
            ready[i] = i == 0 ? 0 : random.Next(150);
            due[i] = (i == 0 ? 400 : ready[i] + 20 + random.Next(120)) + slack;
            service[i] = i == 0 ? 0 : 5;
        }

        var problem = new RoutingProblem("segments", 1, Euclidean.Matrix(x, y, DistanceRounding.Exact), null, new int[n],
            [new VehicleType("van", 1, 100)], ready: ready, due: due, service: service);
        var route = Enumerable.Range(1, n - 1).OrderBy(_ => random.Next()).ToArray();
        return (problem, route);
    }
}
