using System.CommandLine;
using System.Globalization;
using Lifeline.Cli.Corridors;
using Lifeline.Cli.Movements;
using Lifeline.Cli.Setup;
using Lifeline.Domain.Incidents;
using Lifeline.Domain.Primitives;
using Lifeline.Storage.Incidents;
using Lifeline.Storage.Protection;
using Lifeline.Storage.Writing;

namespace Lifeline.Cli.Incidents;

/// <summary><c>lifeline incidents record|list</c>.</summary>
public static class IncidentCommands
{
    public static Command Create(TimeProvider clock) => new("incidents", "Incidents to movements and near sites; casualties as counts only")
    {
        Record(clock),
        List(clock),
    };

    private static Command Record(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var kind = new Option<string>("--kind") { Description = "aircraft_lost, vehicle_hit, looting, checkpoint_refusal or shelling_near_site", Required = true };
        var at = new Option<DateTimeOffset>("--at") { Description = "When it happened, ISO 8601 with an offset", Required = true };
        var movement = new Option<string?>("--movement") { Description = "The movement it happened to (id or its first characters)" };
        var site = new Option<string?>("--site") { Description = "The site it happened at or near, by name or id" };
        var place = new Option<string?>("--place") { Description = "Where, in words" };
        var latitude = new Option<double?>("--latitude") { Description = "Where, WGS84 latitude" };
        var longitude = new Option<double?>("--longitude") { Description = "Where, WGS84 longitude" };
        var killed = new Option<int>("--killed") { Description = "People killed (a count; never names)" };
        var injured = new Option<int>("--injured") { Description = "People injured (a count; never names)" };
        var cargo = new Option<string?>("--cargo-status") { Description = "lost, recovered or unknown" };
        var narrative = new Option<string?>("--narrative") { Description = "What happened, without naming people" };
        var command = new Command("record", "Record an incident; an aircraft lost ends its sortie as lost and writes off its cargo in transit")
        {
            data, operation, kind, at, movement, site, place, latitude, longitude, killed, injured, cargo, narrative,
        };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var movementId = result.GetValue(movement) is { } m ? MovementCommands.Resolve(scope, m).Id.Value : (Guid?)null;
            var siteId = result.GetValue(site) is { } s ? scope.Site(s, "--site").Id.Value : (Guid?)null;
            var validation = new Validation();
            var incident = RecordIncident.From(scope.Operation.Id, IncidentId.New(clock), result.GetValue(kind), result.GetValue(at), movementId, siteId, result.GetValue(latitude), result.GetValue(longitude), result.GetValue(place), result.GetValue(killed), result.GetValue(injured), result.GetValue(cargo), result.GetValue(narrative), validation)
                ?? throw OperationScope.Invalid(validation);
            return CorridorCommands.Report(result, scope.Store.Execute(new LogCommand(incident, OccurredAt: incident.At), SetupCommands.CliAuthor));
        }));
        return command;
    }

    private static Command List(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var command = new Command("list", "Incidents in time order") { data, operation };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var zone = scope.Operation.TimeZone.Zone;
            // Whoever holds the data directory holds the personal-data keys: the narrative is opened, or marked erased.
            var incidents = scope.Store.Read(s => IncidentsProjection.List(s, scope.Operation.Id).Select(i => (Incident: i, Narrative: SealedText.Open(scope.Store.PersonalData!, s, i.Narrative))).ToList());
            foreach (var (incident, narrative) in incidents)
            {
                var at = NodaTime.Instant.FromDateTimeOffset(incident.OccurredAt).InZone(zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);
                result.InvocationConfiguration.Output.WriteLine($"{at} {incident.Kind.Name(),-20} {incident.Place,-34} killed {incident.Killed}, injured {incident.Injured}; cargo {incident.CargoStatus?.Name() ?? "-"}; {narrative ?? "(erased)"}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
