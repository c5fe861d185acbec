using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Lifeline.Planning.Formats;

namespace Lifeline.Planning.Tests.Formats;

/// <summary>
/// Every reader of an outside file either returns a sane problem or refuses the file with a
/// <see cref="ProblemFormatException"/> naming it: never another exception, never an allocation sized by the file.
/// The files are valid samples mangled the way a hostile or broken export would be.
/// </summary>
public sealed partial class HostileInputTests
{
    private const string Vrp = """
        NAME : tiny
        TYPE : CVRP
        DIMENSION : 4
        EDGE_WEIGHT_TYPE : EUC_2D
        CAPACITY : 10
        NODE_COORD_SECTION
        1 0 0
        2 3 4
        3 0 1.6
        4 -2 7
        DEMAND_SECTION
        1 0
        2 4
        3 5
        4 1
        DEPOT_SECTION
        1
        -1
        EOF
        """;

    private const string Sol = """
        Route #1: 1 2
        Route #2: 3
        Cost 27
        """;

    private const string Solomon = """
        TINY

        VEHICLE
        NUMBER     CAPACITY
          3         200

        CUSTOMER
        CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

            0      40         50          0          0       1236          0
            1      45         68         10        912        967         90
            2      45         70         30        825        870         90
            3      42         66         10         65        146         90
        """;

    private const string Taillard = """
         //Line 1: customers, vehicle types, range, service time, LB, BKS
         3 2 999999.0 0.0 10.5 11.0
         2 20  0 1.0
         1 30  5 1.1
         40 40
         22 22 18
         36 26 26
         21 45 11
        """;

    private const string Json = """
        {
          "name": "airlift",
          "distance": { "model": "euclidean", "rounding": "nearest-integer", "speed": 3 },
          "depots": [ { "id": "base", "x": 50.0, "y": 30.0, "ready": 0, "due": 600 } ],
          "stops": [
            { "id": "hospital", "x": 50.5, "y": 30.0, "demand": 1500, "volume": 2, "service": 20 },
            { "id": "school", "x": 50.0, "y": 30.7, "demand": 800, "ready": 60, "due": 300, "priority": 400 }
          ],
          "fleet": [ { "name": "Mi-8", "count": 2, "capacity": 3000, "volumeCapacity": 9, "fixedCost": 100, "costPerDistance": 10, "depot": "base", "maxDistance": 200, "maxDuration": 500 } ]
        }
        """;

    private const string MatrixJson = """
        {
          "distance": { "model": "matrix", "matrix": [[0, 4, 5], [4, 0, 3], [5, 3, 0]], "durations": [[0, 1, 2], [1, 0, 1], [2, 1, 0]] },
          "depots": [ { "id": "a" } ],
          "stops": [ { "id": "b", "demand": 1 }, { "id": "c", "demand": 2 } ],
          "fleet": [ { "capacity": 5 } ]
        }
        """;

    private const string GreatCircleJson = """
        {
          "distance": { "model": "great-circle" },
          "depots": [ { "id": "a", "lat": 50.0, "lon": 30.0 } ],
          "stops": [ { "id": "b", "lat": 50.5, "lon": 30.0, "demand": 1 } ],
          "fleet": [ { "capacity": 5 } ]
        }
        """;

    private const string BksCsv = """
        instance,bks,other
        X-n101-k25,27591,1
        C101,827.3,2
        """;

    private const string BksJson = """
        { "HVRP13": { "best_known_cost": 1518.05 }, "HVRP14": { "best_known_cost": 607.53, "note": "x" } }
        """;

    /// <summary>Numbers and tokens that have broken parsers before: limits of int and double, non-numbers, JSON junk.</summary>
    private static readonly string[] Hostile =
    [
        "0", "-0", "-1", "1.5", "2147483647", "2147483648", "-2147483648", "99999999999999999999", "46341", "10001", "1000000000",
        "1e9", "1e308", "-1e308", "1e400", "-1e400", "4.9e-324", "NaN", "Infinity", "-Infinity", "null", "[]", "{}", "[null]", "\"x\"",
        "", " ", "\u0000", "\u200b", "\u202e", "٣", "\ud83d\ude91", "\ufffd",
    ];

    private static readonly string[] JunkLines =
    [
        "", "-1", "EOF", "DEMAND_SECTION", "NODE_COORD_SECTION", "DIMENSION : 2000000000", "DIMENSION : 60000", "CAPACITY : -5",
        "1 0 0", "Route #9: 9", "//", "\u202e\u200b", "{", "}", "]", "\"stops\": [null],", "\"fleet\": [null],",
    ];

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex NumberToken();

    /// <summary>A sample with 1 to 5 random mutations, reproducible from the seed.</summary>
    private static Gen<string> Mangled(string sample) =>
        from seed in Gen.Choose(0, int.MaxValue)
        from count in Gen.Choose(1, 5)
        select Mutate(sample, new Random(seed), count);

    private static string Mutate(string text, Random random, int count)
    {
        for (var m = 0; m < count; m++)
        {
            var lines = text.Split('\n').ToList();
            switch (random.Next(9))
            {
                case 0 when text.Length > 0:
                    text = text[..random.Next(text.Length)];
                    continue;
                case 1 when text.Length > 0:
                    var at = random.Next(text.Length);
                    text = string.Concat(text.AsSpan(0, at), Hostile[random.Next(Hostile.Length)], text.AsSpan(at + 1));
                    continue;
                case 2 or 3 or 4:
                    var numbers = NumberToken().Matches(text);
                    if (numbers.Count > 0)
                    {
                        var number = numbers[random.Next(numbers.Count)];
                        text = string.Concat(text.AsSpan(0, number.Index), Hostile[random.Next(Hostile.Length)], text.AsSpan(number.Index + number.Length));
                    }

                    continue;
                case 5 when lines.Count > 0:
                    lines.RemoveAt(random.Next(lines.Count));
                    break;
                case 6 when lines.Count > 0:
                    var copy = random.Next(lines.Count);
                    var length = Math.Min(1 + random.Next(4), lines.Count - copy);
                    lines.InsertRange(copy + length, lines.GetRange(copy, length));
                    break;
                case 7:
                    lines.Insert(random.Next(lines.Count + 1), JunkLines[random.Next(JunkLines.Length)]);
                    break;
                default:
                    var bytes = Encoding.UTF8.GetBytes(text);
                    if (bytes.Length > 0)
                    {
                        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    }

                    text = Encoding.UTF8.GetString(bytes);
                    continue;
            }

            text = string.Join('\n', lines);
        }

        return text;
    }

    /// <summary>Reading either succeeds with a problem the search can use or is refused by the file's name; nothing else.</summary>
    private static void ReadsOrRefuses(string sample, string file, Func<string, RoutingProblem?> read, int tests = 3000) =>
        Prop.ForAll(Mangled(sample).ToArbitrary(), text =>
        {
            try
            {
                var problem = read(text);
                return (problem is null || IsSane(problem)).Label($"accepted an unusable problem from:\n{text}");
            }
            catch (ProblemFormatException refused)
            {
                return (refused.File == file && refused.Reason.Length > 0).Label($"refusal without file or reason: {refused.Message}");
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(tests));

    private static bool IsSane(RoutingProblem problem) =>
        problem.NodeCount <= FormatLimits.MaxNodes
        && problem.Distance.All(d => double.IsFinite(d) && d >= 0)
        && problem.Duration.All(d => double.IsFinite(d) && d >= 0)
        && problem.Demand.All(d => d >= 0) && problem.Volume.All(v => v >= 0)
        && problem.Demand.Sum(d => (long)d) <= int.MaxValue && problem.Volume.Sum(v => (long)v) <= int.MaxValue
        && problem.Ready.All(double.IsFinite) && problem.Service.All(double.IsFinite)
        && problem.Fleet.All(v => v.Count >= 0 && v.Capacity >= 0 && v.VolumeCapacity >= 0 && double.IsFinite(v.FixedCost) && double.IsFinite(v.CostPerDistance));

    [Fact]
    public void A_json_problem_with_half_a_surrogate_pair_is_refused_with_its_file()
    {
        var refused = Assert.Throws<ProblemFormatException>(() => JsonProblemReader.Parse("{ \"depots\": [ { \"id\": \"a\ud83d\" } ] }", "broken.json"));

        Assert.Contains("broken.json", refused.Message, StringComparison.Ordinal);
        Assert.Contains("not valid Unicode", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_best_known_json_with_half_a_surrogate_pair_is_refused_with_its_file()
    {
        var refused = Assert.Throws<ProblemFormatException>(() => BestKnownReader.ParseJson("2147483648\ude91", "bks.json"));

        Assert.Contains("bks.json", refused.Message, StringComparison.Ordinal);
        Assert.Contains("not valid Unicode", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mangled_cvrplib_problem_is_read_or_refused_with_its_file() =>
        ReadsOrRefuses(Vrp, "tiny.vrp", text => CvrplibReader.ParseProblem(text, "tiny.vrp"));

    [Fact]
    public void Mangled_cvrplib_solution_is_read_or_refused_with_its_file() =>
        ReadsOrRefuses(Sol, "tiny.sol", text =>
        {
            _ = CvrplibReader.ParseSolution(text, "tiny.sol");
            return null;
        });

    [Fact]
    public void Mangled_solomon_problem_is_read_or_refused_with_its_file() =>
        ReadsOrRefuses(Solomon, "tiny.txt", text => SolomonReader.ParseProblem(text, "tiny.txt"));

    [Fact]
    public void Mangled_taillard_problem_is_read_or_refused_with_its_file() =>
        ReadsOrRefuses(Taillard, "tiny.txt", text => TaillardReader.ParseProblem(text, "tiny.txt"));

    [Theory]
    [InlineData(Json)]
    [InlineData(MatrixJson)]
    [InlineData(GreatCircleJson)]
    public void Mangled_json_problem_is_read_or_refused_with_its_file(string sample) =>
        ReadsOrRefuses(sample, "p.json", text => JsonProblemReader.Parse(text, "p.json").Problem);

    [Fact]
    public void Mangled_best_known_csv_is_read_or_refused_with_its_file() =>
        ReadsOrRefuses(BksCsv, "bks.csv", text =>
        {
            _ = BestKnownReader.ParseCsv(text, "bks.csv", "bks");
            return null;
        });

    [Fact]
    public void Mangled_best_known_json_is_read_or_refused_with_its_file() =>
        ReadsOrRefuses(BksJson, "bks.json", text =>
        {
            _ = BestKnownReader.ParseJson(text, "bks.json");
            return null;
        });

    [Fact]
    public void Empty_and_blank_files_are_refused_by_every_reader()
    {
        foreach (var text in new[] { "", " ", "\n\n", "\u0000", "\ufeff" })
        {
            Assert.Throws<ProblemFormatException>(() => CvrplibReader.ParseProblem(text, "f"));
            Assert.Throws<ProblemFormatException>(() => CvrplibReader.ParseSolution(text, "f"));
            Assert.Throws<ProblemFormatException>(() => SolomonReader.ParseProblem(text, "f"));
            Assert.Throws<ProblemFormatException>(() => TaillardReader.ParseProblem(text, "f"));
            Assert.Throws<ProblemFormatException>(() => JsonProblemReader.Parse(text, "f"));
            Assert.Throws<ProblemFormatException>(() => BestKnownReader.ParseJson(text, "f"));
        }
    }

    [Theory]
    [InlineData("DIMENSION : 4", "DIMENSION : 2000000000", 3, "DIMENSION 2000000000 is more than the 10000 nodes a problem may have")]
    [InlineData("4 -2 7", "4 -2 1e300", 10, "y coordinate 1e300 is outside -1000000000..1000000000")]
    [InlineData("3 0 1.6", "2 0 1.6", 9, "node id 2 appears twice")]
    [InlineData("EOF", "DIMENSION : 4", 19, "DIMENSION appears twice")]
    [InlineData("3 5", "3 2147483647", 14, "demands add up to more than 2147483647")]
    public void Cvrplib_file_past_a_limit_is_refused_before_it_is_allocated(string good, string bad, int line, string reason)
    {
        var text = Vrp.Replace(good, bad, StringComparison.Ordinal);

        var error = Assert.Throws<ProblemFormatException>(() => CvrplibReader.ParseProblem(text, "tiny.vrp"));

        Assert.Equal((line, reason), (error.Line, error.Reason));
    }

    [Theory]
    [InlineData("45         68", "1e300      68", 11, "x 1e300 is outside -1000000000..1000000000")]
    [InlineData("10        912", "-10       912", 11, "demand -10 is outside 0..2147483647")]
    [InlineData("912        967", "-912       967", 11, "ready time -912 is outside 0..1000000000")]
    [InlineData("967         90", "967         1e300", 11, "service time 1e300 is outside 0..1000000000")]
    [InlineData("10         65", "2147483647 65", 13, "demands add up to more than 2147483647")]
    public void Solomon_file_past_a_limit_is_refused(string good, string bad, int line, string reason)
    {
        var text = Solomon.Replace(good, bad, StringComparison.Ordinal);

        var error = Assert.Throws<ProblemFormatException>(() => SolomonReader.ParseProblem(text, "tiny.txt"));

        Assert.Equal((line, reason), (error.Line, error.Reason));
    }

    [Fact]
    public void Solomon_file_with_more_customers_than_a_problem_may_have_is_refused()
    {
        var rows = Enumerable.Range(4, FormatLimits.MaxNodes).Select(i => $"{i} 1 1 0 0 100 0");

        var error = Assert.Throws<ProblemFormatException>(() => SolomonReader.ParseProblem(Solomon + "\n" + string.Join('\n', rows), "big.txt"));

        Assert.Equal("more than the 10000 nodes a problem may have", error.Reason);
    }

    [Theory]
    [InlineData(" 3 2 999999.0", " 2147483647 2 999999.0", 2, "customer count 2147483647 is outside 1..9999")]
    [InlineData(" 3 2 999999.0", " 3 2000000000 999999.0", 2, "vehicle type count 2000000000 is outside 1..1000")]
    [InlineData(" 3 2 999999.0 0.0", " 3 2 999999.0 -1", 2, "service time -1 is outside 0..1000000000")]
    [InlineData(" 2 20  0 1.0", " -2 20  0 1.0", 3, "vehicle count -2 is outside 0..2147483647")]
    [InlineData(" 2 20  0 1.0", " 2 20  0 -1.0", 3, "cost per distance -1.0 is outside 0..1000000000")]
    [InlineData(" 22 22 18", " 22 22 -18", 6, "demand -18 is outside 0..2147483647")]
    [InlineData(" 40 40", " 40 1e300", 5, "y 1e300 is outside -1000000000..1000000000")]
    public void Taillard_file_past_a_limit_is_refused_before_it_is_allocated(string good, string bad, int line, string reason)
    {
        var text = Taillard.Replace(good, bad, StringComparison.Ordinal);

        var error = Assert.Throws<ProblemFormatException>(() => TaillardReader.ParseProblem(text, "tiny.txt"));

        Assert.Equal((line, reason), (error.Line, error.Reason));
    }

    [Theory]
    [InlineData("\"stops\": [", "\"stops\": [null, ", "stops[0]: must be an object")]
    [InlineData("\"depots\": [", "\"depots\": [null, ", "depots[0]: must be an object")]
    [InlineData("\"fleet\": [", "\"fleet\": [null, ", "fleet[0]: must be an object")]
    [InlineData("\"demand\": 1500", "\"demand\": 1e20", "stops[0].demand: must be at most 2147483647")]
    [InlineData("\"demand\": 1500", "\"demand\": 1.5", "stops[0].demand: must be a whole number")]
    [InlineData("\"count\": 2", "\"count\": 1e20", "fleet[0].count: must be at most 2147483647")]
    [InlineData("\"x\": 50.5", "\"x\": 1e300", "stops[0].x: must be between -1000000000 and 1000000000")]
    [InlineData("\"speed\": 3", "\"speed\": 1e-300", "distance.speed: must be between 1E-06 and 1000000000")]
    [InlineData("\"service\": 20", "\"service\": 1e300", "stops[0].service: must be at most 1000000000")]
    [InlineData("\"demand\": 800", "\"demand\": 2147483647", "stops: demands add up to more than 2147483647")]
    public void Json_problem_past_a_limit_is_refused_with_its_field(string good, string bad, string reason)
    {
        var text = Json.Replace(good, bad, StringComparison.Ordinal);

        var error = Assert.Throws<ProblemFormatException>(() => JsonProblemReader.Parse(text, "p.json"));

        Assert.Equal(reason, error.Reason);
    }

    [Theory]
    [InlineData("\"lat\": 50.5", "\"lat\": 1e300", "stops[0].lat: must be between -90 and 90")]
    [InlineData("\"lat\": 50.5, \"lon\": 30.0", "\"lat\": 50.5, \"lon\": 181", "stops[0].lon: must be between -180 and 180")]
    public void Json_great_circle_position_off_the_earth_is_refused(string good, string bad, string reason)
    {
        var text = GreatCircleJson.Replace(good, bad, StringComparison.Ordinal);

        var error = Assert.Throws<ProblemFormatException>(() => JsonProblemReader.Parse(text, "p.json"));

        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Json_problem_with_more_stops_than_a_problem_may_have_is_refused_before_its_matrix_is_built()
    {
        var stops = string.Join(',', Enumerable.Range(0, 50_000).Select(i => $"{{\"id\":\"{i}\",\"x\":0,\"y\":0}}"));
        var text = $"{{\"depots\":[{{\"id\":\"d\",\"x\":0,\"y\":0}}],\"stops\":[{stops}],\"fleet\":[{{\"capacity\":1}}]}}";

        var error = Assert.Throws<ProblemFormatException>(() => JsonProblemReader.Parse(text, "p.json"));

        Assert.Equal("stops: 50001 depots and stops are more than the 10000 nodes a problem may have", error.Reason);
    }

    [Theory]
    [InlineData("[1, 2]", 0, "the file must hold one object of instances")]
    [InlineData("{ \"A\": { \"best_known_cost\": \"x\" } }", 0, "A.best_known_cost: must be a number")]
    [InlineData("{ \"A\": { \"best_known_cost\": 1e400 } }", 0, "A.best_known_cost: must be a number")]
    [InlineData("{ \"A\": 5 }", 0, "entry 'A' has no best_known_cost")]
    [InlineData("{ \"A\": ", 1, "invalid JSON")]
    public void Malformed_best_known_json_is_refused_with_its_file(string json, int line, string reason)
    {
        var error = Assert.Throws<ProblemFormatException>(() => BestKnownReader.ParseJson(json, "bks.json"));

        Assert.Equal(("bks.json", line), (error.File, error.Line));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }
}
