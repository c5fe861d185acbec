using System.Text;
using Lifeline.Planning.Formats;

namespace Lifeline.Fuzz;

/// <summary>
/// One parser fed by an outside file or request. <see cref="Run"/> returns when the parser answers as documented,
/// including its refusal; any other exception escapes and AFL++ records it as a crash.
/// </summary>
internal interface ITarget : IDisposable
{
    void Run(byte[] input);
}

/// <summary>The targets by the name given to scripts/fuzz.</summary>
internal static class Targets
{
    public static readonly IReadOnlyDictionary<string, Func<ITarget>> All = new Dictionary<string, Func<ITarget>>(StringComparer.Ordinal)
    {
        ["json"] = () => new PlanningReader(text => JsonProblemReader.Parse(text, "fuzz.json")),
        ["cvrplib"] = () => new PlanningReader(text =>
        {
            // One input exercises both: the problem reader and the .sol reader see the same bytes.
            Refused(() => CvrplibReader.ParseProblem(text, "fuzz.vrp"));
            CvrplibReader.ParseSolution(text, "fuzz.sol");
        }),
        ["solomon"] = () => new PlanningReader(text => SolomonReader.ParseProblem(text, "fuzz.txt")),
        ["taillard"] = () => new PlanningReader(text => TaillardReader.ParseProblem(text, "fuzz.txt")),
        ["passages"] = () => new PassageImportTarget(),
        ["geojson"] = () => new GeoJsonTarget(),
        ["requests"] = () => new RequestTarget(),
    };

    private static void Refused(Action read)
    {
        try
        {
            read();
        }
        catch (ProblemFormatException)
        {
        }
    }

    /// <summary>A planning reader: its only documented failure is <see cref="ProblemFormatException"/>.</summary>
    private sealed class PlanningReader(Action<string> read) : ITarget
    {
        public void Run(byte[] input) => Refused(() => read(Encoding.UTF8.GetString(input)));

        public void Dispose()
        {
        }
    }
}
