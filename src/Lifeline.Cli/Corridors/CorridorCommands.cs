using System.CommandLine;
using System.Globalization;
using Lifeline.Cli.Setup;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Primitives;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Writing;
using NodaTime;

namespace Lifeline.Cli.Corridors;

/// <summary><c>lifeline corridors list|show|open|pause|suspend|close</c>.</summary>
public static class CorridorCommands
{
    public static Command Create(TimeProvider clock)
    {
        var command = new Command("corridors", "List, show and change the status of humanitarian corridors")
        {
            List(clock),
            Show(clock),
        };
        foreach (var status in new[] { "open", "pause", "suspend", "close" })
        {
            command.Subcommands.Add(Change(status, clock));
        }

        return command;
    }

    /// <exception cref="UsageException">No corridor of that name or id.</exception>
    public static Corridor Resolve(OperationScope scope, string text)
    {
        var corridor = scope.Store.Read(session => Guid.TryParse(text, out var id)
            ? CorridorsProjection.Find(session, scope.Operation.Id, new CorridorId(id))
            : CorridorsProjection.FindByName(session, scope.Operation.Id, text));
        return corridor ?? throw new UsageException($"CORRIDOR: no corridor '{text}' in operation '{scope.Operation.Name}'");
    }

    private static Command List(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var command = new Command("list", "List the corridors with their status and whether they are open now") { data, operation };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var output = result.InvocationConfiguration.Output;
            var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
            output.WriteLine($"{"corridor",-40} {"status",-10} {"open now",-9} {"capacity/h",10}  categories");
            foreach (var corridor in scope.Store.Read(session => CorridorsProjection.List(session, scope.Operation.Id)))
            {
                var open = scope.Store.Read(session => CorridorSchedule.IsOpenAt(CorridorsProjection.StatusChanges(session, corridor.Id), CorridorsProjection.Windows(session, corridor.Id), scope.Operation.TimeZone.Zone, now));
                output.WriteLine($"{corridor.Name,-40} {corridor.Status.Name(),-10} {(open.Open ? "yes" : "no"),-9} {corridor.CapacityPerHour?.ToString(CultureInfo.InvariantCulture) ?? "-",10}  {string.Join(", ", corridor.Categories.Select(c => c.Name()))}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var corridorArgument = new Argument<string>("CORRIDOR") { Description = "The corridor's name or id" };
        var command = new Command("show", "Show a corridor: rules, status history, windows and flow") { data, operation, corridorArgument };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var corridor = Resolve(scope, result.GetRequiredValue(corridorArgument));
            var output = result.InvocationConfiguration.Output;
            var zone = scope.Operation.TimeZone.Zone;
            output.WriteLine($"{corridor.Name} ({corridor.Id})");
            output.WriteLine($"  status {corridor.Status.Name()}; {corridor.Directions.Name()}; for {string.Join(", ", corridor.Categories.Select(c => c.Name()))}; capacity {corridor.CapacityPerHour?.ToString(CultureInfo.InvariantCulture) ?? "not set"} people/h; announced by {corridor.Authority}");
            output.WriteLine($"  route {corridor.Route.LengthKilometres():0.0} km through {corridor.Checkpoints.Count} checkpoints");
            output.WriteLine("  status history:");
            foreach (var change in scope.Store.Read(session => CorridorsProjection.History(session, corridor.Id)))
            {
                output.WriteLine($"    {Instant.FromDateTimeOffset(change.OccurredAt).InZone(zone):uuuu-MM-dd HH:mm} {change.From.Name()} -> {change.To.Name()}: {change.Reason} (authority: {change.Authority}; recorded by {change.Actor})");
            }

            output.WriteLine($"  windows ({zone.Id}):");
            foreach (var window in scope.Store.Read(session => CorridorsProjection.Windows(session, corridor.Id)))
            {
                var text = window.Schedule switch
                {
                    WindowSchedule.Once once => $"once {once.Start:uuuu-MM-dd HH:mm} to {once.End:uuuu-MM-dd HH:mm}",
                    WindowSchedule.Daily daily => $"daily {daily.From:HH:mm}-{daily.To:HH:mm} from {daily.FirstDay:uuuu-MM-dd}" + (daily.LastDay is { } last ? $" to {last:uuuu-MM-dd}" : string.Empty),
                    _ => "?",
                };
                output.WriteLine($"    {text}{(window.Cancelled ? " (cancelled)" : string.Empty)}{(window.PauseId is null ? string.Empty : " (humanitarian pause)")}");
            }

            var totals = scope.Store.Read(session => PassagesProjection.Totals(session, corridor.Id));
            output.WriteLine($"  passed outbound: {totals.Where(t => t.Direction == PassageDirection.Outbound).Sum(t => t.People)} people; inbound: {totals.Where(t => t.Direction == PassageDirection.Inbound).Sum(t => t.People)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Change(string verb, TimeProvider clock)
    {
        var status = verb switch { "pause" => "paused", "suspend" => "suspended", "close" => "closed", _ => "open" };
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var corridorArgument = new Argument<string>("CORRIDOR") { Description = "The corridor's name or id" };
        var reason = new Option<string>("--reason") { Description = "Why", Required = true };
        var authority = new Option<string>("--authority") { Description = "On whose authority", Required = true };
        var command = new Command(verb, $"Make a corridor {status}, with the reason and the authority") { data, operation, corridorArgument, reason, authority };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var corridor = Resolve(scope, result.GetRequiredValue(corridorArgument));
            var validation = new Validation();
            var change = ChangeCorridorStatus.From(scope.Operation.Id, corridor.Id, status, result.GetValue(reason), result.GetValue(authority), validation)
                ?? throw new UsageException(string.Join("; ", validation.Rejections.Select(r => $"--{r.Field}: {r.Reason}")));
            return Report(result, scope.Store.Execute(new LogCommand(change), SetupCommands.CliAuthor));
        }));
        return command;
    }

    /// <summary>Prints a receipt, or the refusal on standard error with exit code 1.</summary>
    public static int Report(ParseResult result, WriteOutcome outcome)
    {
        switch (outcome)
        {
            case WriteOutcome.Recorded recorded:
                foreach (var entry in recorded.Receipts.SelectMany(r => r.Entries))
                {
                    result.InvocationConfiguration.Output.WriteLine($"Recorded entry {entry.Sequence} ({entry.Type}) with hash {entry.Hash}");
                }

                return ExitCodes.Ok;
            case WriteOutcome.Refused refused:
                foreach (var rejection in refused.Rejections)
                {
                    result.InvocationConfiguration.Error.WriteLine($"refused: {rejection}");
                }

                return ExitCodes.Failed;
            default:
                result.InvocationConfiguration.Error.WriteLine($"refused: {outcome}");
                return ExitCodes.Failed;
        }
    }
}
