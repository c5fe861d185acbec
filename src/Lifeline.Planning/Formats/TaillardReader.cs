namespace Lifeline.Planning.Formats;

/// <summary>
/// Reads the Taillard heterogeneous-fleet format: "//" comment lines, then "N T range service LB BKS", one line per
/// vehicle type (count, capacity, fixed cost, cost per distance unit), the depot's coordinates and one line per
/// customer (x, y, demand). Distances keep full double precision.
/// </summary>
public static class TaillardReader
{
    /// <summary>Ranges at or above this are the format's way of saying "unlimited".</summary>
    private const double UnlimitedRange = 999999;

    public static RoutingProblem ReadProblem(string path) => ParseProblem(File.ReadAllText(path), path);

    public static RoutingProblem ParseProblem(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new LineReader(file, text);
        string[]? header;
        do
        {
            header = reader.NextFields() ?? throw reader.Error("no header line");
        }
        while (header[0].StartsWith("//", StringComparison.Ordinal));

        if (header.Length < 4)
        {
            throw reader.Error("header needs customers, vehicle types, range and service time");
        }

        // Both counts size arrays, so they are bounded before anything is allocated.
        var customers = reader.Int(header[0], "customer count", 1, FormatLimits.MaxNodes - 1);
        var types = reader.Int(header[1], "vehicle type count", 1, FormatLimits.MaxVehicleTypes);
        var range = reader.Number(header[2], "range", 0, double.PositiveInfinity);
        var serviceTime = reader.Number(header[3], "service time", 0, FormatLimits.MaxNumber);

        var fleet = new VehicleType[types];
        for (var t = 0; t < types; t++)
        {
            var row = Row(reader, 4, "vehicle type");
            fleet[t] = new VehicleType(
                $"type {t + 1}",
                reader.Int(row[0], "vehicle count", 0, int.MaxValue),
                reader.Int(row[1], "capacity", 0, int.MaxValue),
                FixedCost: reader.Number(row[2], "fixed cost", 0, FormatLimits.MaxNumber),
                CostPerDistance: reader.Number(row[3], "cost per distance", 0, FormatLimits.MaxNumber),
                MaxDistance: range >= UnlimitedRange ? double.PositiveInfinity : range);
        }

        var x = new double[customers + 1];
        var y = new double[customers + 1];
        var demand = new int[customers + 1];
        var depot = Row(reader, 2, "depot");
        x[0] = reader.Coordinate(depot[0], "x");
        y[0] = reader.Coordinate(depot[1], "y");
        var total = 0L;
        for (var i = 1; i <= customers; i++)
        {
            var row = Row(reader, 3, "customer");
            x[i] = reader.Coordinate(row[0], "x");
            y[i] = reader.Coordinate(row[1], "y");
            demand[i] = reader.Int(row[2], "demand", 0, int.MaxValue);
            total = reader.AddToTotal(total, demand[i]);
        }

        if (reader.NextFields() is not null)
        {
            throw reader.Error($"more lines than the {customers} customers announced");
        }

        var service = new double[customers + 1];
        Array.Fill(service, serviceTime, 1, customers);
        return new RoutingProblem(Path.GetFileNameWithoutExtension(file), 1, Euclidean.Matrix(x, y, DistanceRounding.Exact), null,
            demand, fleet, service: serviceTime > 0 ? service : null, x: x, y: y);
    }

    private static string[] Row(LineReader reader, int width, string what)
    {
        var row = reader.NextFields() ?? throw reader.Error($"file ends before the {what} line");
        if (row.Length != width)
        {
            throw reader.Error($"{what} line needs {width} fields, found {row.Length}");
        }

        return row;
    }
}
