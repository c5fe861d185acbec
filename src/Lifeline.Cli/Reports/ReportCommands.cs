using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Lifeline.Cli.Corridors;
using Lifeline.Cli.Setup;
using Lifeline.Server.Http;
using Lifeline.Server.Reports;
using Lifeline.Storage.Reports;

namespace Lifeline.Cli.Reports;

/// <summary><c>lifeline report sitrep --from --to</c>.</summary>
public static class ReportCommands
{
    public static Command Create(TimeProvider clock) => new("report", "Reports on the operation")
    {
        Sitrep(clock),
    };

    private static Command Sitrep(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var from = new Option<DateOnly>("--from") { Description = "First local day, yyyy-MM-dd", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "Last local day (inclusive), yyyy-MM-dd", Required = true };
        var format = new Option<string>("--format") { Description = "table, json or hxl", DefaultValueFactory = _ => "table" };
        var command = new Command("sitrep", "The situation report: tons dispatched, delivered, in transit and lost; stock and days of supply; movements; incidents") { data, operation, from, to, format };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            if (SitrepEndpoints.CheckRange(result.GetValue(from), result.GetValue(to)) is { } problem)
            {
                throw new UsageException($"--{problem.Field}: {problem.Reason}");
            }

            var wanted = result.GetValue(format);
            if (wanted is not ("table" or "json" or "hxl"))
            {
                throw new UsageException("--format: table, json or hxl");
            }

            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var report = scope.Store.Read(s => SituationReports.Build(s, scope.Operation, result.GetValue(from), result.GetValue(to)));
            var output = result.InvocationConfiguration.Output;
            switch (wanted)
            {
                case "json":
                    output.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(Json.Options) { WriteIndented = true }));
                    break;
                case "hxl":
                    SitrepHxl.Write(report, output);
                    break;
                default:
                    Table(report, scope.Operation.Name, output);
                    break;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Table(SituationReport report, string operation, TextWriter output)
    {
        static string T(decimal tons) => tons.ToString("0.000", CultureInfo.InvariantCulture);
        output.WriteLine($"Situation report, {operation}: {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd} ({report.TimeZone})");
        output.WriteLine();
        output.WriteLine($"{"metric tons",-14} {"dispatched",11} {"delivered",10} {"in transit",11} {"lost",8} {"damaged",8} {"short",8} {"over",8}");
        foreach (var row in report.ByDay.Concat(report.ByCategory).Concat(report.ByMode).Append(report.Total))
        {
            output.WriteLine($"{row.Key,-14} {T(row.Dispatched),11} {T(row.Delivered),10} {T(row.InTransit),11} {T(row.Lost),8} {T(row.Damaged),8} {T(row.Short),8} {T(row.Over),8}");
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Food delivered: {T(report.Food.DeliveredTons)} t, {report.Food.KcalDelivered:N0} kcal = {report.Food.PersonDays:N0} person-days at {report.Food.KcalPerPersonPerDay:N0} kcal per person per day (Sphere)"));
        output.WriteLine();
        output.WriteLine($"Stock on hand at the end of {report.To:yyyy-MM-dd}:");
        foreach (var line in report.StockOnHand)
        {
            var days = line.DaysOfSupply is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d:0.0} days of supply") : "daily need not set";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {line.Site,-34} {line.Commodity,-16} {line.Quantity,10:0.###} {line.Unit,-7} {line.Kilograms,10:#,0.###} kg  {days}"));
        }

        output.WriteLine();
        output.WriteLine($"Movements planned in the period: {string.Join(", ", report.MovementsByStatus.Select(s => $"{s.Movements} {s.Status}"))}");
        output.WriteLine($"Incidents: {report.Incidents.Count}");
        foreach (var incident in report.Incidents)
        {
            var local = NodaTime.Instant.FromDateTimeOffset(incident.OccurredAt).InZone(NodaTime.DateTimeZoneProviders.Tzdb[report.TimeZone]).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);
            output.WriteLine($"  {local} {incident.Kind} {incident.Place}: killed {incident.Killed}, injured {incident.Injured}");
        }
    }
}
