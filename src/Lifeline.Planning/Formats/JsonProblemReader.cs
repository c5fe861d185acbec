using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Planning.Formats;

/// <summary>A problem read from Lifeline's JSON format, with the ids people use for its nodes (depots first).</summary>
public sealed record NamedProblem(RoutingProblem Problem, IReadOnlyList<string> NodeIds);

/// <summary>
/// Reads Lifeline's JSON problem format (docs/planning.md). Syntax errors carry the JSON line; semantic errors
/// name the offending field, e.g. <c>stops[3].demand</c>.
/// </summary>
public static class JsonProblemReader
{
    /// <summary>Mean Earth radius in km (IUGG), used for great-circle distances.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Slowest speed: with distances bounded by the coordinates, every travel time stays finite.</summary>
    private const double MinSpeed = 1e-6;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static NamedProblem Read(string path) => Parse(File.ReadAllText(path), path);

    public static NamedProblem Parse(string json, string file)
    {
        ProblemFile? document;
        try
        {
            document = JsonSerializer.Deserialize<ProblemFile>(json, Options);
        }
        catch (JsonException error)
        {
            var line = (int)(error.LineNumber ?? -1) + 1;
            var field = string.IsNullOrEmpty(error.Path) ? string.Empty : $" at {error.Path}";
            throw new ProblemFormatException(file, line, $"invalid JSON{field}: {FirstSentence(error.Message)}");
        }
        catch (ArgumentException error) when (error.InnerException is System.Text.EncoderFallbackException)
        {
            // Text handed over as a string with half of a surrogate pair: no UTF-8 file can hold it.
            throw new ProblemFormatException(file, 0, "the text is not valid Unicode (half of a surrogate pair)");
        }

        if (document is null)
        {
            throw new ProblemFormatException(file, 0, "the file holds no problem");
        }

        return Build(document, file);
    }

    private static NamedProblem Build(ProblemFile document, string file)
    {
        ProblemFormatException Error(string field, string reason) =>
            new(file, 0, string.Create(CultureInfo.InvariantCulture, $"{field}: {reason}"));
        var depots = document.Depots ?? throw Error("depots", "is required");
        var stops = document.Stops ?? throw Error("stops", "is required");
        var fleet = document.Fleet ?? throw Error("fleet", "is required");
        if (depots.Count == 0)
        {
            throw Error("depots", "needs at least one depot");
        }

        if (fleet.Count == 0)
        {
            throw Error("fleet", "needs at least one vehicle type");
        }

        var places = depots.Select((d, i) => (Place: (Place?)d, Field: $"depots[{i}]"))
            .Concat(stops.Select((s, i) => (Place: (Place?)s, Field: $"stops[{i}]")))
            .Select(p => (Place: p.Place ?? throw Error(p.Field, "must be an object"), p.Field)).ToList();
        var n = places.Count;

        // The matrices hold n² entries: refuse before building them.
        if (n > FormatLimits.MaxNodes)
        {
            throw Error("stops", $"{n} depots and stops are {FormatLimits.TooManyNodes}");
        }

        var ids = new string[n];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var (place, field) = places[i];
            ids[i] = place.Id ?? throw Error(field + ".id", "is required");
            if (!seen.Add(ids[i]))
            {
                throw Error(field + ".id", $"'{ids[i]}' is used twice");
            }
        }

        var model = document.Distance?.Model ?? "euclidean";
        var rounding = document.Distance?.Rounding switch
        {
            null or "exact" => DistanceRounding.Exact,
            "nearest-integer" => DistanceRounding.NearestInteger,
            "truncate-one-decimal" => DistanceRounding.TruncateOneDecimal,
            var other => throw Error("distance.rounding", $"'{other}' is not one of exact, nearest-integer, truncate-one-decimal"),
        };
        var speed = document.Distance?.Speed ?? 1;
        if (!(speed > 0))
        {
            throw Error("distance.speed", "must be positive");
        }

        Between(speed, MinSpeed, FormatLimits.MaxNumber, "distance.speed", Error);

        double[] distance = model switch
        {
            "euclidean" => Coordinates(places, p => p.X, p => p.Y, ("x", FormatLimits.MaxCoordinate), ("y", FormatLimits.MaxCoordinate), Error, (x, y) => Euclidean.Matrix(x, y, rounding)),
            "great-circle" => Coordinates(places, p => p.Lat, p => p.Lon, ("lat", 90), ("lon", 180), Error, (lat, lon) => GreatCircle(lat, lon, rounding)),
            "matrix" => Matrix(document.Distance?.Matrix, n, "distance.matrix", Error),
            _ => throw Error("distance.model", $"'{model}' is not one of euclidean, great-circle, matrix"),
        };
        var duration = document.Distance?.Durations is { } durations
            ? Matrix(durations, n, "distance.durations", Error)
            : speed == 1 ? distance : distance.Select(d => d / speed).ToArray();

        var demand = new int[n];
        var volume = new int[n];
        var ready = new double[n];
        var due = new double[n];
        var service = new double[n];
        var penalty = new double[n];
        long totalDemand = 0, totalVolume = 0;
        for (var i = 0; i < n; i++)
        {
            var (place, field) = places[i];
            ready[i] = Bounded(place.Ready ?? 0, field + ".ready", Error);
            due[i] = place.Due is { } dueAt ? Bounded(dueAt, field + ".due", Error) : double.PositiveInfinity;
            if (due[i] < ready[i])
            {
                throw Error(field + ".due", "is before ready");
            }

            service[i] = Bounded(place.Service ?? 0, field + ".service", Error);
            penalty[i] = double.PositiveInfinity;
            if (place is StopEntry stop)
            {
                demand[i] = Whole(stop.Demand ?? 0, field + ".demand", Error);
                volume[i] = Whole(stop.Volume ?? 0, field + ".volume", Error);
                totalDemand += demand[i];
                totalVolume += volume[i];
                if (totalDemand > FormatLimits.MaxTotal || totalVolume > FormatLimits.MaxTotal)
                {
                    throw Error("stops", totalDemand > FormatLimits.MaxTotal ? FormatLimits.TotalTooLarge : "volumes add up to more than 2147483647");
                }

                if (stop.Priority is { } priority)
                {
                    penalty[i] = Bounded(priority, field + ".priority", Error);
                }
            }
        }

        var depotIndex = ids.Take(depots.Count).Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        var types = new List<VehicleType>();
        for (var t = 0; t < fleet.Count; t++)
        {
            var field = $"fleet[{t}]";
            var v = fleet[t] ?? throw Error(field, "must be an object");
            var depot = 0;
            if (v.Depot is not null && !depotIndex.TryGetValue(v.Depot, out depot))
            {
                throw Error(field + ".depot", $"'{v.Depot}' is not a depot id");
            }

            types.Add(new VehicleType(
                v.Name ?? $"vehicle type {t + 1}",
                Whole(v.Count ?? 1, field + ".count", Error),
                Whole(v.Capacity ?? throw Error(field + ".capacity", "is required"), field + ".capacity", Error),
                Whole(v.VolumeCapacity ?? int.MaxValue, field + ".volumeCapacity", Error),
                Bounded(v.FixedCost ?? 0, field + ".fixedCost", Error),
                Bounded(v.CostPerDistance ?? 1, field + ".costPerDistance", Error),
                depot,
                v.MaxDuration is { } maxDuration ? Bounded(maxDuration, field + ".maxDuration", Error) : double.PositiveInfinity,
                v.MaxDistance is { } maxDistance ? Bounded(maxDistance, field + ".maxDistance", Error) : double.PositiveInfinity));
        }

        var problem = new RoutingProblem(document.Name ?? Path.GetFileNameWithoutExtension(file), depots.Count, distance, duration,
            demand, types, volume, ready, due, service, penalty);
        return new NamedProblem(problem, ids);
    }

    /// <summary>Haversine distance in km on a sphere of radius <see cref="EarthRadiusKm"/>.</summary>
    public static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double radians = Math.PI / 180;
        var dLat = (lat2 - lat1) * radians;
        var dLon = (lon2 - lon1) * radians;
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(lat1 * radians) * Math.Cos(lat2 * radians) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double[] GreatCircle(double[] lat, double[] lon, DistanceRounding rounding)
    {
        var n = lat.Length;
        var matrix = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                matrix[(i * n) + j] = Euclidean.Round(GreatCircleKm(lat[i], lon[i], lat[j], lon[j]), rounding);
            }
        }

        return matrix;
    }

    private static double[] Coordinates(
        List<(Place Place, string Field)> places,
        Func<Place, double?> first,
        Func<Place, double?> second,
        (string Name, double Limit) firstAxis,
        (string Name, double Limit) secondAxis,
        Func<string, string, ProblemFormatException> error,
        Func<double[], double[], double[]> matrix)
    {
        var a = new double[places.Count];
        var b = new double[places.Count];
        for (var i = 0; i < places.Count; i++)
        {
            var (place, field) = places[i];
            a[i] = Between(first(place) ?? throw error(field + "." + firstAxis.Name, "is required by this distance model"), -firstAxis.Limit, firstAxis.Limit, field + "." + firstAxis.Name, error);
            b[i] = Between(second(place) ?? throw error(field + "." + secondAxis.Name, "is required by this distance model"), -secondAxis.Limit, secondAxis.Limit, field + "." + secondAxis.Name, error);
        }

        return matrix(a, b);
    }

    private static double[] Matrix(double[][]? rows, int n, string field, Func<string, string, ProblemFormatException> error)
    {
        if (rows is null || rows.Length != n)
        {
            throw error(field, $"needs {n} rows, one per depot and stop");
        }

        var matrix = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            if (rows[i] is null || rows[i].Length != n)
            {
                throw error($"{field}[{i}]", $"needs {n} entries");
            }

            for (var j = 0; j < n; j++)
            {
                matrix[(i * n) + j] = Bounded(rows[i][j], $"{field}[{i}][{j}]", error);
            }
        }

        return matrix;
    }

    /// <summary>A time, cost, range or penalty: not negative and at most <see cref="FormatLimits.MaxNumber"/>.</summary>
    private static double Bounded(double value, string field, Func<string, string, ProblemFormatException> error) =>
        value < 0 ? throw error(field, "must not be negative")
        : value <= FormatLimits.MaxNumber ? value
        : throw error(field, string.Create(CultureInfo.InvariantCulture, $"must be at most {FormatLimits.MaxNumber}"));

    /// <summary>A count or quantity: a whole number, not negative, that fits an int.</summary>
    private static int Whole(double value, string field, Func<string, string, ProblemFormatException> error) =>
        value < 0 ? throw error(field, "must not be negative")
        : value > int.MaxValue ? throw error(field, "must be at most 2147483647")
        : value != Math.Floor(value) ? throw error(field, "must be a whole number")
        : (int)value;

    private static double Between(double value, double min, double max, string field, Func<string, string, ProblemFormatException> error) =>
        value >= min && value <= max
            ? value
            : throw error(field, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}"));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private abstract record Place
    {
        public string? Id { get; init; }

        public double? X { get; init; }

        public double? Y { get; init; }

        public double? Lat { get; init; }

        public double? Lon { get; init; }

        public double? Ready { get; init; }

        public double? Due { get; init; }

        public double? Service { get; init; }
    }

    private sealed record DepotEntry : Place;

    private sealed record StopEntry : Place
    {
        public double? Demand { get; init; }

        public double? Volume { get; init; }

        public double? Priority { get; init; }
    }

    private sealed record VehicleEntry(
        string? Name,
        double? Count,
        double? Capacity,
        double? VolumeCapacity,
        double? FixedCost,
        double? CostPerDistance,
        string? Depot,
        double? MaxDuration,
        double? MaxDistance);

    private sealed record DistanceEntry(string? Model, string? Rounding, double? Speed, double[][]? Matrix, double[][]? Durations);

    private sealed record ProblemFile(string? Name, DistanceEntry? Distance, List<DepotEntry>? Depots, List<StopEntry>? Stops, List<VehicleEntry>? Fleet);
}
