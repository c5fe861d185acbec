namespace Lifeline.Planning.Formats;

/// <summary>
/// Reads TSPLIB/CVRPLIB <c>.vrp</c> files (EUC_2D, one depot) and <c>.sol</c> files. Node 1 of the file becomes
/// depot 0 and customer k keeps index k, so <c>.sol</c> numbering maps directly.
/// </summary>
public static class CvrplibReader
{
    /// <param name="path">The <c>.vrp</c> file.</param>
    /// <param name="rounding">Arc rounding; CVRPLIB values use the nearest integer.</param>
    /// <param name="vehicles">
    /// Fleet size. The X set leaves it free (null: one vehicle per customer at most); Augerat's proven optima
    /// are for exactly the k vehicles in the instance name, which a caller passes here.
    /// </param>
    public static RoutingProblem ReadProblem(string path, DistanceRounding rounding = DistanceRounding.NearestInteger, int? vehicles = null) =>
        ParseProblem(File.ReadAllText(path), path, rounding, vehicles);

    public static RoutingProblem ParseProblem(string text, string file, DistanceRounding rounding = DistanceRounding.NearestInteger, int? vehicles = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new LineReader(file, text);
        var name = Path.GetFileNameWithoutExtension(file);
        int dimension = -1;
        int capacity = -1;
        double[]? x = null, y = null;
        int[]? demand = null;
        var seenCoordinates = false;
        var seenDemands = false;
        var seenKeywords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.NextFields() is { } fields)
        {
            var line = string.Join(' ', fields);
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var keyword = (colon >= 0 ? line[..colon] : fields[0]).Trim().ToUpperInvariant();
            var value = colon >= 0 ? line[(colon + 1)..].Trim() : string.Empty;

            // A second DIMENSION or section would silently replace what the first one read.
            if (keyword is not ("COMMENT" or "EOF") && !seenKeywords.Add(keyword))
            {
                throw reader.Error($"{keyword} appears twice");
            }
            switch (keyword)
            {
                case "NAME":
                    name = value;
                    break;
                case "DIMENSION":
                    dimension = reader.Int(value, "DIMENSION");
                    if (dimension < 2)
                    {
                        throw reader.Error("DIMENSION must be at least 2");
                    }

                    if (dimension > FormatLimits.MaxNodes)
                    {
                        throw reader.Error($"DIMENSION {value} is {FormatLimits.TooManyNodes}");
                    }

                    x = new double[dimension];
                    y = new double[dimension];
                    demand = new int[dimension];
                    break;
                case "CAPACITY":
                    capacity = reader.Int(value, "CAPACITY");
                    if (capacity <= 0)
                    {
                        throw reader.Error("CAPACITY must be positive");
                    }

                    break;
                case "EDGE_WEIGHT_TYPE":
                    if (!string.Equals(value, "EUC_2D", StringComparison.OrdinalIgnoreCase))
                    {
                        throw reader.Error($"EDGE_WEIGHT_TYPE {value} is not supported (only EUC_2D)");
                    }

                    break;
                case "NODE_COORD_SECTION":
                    RequireDimension(reader, x);
                    ReadRows(reader, dimension, 3, (row, id) =>
                    {
                        x![id] = reader.Coordinate(row[1], "x coordinate");
                        y![id] = reader.Coordinate(row[2], "y coordinate");
                    });
                    seenCoordinates = true;
                    break;
                case "DEMAND_SECTION":
                    RequireDimension(reader, x);
                    var total = 0L;
                    ReadRows(reader, dimension, 2, (row, id) =>
                    {
                        var d = reader.Int(row[1], "demand");
                        if (d < 0)
                        {
                            throw reader.Error("demand must not be negative");
                        }

                        total = reader.AddToTotal(total, d);
                        demand![id] = d;
                    });
                    seenDemands = true;
                    break;
                case "DEPOT_SECTION":
                    var depot = reader.NextFields() ?? throw reader.Error("DEPOT_SECTION is empty");
                    if (reader.Int(depot[0], "depot") != 1)
                    {
                        throw reader.Error("only node 1 is supported as the depot");
                    }

                    var end = reader.NextFields() ?? throw reader.Error("DEPOT_SECTION is not terminated by -1");
                    if (end[0] != "-1")
                    {
                        throw reader.Error("only one depot is supported; expected -1");
                    }

                    break;
                case "EOF":
                case "TYPE":
                case "COMMENT":
                    break;
                default:
                    throw reader.Error($"unknown keyword '{keyword}'");
            }
        }

        if (dimension < 0 || capacity < 0 || !seenCoordinates || !seenDemands)
        {
            throw new ProblemFormatException(file, 0, "DIMENSION, CAPACITY, NODE_COORD_SECTION and DEMAND_SECTION are all required");
        }

        var fleet = new[] { new VehicleType("vehicle", vehicles ?? (dimension - 1), capacity) };
        return new RoutingProblem(name, 1, Euclidean.Matrix(x!, y!, rounding), null, demand!, fleet, x: x, y: y);
    }

    /// <summary>Reads a <c>.sol</c> file ("Route #k: stops…" lines, optional "Cost c"); every route uses vehicle type 0.</summary>
    public static (Plan Plan, double? Cost) ReadSolution(string path) => ParseSolution(File.ReadAllText(path), path);

    public static (Plan Plan, double? Cost) ParseSolution(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new LineReader(file, text);
        var routes = new List<PlannedRoute>();
        double? cost = null;
        while (reader.NextFields() is { } fields)
        {
            if (string.Equals(fields[0], "Route", StringComparison.OrdinalIgnoreCase))
            {
                var colon = Array.FindIndex(fields, f => f.EndsWith(':'));
                if (colon < 0)
                {
                    throw reader.Error("route line has no ':'");
                }

                var stops = fields.Skip(colon + 1).Select(f => reader.Int(f, "stop")).ToArray();
                if (stops.Any(s => s <= 0))
                {
                    throw reader.Error("stops are numbered from 1");
                }

                routes.Add(new PlannedRoute(0, stops));
            }
            else if (string.Equals(fields[0], "Cost", StringComparison.OrdinalIgnoreCase) && fields.Length >= 2)
            {
                cost = reader.Number(fields[^1], "cost");
            }
            else
            {
                throw reader.Error($"expected 'Route #k:' or 'Cost', found '{fields[0]}'");
            }
        }

        if (routes.Count == 0)
        {
            throw new ProblemFormatException(file, 0, "no routes");
        }

        return (new Plan(routes, []), cost);
    }

    private static void RequireDimension(LineReader reader, double[]? x)
    {
        if (x is null)
        {
            throw reader.Error("section appears before DIMENSION");
        }
    }

    private static int NodeId(LineReader reader, string field, int dimension)
    {
        var id = reader.Int(field, "node id");
        if (id < 1 || id > dimension)
        {
            throw reader.Error($"node id {id} is outside 1..{dimension}");
        }

        return id - 1;
    }

    /// <summary>Reads one row per node, each node exactly once, and hands each row to <paramref name="read"/> with its index.</summary>
    private static void ReadRows(LineReader reader, int count, int width, Action<string[], int> read)
    {
        var seen = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var row = reader.NextFields() ?? throw reader.Error($"section ends after {i} of {count} rows");
            if (row.Length != width)
            {
                throw reader.Error($"expected {width} fields, found {row.Length}");
            }

            var id = NodeId(reader, row[0], count);
            if (seen[id])
            {
                throw reader.Error($"node id {id + 1} appears twice");
            }

            seen[id] = true;
            read(row, id);
        }
    }
}
