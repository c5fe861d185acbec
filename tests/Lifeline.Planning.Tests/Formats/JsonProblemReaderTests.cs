using Lifeline.Planning.Checking;
using Lifeline.Planning.Formats;
using Lifeline.Planning.Search;

namespace Lifeline.Planning.Tests.Formats;

public class JsonProblemReaderTests
{
    private const string Airlift = """
        {
          "name": "airlift",
          "distance": { "model": "great-circle", "rounding": "exact", "speed": 3 },
          "depots": [ { "id": "base", "lat": 50.0, "lon": 30.0, "ready": 0, "due": 600 } ],
          "stops": [
            { "id": "hospital", "lat": 50.5, "lon": 30.0, "demand": 1500, "service": 20 },
            { "id": "school", "lat": 50.0, "lon": 30.7, "demand": 800, "ready": 60, "due": 300, "priority": 400 }
          ],
          "fleet": [ { "name": "Mi-8", "count": 2, "capacity": 3000, "fixedCost": 100, "costPerDistance": 10, "depot": "base", "maxDistance": 200 } ]
        }
        """;

    [Fact]
    public void Airlift_problem_uses_great_circle_kilometres_and_keeps_ids()
    {
        var named = JsonProblemReader.Parse(Airlift, "airlift.json");
        var problem = named.Problem;

        Assert.Equal(["base", "hospital", "school"], named.NodeIds);
        Assert.Equal(55.6, problem.Dist(0, 1), 1); // half a degree of latitude
        Assert.Equal(problem.Dist(0, 1) / 3, problem.Time(0, 1), 9);
        Assert.True(problem.IsMandatory(1));
        Assert.Equal(400, problem.UnservedPenalty[2]);
        Assert.Equal(200, problem.Fleet[0].MaxDistance);
        Assert.Equal(20, problem.Service[1]);
    }

    [Fact]
    public void Airlift_problem_solves_to_a_checked_plan_that_skips_a_stop_worth_less_than_its_detour()
    {
        var problem = JsonProblemReader.Parse(Airlift, "airlift.json").Problem;

        var result = HybridGeneticSearch.Solve(problem, new SearchOptions { Seed = 1, MaxIterations = 30 });

        // The school adds about 68 km (680 at 10 per km) to the hospital sortie but is only worth 400.
        Assert.True(SolutionChecker.Check(problem, result.Plan).IsFeasible);
        Assert.Equal([2], result.Plan.Unserved);
        Assert.Equal([1], Assert.Single(result.Plan.Routes).Stops);
    }

    [Fact]
    public void Json_syntax_error_names_the_line()
    {
        var broken = Airlift.Replace("\"demand\": 800,", "\"demand\": 800", StringComparison.Ordinal);

        var error = Assert.Throws<ProblemFormatException>(() => JsonProblemReader.Parse(broken, "airlift.json"));

        Assert.Equal(7, error.Line);
        Assert.Equal("airlift.json", error.File);
    }

    [Theory]
    [InlineData("\"demand\": 1500", "\"demand\": -5", "stops[0].demand: must not be negative")]
    [InlineData("\"depot\": \"base\"", "\"depot\": \"port\"", "fleet[0].depot: 'port' is not a depot id")]
    [InlineData("\"id\": \"school\"", "\"id\": \"hospital\"", "stops[1].id: 'hospital' is used twice")]
    [InlineData("\"great-circle\"", "\"manhattan\"", "distance.model: 'manhattan' is not one of euclidean, great-circle, matrix")]
    [InlineData("\"lat\": 50.5, ", "", "stops[0].lat: is required by this distance model")]
    [InlineData("\"ready\": 60, \"due\": 300", "\"ready\": 300, \"due\": 60", "stops[1].due: is before ready")]
    public void Invalid_field_is_rejected_with_its_path_and_reason(string good, string bad, string reason)
    {
        var text = Airlift.Replace(good, bad, StringComparison.Ordinal);

        var error = Assert.Throws<ProblemFormatException>(() => JsonProblemReader.Parse(text, "airlift.json"));

        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Unknown_field_is_rejected()
    {
        var text = Airlift.Replace("\"demand\": 1500", "\"weight\": 1500", StringComparison.Ordinal);

        var error = Assert.Throws<ProblemFormatException>(() => JsonProblemReader.Parse(text, "airlift.json"));

        Assert.Contains("weight", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Matrix_model_takes_distances_as_given()
    {
        const string json = """
            { "distance": { "model": "matrix", "matrix": [[0, 7], [9, 0]] },
              "depots": [ { "id": "d" } ], "stops": [ { "id": "s", "demand": 1 } ],
              "fleet": [ { "capacity": 5 } ] }
            """;

        var problem = JsonProblemReader.Parse(json, "m.json").Problem;

        Assert.Equal(7, problem.Dist(0, 1));
        Assert.Equal(9, problem.Dist(1, 0));
    }
}
