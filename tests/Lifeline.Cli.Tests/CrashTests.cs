using Lifeline.Storage;
using Lifeline.Testing;
using Lifeline.Testing.Crashing;
using Xunit.Abstractions;

namespace Lifeline.Cli.Tests;

/// <summary>
/// The real <c>lifeline serve</c>, killed with SIGKILL mid-load a few times (the long run of a thousand kills is
/// <c>bench/Lifeline.Benchmarks crash</c>): no acknowledged write is lost, no retry records twice, and the
/// projections still match the log.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private static string LifelineDll => Path.Combine(AppContext.BaseDirectory, "lifeline.dll");

    [Fact]
    public async Task Killing_the_server_mid_load_on_SQLite_loses_no_acknowledged_write_and_records_no_retry_twice()
    {
        using var temp = new TempDirectory();
        var data = temp.File("crash");
        DataDirectory.Initialize(data, TimeProvider.System);

        var report = await CrashLoop.Run(new CrashLoopOptions(LifelineDll, data, Loops: 3), output.WriteLine);

        Assert.Equal(3, report.Loops);
        Assert.True(report.Acknowledged > 0, "clients were acknowledged before the kills");
        Assert.Equal(report.CutOff, report.CommittedBeforeKill + report.RecordedOnRetry);
        output.WriteLine($"{report.Acknowledged} writes acknowledged, {report.CutOff} cut off by kills ({report.CommittedBeforeKill} had committed, {report.RecordedOnRetry} recorded on retry), {report.Entries} entries, in {report.Elapsed.TotalSeconds:0.0} s");
    }

    [SkippableFact]
    public async Task Killing_the_server_mid_load_on_PostgreSQL_loses_no_acknowledged_write_and_records_no_retry_twice()
    {
        using var schema = TestPostgres.CreateSchema();
        using var temp = new TempDirectory();
        var data = temp.File("crash");
        DataDirectory.Initialize(data, TimeProvider.System, schema.ConnectionString);

        var report = await CrashLoop.Run(new CrashLoopOptions(LifelineDll, data, Loops: 3), output.WriteLine);

        Assert.True(report.Acknowledged > 0, "clients were acknowledged before the kills");
        Assert.Equal(report.CutOff, report.CommittedBeforeKill + report.RecordedOnRetry);
        output.WriteLine($"{report.Acknowledged} writes acknowledged, {report.CutOff} cut off by kills ({report.CommittedBeforeKill} had committed, {report.RecordedOnRetry} recorded on retry), {report.Entries} entries, in {report.Elapsed.TotalSeconds:0.0} s");
    }
}
