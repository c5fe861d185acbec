namespace Lifeline.Benchmarks;

/// <summary>One measured line of a benchmark table.</summary>
public sealed record BenchmarkResult(string Measure, long Count, TimeSpan Elapsed, string Target, string Detail = "")
{
    public double PerSecond => Count / Elapsed.TotalSeconds;
}
