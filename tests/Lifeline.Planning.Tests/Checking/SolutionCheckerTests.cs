using Lifeline.Planning.Checking;
using Lifeline.Planning.Formats;

namespace Lifeline.Planning.Tests.Checking;

public class SolutionCheckerTests
{
    // Depot 0 at the origin, stops 1..4 at x = 10, 20, 30, 40 on a line; travel time equals distance.
    private static RoutingProblem Line(
        int capacity = 100,
        double[]? ready = null,
        double[]? due = null,
        double maxDuration = double.PositiveInfinity,
        double maxDistance = double.PositiveInfinity,
        double[]? penalty = null,
        int count = 2,
        int[]? volume = null,
        int volumeCapacity = int.MaxValue)
    {
        double[] x = [0, 10, 20, 30, 40];
        double[] y = [0, 0, 0, 0, 0];
        return new RoutingProblem("line", 1, Euclidean.Matrix(x, y, DistanceRounding.Exact), null, [0, 10, 20, 30, 40],
            [new VehicleType("truck", count, capacity, volumeCapacity, FixedCost: 5, CostPerDistance: 2, MaxDuration: maxDuration, MaxDistance: maxDistance)],
            volume: volume, ready: ready, due: due, service: [0, 1, 1, 1, 1], unservedPenalty: penalty, x: x, y: y);
    }

    private static Plan Routes(params int[][] routes) => new(routes.Select(r => new PlannedRoute(0, r)).ToList(), []);

    private static ViolationKind Single(CheckReport report) => Assert.Single(report.Violations).Kind;

    [Fact]
    public void Feasible_plan_costs_fixed_plus_unit_cost_times_distance()
    {
        var report = SolutionChecker.Check(Line(), Routes([1, 2], [3, 4]));

        Assert.True(report.IsFeasible);
        Assert.Equal(5 + (2 * 40) + 5 + (2 * 80), report.Cost, 9);
    }

    [Fact]
    public void Overloaded_route_is_reported() =>
        Assert.Equal(ViolationKind.CapacityExceeded, Single(SolutionChecker.Check(Line(capacity: 60), Routes([1, 2], [3, 4]))));

    [Fact]
    public void Excess_volume_is_reported() =>
        Assert.Equal(ViolationKind.VolumeExceeded, Single(SolutionChecker.Check(Line(volume: [0, 3, 3, 1, 1], volumeCapacity: 5), Routes([1, 2], [3, 4]))));

    [Fact]
    public void Missed_time_window_is_reported()
    {
        var problem = Line(due: [1000, 1000, 1000, 15, 1000]);

        var report = SolutionChecker.Check(problem, Routes([1, 2], [4, 3]));

        Assert.Equal(ViolationKind.TimeWindowMissed, Single(report));
        Assert.Equal(3, report.Violations[0].Stop);
    }

    [Fact]
    public void Late_return_to_depot_is_reported() =>
        Assert.Equal(ViolationKind.LateReturnToDepot, Single(SolutionChecker.Check(Line(due: [50, 1000, 1000, 1000, 1000]), Routes([1, 2], [3, 4]))));

    [Fact]
    public void Route_longer_than_allowed_duration_is_reported() =>
        Assert.Equal(ViolationKind.DurationExceeded, Single(SolutionChecker.Check(Line(maxDuration: 60), Routes([1, 2], [3, 4]))));

    [Fact]
    public void Waiting_that_a_later_departure_avoids_does_not_count_towards_duration()
    {
        // Stop 1 opens at 100: leaving at 90 instead of 0 makes the route 10 + 1 + 10 = 21 long.
        var problem = Line(ready: [0, 100, 0, 0, 0], maxDuration: 21);

        var report = SolutionChecker.Check(problem, Routes([1], [2, 3, 4]));

        Assert.DoesNotContain(report.Violations, v => v.Kind == ViolationKind.DurationExceeded && v.Route == 0);
    }

    [Fact]
    public void Route_beyond_range_is_reported() =>
        Assert.Equal(ViolationKind.RangeExceeded, Single(SolutionChecker.Check(Line(maxDistance: 70), Routes([1, 2], [3, 4]))));

    [Fact]
    public void Stop_served_twice_is_reported() =>
        Assert.Equal(ViolationKind.StopServedTwice, Single(SolutionChecker.Check(Line(), Routes([1, 2, 3], [3, 4]))));

    [Fact]
    public void Unserved_mandatory_stop_is_reported() =>
        Assert.Equal(ViolationKind.MandatoryStopUnserved, Single(SolutionChecker.Check(Line(), Routes([1, 2], [4]))));

    [Fact]
    public void Unserved_optional_stop_costs_its_penalty()
    {
        var problem = Line(penalty: [0, double.PositiveInfinity, double.PositiveInfinity, 7, double.PositiveInfinity]);

        var report = SolutionChecker.Check(problem, new Plan([new PlannedRoute(0, [1, 2]), new PlannedRoute(0, [4])], [3]));

        Assert.True(report.IsFeasible);
        Assert.Equal(5 + 80 + 5 + 160 + 7, report.Cost, 9);
    }

    [Fact]
    public void Unknown_stop_and_depot_as_stop_are_reported()
    {
        var report = SolutionChecker.Check(Line(), Routes([1, 2, 9], [0, 3, 4]));

        Assert.Contains(report.Violations, v => v.Kind == ViolationKind.UnknownStop && v.Stop == 9);
        Assert.Contains(report.Violations, v => v.Kind == ViolationKind.DepotVisitedAsStop);
    }

    [Fact]
    public void More_routes_than_vehicles_is_reported() =>
        Assert.Equal(ViolationKind.TooManyVehicles, Single(SolutionChecker.Check(Line(count: 1), Routes([1, 2], [3, 4]))));

    [Fact]
    public void Unknown_vehicle_type_is_reported()
    {
        var plan = new Plan([new PlannedRoute(3, [1, 2, 3, 4])], []);

        Assert.Contains(SolutionChecker.Check(Line(), plan).Violations, v => v.Kind == ViolationKind.UnknownVehicleType);
    }
}
