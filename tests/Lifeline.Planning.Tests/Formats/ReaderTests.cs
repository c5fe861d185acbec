using Lifeline.Planning.Checking;
using Lifeline.Planning.Formats;

namespace Lifeline.Planning.Tests.Formats;

public class ReaderTests
{
    private const string SmallVrp = """
        NAME : tiny
        TYPE : CVRP
        DIMENSION : 3
        EDGE_WEIGHT_TYPE : EUC_2D
        CAPACITY : 10
        NODE_COORD_SECTION
        1 0 0
        2 3 4
        3 0 1.6
        DEMAND_SECTION
        1 0
        2 4
        3 5
        DEPOT_SECTION
        1
        -1
        EOF
        """;

    [Fact]
    public void Cvrplib_file_becomes_depot_zero_with_rounded_euclidean_distances()
    {
        var problem = CvrplibReader.ParseProblem(SmallVrp, "tiny.vrp");

        Assert.Equal(1, problem.DepotCount);
        Assert.Equal(2, problem.ClientCount);
        Assert.Equal(5, problem.Dist(0, 1));
        Assert.Equal(2, problem.Dist(0, 2)); // 1.6 rounds to 2 under TSPLIB nint
        Assert.Equal([0, 4, 5], problem.Demand);
        Assert.Equal(10, problem.Fleet[0].Capacity);
    }

    [Theory]
    [InlineData("2 4", "2 x4", 12, "demand 'x4' is not an integer")]
    [InlineData("CAPACITY : 10", "CAPACITY : ten", 5, "CAPACITY 'ten' is not an integer")]
    [InlineData("TYPE : CVRP", "COLOUR : blue", 2, "unknown keyword 'COLOUR'")]
    [InlineData("3 0 1.6", "3 0", 9, "expected 3 fields, found 2")]
    [InlineData("3 0 1.6", "7 0 1.6", 9, "node id 7 is outside 1..3")]
    [InlineData("EUC_2D", "GEO", 4, "EDGE_WEIGHT_TYPE GEO is not supported (only EUC_2D)")]
    public void Malformed_cvrplib_file_is_rejected_with_line_and_reason(string good, string bad, int line, string reason)
    {
        var text = SmallVrp.Replace(good, bad, StringComparison.Ordinal);

        var error = Assert.Throws<ProblemFormatException>(() => CvrplibReader.ParseProblem(text, "tiny.vrp"));

        Assert.Equal(line, error.Line);
        Assert.Equal(reason, error.Reason);
        Assert.Equal("tiny.vrp", error.File);
    }

    [Fact]
    public void Truncated_demand_section_names_the_last_line()
    {
        var text = SmallVrp[..SmallVrp.IndexOf("3 5", StringComparison.Ordinal)];

        var error = Assert.Throws<ProblemFormatException>(() => CvrplibReader.ParseProblem(text, "tiny.vrp"));

        Assert.Contains("section ends after 2 of 3 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Published_x_solution_is_feasible_and_costs_its_best_known_value()
    {
        var problem = CvrplibReader.ReadProblem(SharedData.Vrp("cvrp-x", "X-n101-k25.vrp"));
        var (plan, cost) = CvrplibReader.ReadSolution(SharedData.Vrp("cvrp-x", "X-n101-k25.sol"));

        var report = SolutionChecker.Check(problem, plan);

        Assert.True(report.IsFeasible, string.Join("; ", report.Violations));
        Assert.Equal(27591, report.Cost);
        Assert.Equal(27591, cost);
    }

    [Fact]
    public void Published_solomon_solution_is_feasible_under_dimacs_truncation()
    {
        var problem = SolomonReader.ReadProblem(SharedData.Vrp("vrptw-solomon", "C101.txt"));
        var (plan, _) = CvrplibReader.ReadSolution(SharedData.Vrp("vrptw-solomon", "C101.sol"));

        var report = SolutionChecker.Check(problem, plan);

        Assert.True(report.IsFeasible, string.Join("; ", report.Violations));
        Assert.Equal(827.3, report.Cost, 6);
        Assert.Equal(25, problem.Fleet[0].Count);
        Assert.Equal(90, problem.Service[1]);
    }

    [Fact]
    public void Malformed_solomon_row_is_rejected_with_its_line()
    {
        var lines = File.ReadAllLines(SharedData.Vrp("vrptw-solomon", "C101.txt"));
        lines[12] = "    3      42         66         10         65";

        var error = Assert.Throws<ProblemFormatException>(() => SolomonReader.ParseProblem(string.Join('\n', lines), "C101.txt"));

        Assert.Equal(13, error.Line);
        Assert.Equal("expected 7 fields per customer, found 5", error.Reason);
    }

    [Fact]
    public void Taillard_file_gives_each_vehicle_type_its_count_capacity_and_unit_cost()
    {
        var problem = TaillardReader.ReadProblem(SharedData.Vrp("hfvrp-taillard", "HFVRP", "HVRP13.txt"));

        Assert.Equal(50, problem.ClientCount);
        Assert.Equal(6, problem.Fleet.Count);
        Assert.Equal(new VehicleType("type 1", 4, 20, FixedCost: 0, CostPerDistance: 1.0), problem.Fleet[0]);
        Assert.Equal(3.2, problem.Fleet[5].CostPerDistance);
        Assert.Equal(18, problem.Demand[1]);
        Assert.True(double.IsPositiveInfinity(problem.Fleet[0].MaxDistance));
    }

    [Fact]
    public void Malformed_taillard_vehicle_line_is_rejected_with_its_line()
    {
        var lines = File.ReadAllLines(SharedData.Vrp("hfvrp-taillard", "HFVRP", "HVRP13.txt"));
        lines[7] = " 2 30 0";

        var error = Assert.Throws<ProblemFormatException>(() => TaillardReader.ParseProblem(string.Join('\n', lines), "HVRP13.txt"));

        Assert.Equal(8, error.Line);
        Assert.Equal("vehicle type line needs 4 fields, found 3", error.Reason);
    }

    [Fact]
    public void Solution_file_with_a_stray_line_is_rejected_with_its_line()
    {
        var error = Assert.Throws<ProblemFormatException>(() => CvrplibReader.ParseSolution("Route #1: 1 2\nRoute 2 3\nCost 10", "x.sol"));

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Best_known_values_are_read_from_csv_and_json()
    {
        var x = BestKnownReader.ReadCsv(SharedData.Vrp("cvrp-x", "bks.csv"), "bks");
        var solomon = BestKnownReader.ReadCsv(SharedData.Vrp("vrptw-solomon", "bks.csv"), "cvrplib_dimacs_bks_trunc1dec");
        var taillard = BestKnownReader.ReadJson(SharedData.Vrp("hfvrp-taillard", "bks.json"));

        Assert.Equal(27591, x["X-n101-k25"]);
        Assert.Equal(827.3, solomon["C101"]);
        Assert.Equal(1518.05, taillard["HVRP13"]);
    }
}
