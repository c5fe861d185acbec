using Lifeline.Planning.Formats;

namespace Lifeline.Planning.Benchmarks;

/// <summary>A benchmark instance with its best-known value in the same rounding convention.</summary>
internal sealed record Instance(string Set, string Name, string Path, double BestKnown, Func<RoutingProblem> Load);

internal static class Instances
{
    /// <summary>The instance sets the harness knows, as --set takes them.</summary>
    public static readonly IReadOnlyList<string> Sets = ["x", "augerat", "solomon", "taillard"];

    public static string FindData()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Lifeline.slnx")))
        {
            directory = directory.Parent;
        }

        if (directory?.Parent is null)
        {
            throw new DirectoryNotFoundException("Lifeline.slnx not found; pass --data PATH");
        }

        return System.IO.Path.Combine(directory.Parent.FullName, "shared", "data", "vrp");
    }

    public static IEnumerable<Instance> Of(string set, string data)
    {
        switch (set)
        {
            case "x":
                return Cvrp("x", System.IO.Path.Combine(data, "cvrp-x"));
            case "augerat":
                return Cvrp("augerat", System.IO.Path.Combine(data, "cvrp-augerat"));
            case "solomon":
                {
                    var folder = System.IO.Path.Combine(data, "vrptw-solomon");
                    var bks = BestKnownReader.ReadCsv(System.IO.Path.Combine(folder, "bks.csv"), "cvrplib_dimacs_bks_trunc1dec");
                    return Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal)
                        .Select(f => new Instance("solomon", Name(f), f, bks[Name(f)], () => SolomonReader.ReadProblem(f)));
                }

            case "taillard":
                {
                    var folder = System.IO.Path.Combine(data, "hfvrp-taillard");
                    var bks = BestKnownReader.ReadJson(System.IO.Path.Combine(folder, "bks.json"));
                    return Directory.GetFiles(System.IO.Path.Combine(folder, "HFVRP"), "*.txt").Order(StringComparer.Ordinal)
                        .Select(f => new Instance("taillard", Name(f), f, bks[Name(f)], () => TaillardReader.ReadProblem(f)));
                }

            default:
                throw new ArgumentException($"unknown set '{set}' ({string.Join(", ", Sets)})");
        }
    }

    private static IEnumerable<Instance> Cvrp(string set, string folder)
    {
        var bks = BestKnownReader.ReadCsv(System.IO.Path.Combine(folder, "bks.csv"), "bks");
        return Directory.GetFiles(folder, "*.vrp")
            .OrderBy(f => ClientCount(Name(f)))
            .ThenBy(f => f, StringComparer.Ordinal)
            .Select(f => new Instance(set, Name(f), f, bks[Name(f)], () => CvrplibReader.ReadProblem(f, vehicles: set == "augerat" ? Vehicles(Name(f)) : null)));
    }

    /// <summary>Augerat optima are for exactly the k vehicles the name ends with (A-n32-k5: 5).</summary>
    private static int Vehicles(string name) => int.Parse(name[(name.LastIndexOf('k') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static int ClientCount(string name)
    {
        var n = name.Split('-')[1];
        return int.Parse(n[1..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Name(string path) => System.IO.Path.GetFileNameWithoutExtension(path);
}
