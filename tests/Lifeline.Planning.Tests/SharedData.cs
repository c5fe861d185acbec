using Lifeline.Planning.Formats;

namespace Lifeline.Planning.Tests;

/// <summary>Locates the shared benchmark instances: ../shared/data/vrp next to the repository root.</summary>
internal static class SharedData
{
    public static string Vrp(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lifeline.slnx")))
        {
            directory = directory.Parent;
        }

        if (directory?.Parent is null)
        {
            throw new InvalidOperationException("Lifeline.slnx not found above " + AppContext.BaseDirectory);
        }

        return Path.Combine([directory.Parent.FullName, "shared", "data", "vrp", .. parts]);
    }

    /// <summary>An Augerat instance by name (A-n45-k6), with the fleet limited to <paramref name="vehicles"/> if given.</summary>
    public static RoutingProblem Augerat(string name, int? vehicles = null) =>
        CvrplibReader.ReadProblem(Vrp("cvrp-augerat", name + ".vrp"), vehicles: vehicles);
}
