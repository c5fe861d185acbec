using System.CommandLine;
using System.Globalization;
using Lifeline.Cli.Corridors;
using Lifeline.Cli.Setup;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Stock;
using Lifeline.Storage.Writing;

namespace Lifeline.Cli.Stock;

/// <summary><c>lifeline stock receive|issue|adjust|quarantine|release|need|list|pick</c>.</summary>
public static class StockCommands
{
    public static Command Create(TimeProvider clock) => new("stock", "The stock ledger: receipts, issues, adjustments, quarantine, stock on hand and picking")
    {
        Receive(clock),
        Issue(clock),
        Adjust(clock),
        Hold("quarantine", true, clock),
        Hold("release", false, clock),
        Need(clock),
        List(clock),
        Pick(clock),
    };

    private static Option<string> SiteOption() => new("--site") { Description = "The site, by name or id", Required = true };

    private static Option<string> CommodityOption() => new("--commodity") { Description = "The commodity, by code or id", Required = true };

    private static Option<string?> LotOption() => new("--lot") { Description = "The lot number (required for lot-tracked commodities)" };

    private static Option<DateTimeOffset?> AtOption() => new("--at") { Description = "When it happened, ISO 8601 with an offset (default: now)" };

    /// <summary>Runs one stock command against the operation and prints the receipt or the refusal.</summary>
    private static Command Write(string name, string description, TimeProvider clock, Option[] options, Func<ParseResult, OperationScope, (IOperationCommand Command, DateTimeOffset? At)> build)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var command = new Command(name, description) { data, operation };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var (write, at) = build(result, scope);
            return CorridorCommands.Report(result, scope.Store.Execute(new LogCommand(write, OccurredAt: at), SetupCommands.CliAuthor));
        }));
        return command;
    }

    private static Command Receive(TimeProvider clock)
    {
        var (site, commodity, lot, at) = (SiteOption(), CommodityOption(), LotOption(), AtOption());
        var quantity = new Option<decimal>("--quantity") { Description = "How much, in the commodity's unit", Required = true };
        var expiry = new Option<DateOnly?>("--expiry") { Description = "The lot's expiry date, yyyy-MM-dd (required for lot-tracked commodities)" };
        var source = new Option<string>("--source") { Description = "The donor or source", Required = true };
        return Write("receive", "Record stock received at a site", clock, [site, commodity, lot, expiry, quantity, source, at], (result, scope) =>
        {
            var validation = new Validation();
            var command = ReceiveStock.From(scope.Operation.Id, scope.Site(result.GetRequiredValue(site), "--site").Id.Value, scope.Commodity(result.GetRequiredValue(commodity), "--commodity").Id.Value, result.GetValue(lot), result.GetValue(expiry), result.GetValue(quantity), result.GetValue(source), result.GetValue(at) ?? clock.GetUtcNow(), validation)
                ?? throw OperationScope.Invalid(validation);
            return (command, command.At);
        });
    }

    private static Command Issue(TimeProvider clock)
    {
        var (site, commodity, lot, at) = (SiteOption(), CommodityOption(), LotOption(), AtOption());
        var quantity = new Option<decimal>("--quantity") { Description = "How much, in the commodity's unit", Required = true };
        var to = new Option<string>("--to") { Description = "Issued to: the distribution point or programme", Required = true };
        return Write("issue", "Issue stock to distribution; refused if the lot would go negative, is quarantined or has expired", clock, [site, commodity, lot, quantity, to, at], (result, scope) =>
        {
            var validation = new Validation();
            var command = IssueStock.From(scope.Operation.Id, scope.Site(result.GetRequiredValue(site), "--site").Id.Value, scope.Commodity(result.GetRequiredValue(commodity), "--commodity").Id.Value, result.GetValue(lot), result.GetValue(quantity), result.GetValue(to), result.GetValue(at) ?? clock.GetUtcNow(), validation)
                ?? throw OperationScope.Invalid(validation);
            return (command, command.At);
        });
    }

    private static Command Adjust(TimeProvider clock)
    {
        var (site, commodity, lot, at) = (SiteOption(), CommodityOption(), LotOption(), AtOption());
        var change = new Option<decimal>("--change") { Description = "The signed change, e.g. -3 for three bags damaged", Required = true };
        var reason = new Option<string>("--reason") { Description = "damage, loss, theft, expiry or count_correction", Required = true };
        var note = new Option<string?>("--note") { Description = "What happened" };
        return Write("adjust", "Adjust stock for damage, loss, theft, expiry or a count correction", clock, [site, commodity, lot, change, reason, note, at], (result, scope) =>
        {
            var validation = new Validation();
            var command = AdjustStock.From(scope.Operation.Id, scope.Site(result.GetRequiredValue(site), "--site").Id.Value, scope.Commodity(result.GetRequiredValue(commodity), "--commodity").Id.Value, result.GetValue(lot), result.GetValue(change), result.GetValue(reason), result.GetValue(note), result.GetValue(at) ?? clock.GetUtcNow(), validation)
                ?? throw OperationScope.Invalid(validation);
            return (command, command.At);
        });
    }

    private static Command Hold(string name, bool quarantine, TimeProvider clock)
    {
        var (site, commodity, lot) = (SiteOption(), CommodityOption(), LotOption());
        var reason = new Option<string>("--reason") { Description = "Why", Required = true };
        return Write(name, quarantine ? "Quarantine a lot: it may not be dispatched or issued" : "Release a quarantined lot", clock, [site, commodity, lot, reason], (result, scope) =>
        {
            var validation = new Validation();
            var command = HoldLot.From(scope.Operation.Id, scope.Site(result.GetRequiredValue(site), "--site").Id.Value, scope.Commodity(result.GetRequiredValue(commodity), "--commodity").Id.Value, result.GetValue(lot), quarantine, result.GetValue(reason), validation)
                ?? throw OperationScope.Invalid(validation);
            return (command, null);
        });
    }

    private static Command Need(TimeProvider clock)
    {
        var (site, commodity) = (SiteOption(), CommodityOption());
        var perDay = new Option<decimal>("--per-day") { Description = "What the site consumes per day, in the commodity's unit", Required = true };
        return Write("need", "Set a site's daily need of a commodity, for days of supply", clock, [site, commodity, perDay], (result, scope) =>
        {
            var validation = new Validation();
            var command = SetDailyNeed.From(scope.Operation.Id, scope.Site(result.GetRequiredValue(site), "--site").Id.Value, scope.Commodity(result.GetRequiredValue(commodity), "--commodity").Id.Value, result.GetValue(perDay), validation)
                ?? throw OperationScope.Invalid(validation);
            return (command, null);
        });
    }

    private static Command List(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var site = new Option<string?>("--site") { Description = "Only this site, by name or id" };
        var command = new Command("list", "Stock on hand per site, commodity and lot, in units, kilograms and metric tons") { data, operation, site };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var only = result.GetValue(site) is { } text ? scope.Site(text, "--site").Id : (SiteId?)null;
            var output = result.InvocationConfiguration.Output;
            output.WriteLine($"{"site",-34} {"commodity",-16} {"lot",-12} {"expiry",-10} {"quantity",14} {"kg",12} {"t",9}  status");
            scope.Store.Read(session =>
            {
                var sites = SitesProjection.List(session, scope.Operation.Id).ToDictionary(s => s.Id, s => s.Name);
                foreach (var lot in StockProjection.Lots(session, scope.Operation.Id, only))
                {
                    var commodity = CommoditiesProjection.Known(session, lot.CommodityId.Value);
                    var mass = lot.OnHand.MassOf(commodity);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sites.GetValueOrDefault(lot.SiteId, lot.SiteId.ToString()),-34} {commodity.Code,-16} {(lot.Lot.Length == 0 ? "-" : lot.Lot),-12} {lot.Expiry?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",-10} {$"{lot.OnHand} {commodity.Unit}",14} {mass.Kilograms,12:#,0.###} {mass.MetricTons,9:0.000}  {(lot.Quarantined ? "quarantined" : "available")}"));
                }

                return 0;
            });
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Pick(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var (site, commodity) = (SiteOption(), CommodityOption());
        var quantity = new Option<decimal>("--quantity") { Description = "How much is wanted, in the commodity's unit", Required = true };
        var on = new Option<DateOnly?>("--on") { Description = "The day of dispatch, for expiry (default: today, local)" };
        var command = new Command("pick", "Suggest lots to pick, first expiry first out") { data, operation, site, commodity, quantity, on };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var from = scope.Site(result.GetRequiredValue(site), "--site");
            var what = scope.Commodity(result.GetRequiredValue(commodity), "--commodity");
            var wanted = Quantity.FromUnits(result.GetValue(quantity)) is { } q && q > Quantity.Zero ? q : throw new UsageException("--quantity: a positive quantity, to a thousandth at most");
            var day = result.GetValue(on) ?? scope.Store.Read(s => OperationsProjection.LocalDate(s, scope.Operation.Id.Value, clock.GetUtcNow()));
            var suggestion = Picking.Suggest(scope.Store.Read(s => StockProjection.Lots(s, scope.Operation.Id, from.Id, what.Id)), wanted, day);
            var output = result.InvocationConfiguration.Output;
            foreach (var pick in suggestion.Picks)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(pick.Lot.Length == 0 ? "(no lot)" : pick.Lot),-16} expires {pick.Expiry?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",-10} pick {Amounts.Of(pick.Quantity, what)}"));
            }

            if (suggestion.Shortfall > Quantity.Zero)
            {
                output.WriteLine($"short by {Amounts.Of(suggestion.Shortfall, what)}: not enough dispatchable stock at {from.Name}");
                return ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
