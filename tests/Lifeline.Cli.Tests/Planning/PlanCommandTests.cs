using System.CommandLine;
using System.Text.Json;
using Lifeline.Cli.Planning;

namespace Lifeline.Cli.Tests.Planning;

public sealed class PlanCommandTests : IDisposable
{
    private const string Convoy = """
        {
          "name": "north corridor",
          "distance": { "model": "euclidean", "rounding": "nearest-integer" },
          "depots": [ { "id": "warehouse", "x": 0, "y": 0 } ],
          "stops": [
            { "id": "clinic", "x": 10, "y": 0, "demand": 6 },
            { "id": "school", "x": 10, "y": 5, "demand": 6 },
            { "id": "camp", "x": -10, "y": 0, "demand": 6 },
            { "id": "kiosk", "x": -10, "y": 60, "demand": 6, "priority": 5 }
          ],
          "fleet": [ { "name": "truck", "count": 2, "capacity": 12 } ]
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("lifeline-plan-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_folder, "problem.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static (int Exit, string Output, string Error) Invoke(params string[] args)
    {
        var root = new RootCommand { PlanCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Solve_prints_routes_loads_cost_and_unserved_stops()
    {
        var (exit, output, error) = Invoke("plan", "solve", Write(Convoy), "--iterations", "40", "--seed", "3");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains("warehouse -> clinic -> school -> warehouse", output.Replace("school -> clinic", "clinic -> school", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("load 12/12", output, StringComparison.Ordinal);
        Assert.Contains("Cost: 51.00", output, StringComparison.Ordinal); // 10+5+11 for the east run, 20 for the camp, 5 for skipping the kiosk
        Assert.Contains("Unserved: kiosk", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_lists_routes_and_unserved_stops()
    {
        var (exit, output, _) = Invoke("plan", "solve", Write(Convoy), "--iterations", "40", "--json");

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.True(root.GetProperty("feasible").GetBoolean());
        Assert.Equal(51, root.GetProperty("cost").GetDouble(), 6);
        Assert.Equal(2, root.GetProperty("routes").GetArrayLength());
        Assert.Equal("kiosk", root.GetProperty("unserved")[0].GetString());
    }

    [Fact]
    public void Malformed_file_exits_with_2_and_names_file_and_field()
    {
        var path = Write(Convoy.Replace("\"demand\": 6 },", "\"demand\": -6 },", StringComparison.Ordinal));

        var (exit, output, error) = Invoke("plan", "solve", path, "--iterations", "10");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Contains("stops[0].demand: must not be negative", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_syntax_error_exits_with_2_and_names_the_line()
    {
        var path = Write("{\n  \"stops\": [\n    { \"id\": \"a\" \n  ]\n}");

        var (exit, _, error) = Invoke("plan", "solve", path);

        Assert.Equal(2, exit);
        Assert.Contains(path + ":4:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_exits_with_2()
    {
        var (exit, _, error) = Invoke("plan", "solve", Path.Combine(_folder, "absent.json"), "--iterations", "5");

        Assert.Equal(2, exit);
        Assert.Contains("absent.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_that_no_plan_can_satisfy_exits_with_1()
    {
        var path = Write(Convoy.Replace("\"capacity\": 12", "\"capacity\": 5", StringComparison.Ordinal));

        var (exit, output, _) = Invoke("plan", "solve", path, "--iterations", "20");

        Assert.Equal(1, exit);
        Assert.Contains("No plan meets every constraint", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_time_limit_exits_with_2()
    {
        var (exit, _, error) = Invoke("plan", "solve", Write(Convoy), "--time-limit", "soon");

        Assert.Equal(2, exit);
        Assert.Contains("--time-limit 'soon'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("2m", 120)]
    [InlineData("500ms", 0.5)]
    [InlineData("7", 7)]
    public void Time_limits_accept_common_units(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), PlanCommand.ParseDuration(text));
}
