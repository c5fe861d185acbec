using System.CommandLine;
using Lifeline.Cli.Access;
using Lifeline.Cli.Corridors;
using Lifeline.Cli.Hosting;
using Lifeline.Cli.Incidents;
using Lifeline.Cli.Movements;
using Lifeline.Cli.Planning;
using Lifeline.Cli.Reports;
using Lifeline.Cli.Setup;
using Lifeline.Cli.Stock;
using Lifeline.Cli.Trail;

namespace Lifeline.Cli;

/// <summary>The <c>lifeline</c> command and its subcommands.</summary>
public static class LifelineCommand
{
    public static RootCommand Create(TimeProvider clock)
    {
        var root = new RootCommand("Lifeline: corridors, relief convoys and airlift for a besieged city, on a log every party can verify.")
        {
            SetupCommands.Init(clock),
            ServeCommands.Serve(clock),
            ServeCommands.Demo(clock),
            VerifyCommand.Create(),
            EraseCommand.Create(clock),
            SetupCommands.Rebuild(clock),
            StoreCommands.Migrate(clock),
            StoreCommands.Copy(clock),
            SetupCommands.PublicKey(),
            CorridorCommands.Create(clock),
            PassageCommands.Create(clock),
            ExportCommands.Create(clock),
            StockCommands.Create(clock),
            MovementCommands.Create(clock),
            IncidentCommands.Create(clock),
            ReportCommands.Create(clock),
            PlanCommand.Create(),
            UserCommands.Create(clock),
        };
        return root;
    }

    /// <summary>Parses and runs; argument errors exit with <see cref="ExitCodes.Usage"/>, after saying what is wrong.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellation = default)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        };
        var parsed = Create(TimeProvider.System).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await configuration.Error.WriteLineAsync($"error: {parseError.Message}");
            }

            await configuration.Error.WriteLineAsync("Run 'lifeline --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(configuration, cancellation);
    }
}
