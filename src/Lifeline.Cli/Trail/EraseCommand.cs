using System.CommandLine;
using Lifeline.Cli.Corridors;
using Lifeline.Cli.Setup;
using Lifeline.Storage.Protection;

namespace Lifeline.Cli.Trail;

/// <summary>
/// <c>lifeline erase</c>: erases the personal data one log entry holds (a receipt's source, an issue's recipient, a
/// delivery's receiver, an incident's narrative) by deleting the keys it was sealed under. The entry stays in the
/// log, which still verifies; its sealed text can no longer be read anywhere, copies and backups included.
/// </summary>
public static class EraseCommand
{
    public static Command Create(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var entry = new Option<long>("--entry")
        {
            Description = "The sequence number of the log entry whose personal data is erased (a receipt names it)",
            Required = true,
        };
        var command = new Command("erase", "Erase the personal data of one log entry by deleting its keys; the log still verifies") { data, operation, entry };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            var sequence = result.GetValue(entry);
            if (sequence < 1)
            {
                throw new UsageException("--entry: a sequence number, 1 or more");
            }

            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var outcome = PersonalData.EraseEntry(scope.Store, scope.Operation.Id.Value, sequence)
                ?? throw new UsageException($"--entry: the log of {scope.Operation.Name} has no entry {sequence}");
            var (type, erased) = outcome;
            result.InvocationConfiguration.Output.WriteLine(erased.Count == 0
                ? $"Entry {sequence} ({type}) holds no personal data that can still be read; nothing was erased."
                : $"Erased the personal data of entry {sequence} ({type}): {erased.Count} key(s) deleted. The entry stays in the log, which still verifies.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
