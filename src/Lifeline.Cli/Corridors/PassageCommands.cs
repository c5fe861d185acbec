using System.CommandLine;
using Lifeline.Cli.Setup;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Primitives;
using Lifeline.Server.Corridors;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;

namespace Lifeline.Cli.Corridors;

/// <summary><c>lifeline passages record|import</c>.</summary>
public static class PassageCommands
{
    public static Command Create(TimeProvider clock) => new("passages", "Record checkpoint tallies, one at a time or from a CSV file")
    {
        Record(clock),
        Import(clock),
    };

    private static Command Record(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var corridor = new Option<string>("--corridor") { Description = "The corridor, by name or id", Required = true };
        var checkpoint = new Option<string>("--checkpoint") { Description = "The checkpoint, by name or id", Required = true };
        var at = new Option<DateTimeOffset?>("--at") { Description = "When the people passed, ISO 8601 with an offset (default: now)" };
        var direction = new Option<string>("--direction") { Description = "outbound or inbound", DefaultValueFactory = _ => "outbound" };
        var counts = new Option<string[]>("--count")
        {
            Description = "A tally cell CATEGORY:SEX:AGE=N, e.g. civilians:female:18-59=12; repeat for each cell",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var reason = new Option<string?>("--out-of-window-reason") { Description = "Why people passed while the corridor was not open" };
        var command = new Command("record", "Record one passage at a checkpoint") { data, operation, corridor, checkpoint, at, direction, counts, reason };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var found = CorridorCommands.Resolve(scope, result.GetRequiredValue(corridor));
            var checkpointText = result.GetRequiredValue(checkpoint);
            var site = scope.Store.Read(session => Guid.TryParse(checkpointText, out var id)
                ? SitesProjection.Find(session, scope.Operation.Id, new SiteId(id))
                : SitesProjection.FindByName(session, scope.Operation.Id, checkpointText))
                ?? throw new UsageException($"--checkpoint: no site '{checkpointText}' in operation '{scope.Operation.Name}'");
            var cells = result.GetRequiredValue(counts).Select(Cell).ToList();
            var validation = new Validation();
            var passage = RecordPassage.From(scope.Operation.Id, PassageId.New(clock), found.Id.Value, site.Id.Value, result.GetValue(direction), result.GetValue(at) ?? clock.GetUtcNow(), cells, null, null, null, result.GetValue(reason), null, validation)
                ?? throw new UsageException(string.Join("; ", validation.Rejections.Select(r => $"{r.Field}: {r.Reason}")));
            return CorridorCommands.Report(result, scope.Store.Execute(new LogCommand(passage, OccurredAt: passage.OccurredAt), SetupCommands.CliAuthor));
        }));
        return command;
    }

    private static Command Import(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var file = new Argument<FileInfo>("FILE") { Description = "A CSV file of checkpoint tallies (see docs/corridors.md)" };
        var command = new Command("import", "Import checkpoint tallies from CSV: the whole file or nothing") { data, operation, file };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            var input = result.GetRequiredValue(file);
            if (!input.Exists)
            {
                throw new UsageException($"FILE: {input.FullName} does not exist");
            }

            if (input.Length > PassageImport.MaxBytes)
            {
                throw new UsageException($"FILE: {input.FullName} is {input.Length / 1048576.0:0.0} MB; imports are limited to {PassageImport.MaxBytes / 1048576} MB, split it into smaller files");
            }

            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var outcome = PassageImport.Import(scope.Store, scope.Operation.Id, File.ReadAllBytes(input.FullName), SetupCommands.CliAuthor, clock);
            if (!outcome.Succeeded)
            {
                foreach (var problem in outcome.Problems)
                {
                    result.InvocationConfiguration.Error.WriteLine($"{input.Name}: {problem}");
                }

                result.InvocationConfiguration.Error.WriteLine($"Nothing was recorded from {input.Name}.");
                return ExitCodes.Failed;
            }

            result.InvocationConfiguration.Output.WriteLine($"Recorded {outcome.Recorded} passages from {input.Name}; {outcome.AlreadyImported} were already imported.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static PassageCountInput Cell(string text)
    {
        var (key, value) = text.Split('=') is [var k, var v] ? (k, v) : throw new UsageException($"--count: '{text}' is not CATEGORY:SEX:AGE=N");
        var parts = key.Split(':');
        if (parts.Length != 3 || !int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            throw new UsageException($"--count: '{text}' is not CATEGORY:SEX:AGE=N");
        }

        return new PassageCountInput(parts[0], parts[1], parts[2], count);
    }
}
