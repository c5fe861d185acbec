using Lifeline.Server.Demo;
using Lifeline.Storage;
using Lifeline.Testing;

namespace Lifeline.Cli.Tests;

/// <summary>
/// Commands run in-process on a data directory that holds the demo operation, as an operator at the
/// coordinator's laptop would run them.
/// </summary>
public abstract class DemoCommandTests : IDisposable
{
    protected DemoCommandTests()
    {
        Data = Temp.File("demo");
        var directory = DataDirectory.Initialize(Data, TimeProvider.System);
        using var held = directory.Lock();
        using var store = directory.OpenStore(TimeProvider.System);
        DemoOperation.Load(store, TimeProvider.System);
    }

    protected TempDirectory Temp { get; } = new();

    /// <summary>The data directory.</summary>
    protected string Data { get; }

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs <c>lifeline ARGS --data DIR</c> and returns its exit code, output and errors.</summary>
    protected async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await LifelineCommand.RunAsync([.. args, "--data", Data], output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
