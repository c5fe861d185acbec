namespace Lifeline.Planning.Formats;

/// <summary>Reads Solomon VRPTW <c>.txt</c> instances: customer 0 is the depot, travel time equals distance.</summary>
public static class SolomonReader
{
    public static RoutingProblem ReadProblem(string path, DistanceRounding rounding = DistanceRounding.TruncateOneDecimal) =>
        ParseProblem(File.ReadAllText(path), path, rounding);

    public static RoutingProblem ParseProblem(string text, string file, DistanceRounding rounding = DistanceRounding.TruncateOneDecimal)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new LineReader(file, text);
        var name = (reader.NextFields() ?? throw reader.Error("file is empty"))[0];
        Expect(reader, "VEHICLE");
        Expect(reader, "NUMBER");
        var fleetLine = reader.NextFields() ?? throw reader.Error("missing vehicle number and capacity");
        if (fleetLine.Length != 2)
        {
            throw reader.Error("expected vehicle number and capacity");
        }

        var vehicles = reader.Int(fleetLine[0], "vehicle number");
        var capacity = reader.Int(fleetLine[1], "capacity");
        if (vehicles <= 0 || capacity <= 0)
        {
            throw reader.Error("vehicle number and capacity must be positive");
        }

        Expect(reader, "CUSTOMER");
        Expect(reader, "CUST");
        var x = new List<double>();
        var y = new List<double>();
        var demand = new List<int>();
        var ready = new List<double>();
        var due = new List<double>();
        var service = new List<double>();
        var total = 0L;
        while (reader.NextFields() is { } row)
        {
            if (x.Count == FormatLimits.MaxNodes)
            {
                throw reader.Error(FormatLimits.TooManyNodes);
            }

            if (row.Length != 7)
            {
                throw reader.Error($"expected 7 fields per customer, found {row.Length}");
            }

            if (reader.Int(row[0], "customer number") != x.Count)
            {
                throw reader.Error($"customers must be numbered 0, 1, 2, …; expected {x.Count}");
            }

            x.Add(reader.Coordinate(row[1], "x"));
            y.Add(reader.Coordinate(row[2], "y"));
            demand.Add(reader.Int(row[3], "demand", 0, int.MaxValue));
            total = reader.AddToTotal(total, demand[^1]);
            ready.Add(reader.Number(row[4], "ready time", 0, FormatLimits.MaxNumber));
            due.Add(reader.Number(row[5], "due date", 0, FormatLimits.MaxNumber));
            service.Add(reader.Number(row[6], "service time", 0, FormatLimits.MaxNumber));
            if (due[^1] < ready[^1])
            {
                throw reader.Error("due date is before ready time");
            }
        }

        if (x.Count < 2)
        {
            throw new ProblemFormatException(file, 0, "no customers");
        }

        var xs = x.ToArray();
        var ys = y.ToArray();
        var matrix = Euclidean.Matrix(xs, ys, rounding);
        var fleet = new[] { new VehicleType("vehicle", vehicles, capacity) };
        return new RoutingProblem(name, 1, matrix, matrix, demand.ToArray(), fleet,
            ready: ready.ToArray(), due: due.ToArray(), service: service.ToArray(), x: xs, y: ys);
    }

    private static void Expect(LineReader reader, string keyword)
    {
        var fields = reader.NextFields() ?? throw reader.Error($"expected '{keyword}', found end of file");
        if (!fields[0].StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
        {
            throw reader.Error($"expected '{keyword}', found '{fields[0]}'");
        }
    }
}
