using System.CommandLine;
using System.Globalization;
using Lifeline.Cli.Corridors;
using Lifeline.Cli.Setup;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Movements;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Stock;
using Lifeline.Storage.Writing;

namespace Lifeline.Cli.Movements;

/// <summary><c>lifeline movements list|show|plan|approve|load|manifest|depart|arrive|deliver|abort|correct|inspect</c>.</summary>
public static class MovementCommands
{
    public static Command Create(TimeProvider clock)
    {
        var command = new Command("movements", "Road convoys and airlift sorties: plan, manifest, depart, deliver")
        {
            List(clock),
            Show(clock),
            Plan(clock),
            Manifest(clock),
            Depart(clock),
            Deliver(clock),
            Correct(clock),
            Inspect(clock),
        };
        foreach (var (verb, status) in new[] { ("approve", "approved"), ("load", "loading"), ("arrive", "arrived"), ("abort", "aborted") })
        {
            command.Subcommands.Add(Status(verb, status, clock));
        }

        return command;
    }

    /// <summary>A movement by its id, or its first or last characters (ids made in the same millisecond share their first ones).</summary>
    /// <exception cref="UsageException">None or several match.</exception>
    public static Movement Resolve(OperationScope scope, string text)
    {
        var matches = scope.Store.Read(s => MovementsProjection.List(s, scope.Operation.Id))
            .Where(m => m.Id.Value.ToString().StartsWith(text.Trim().ToLowerInvariant(), StringComparison.Ordinal) || m.Id.Value.ToString().EndsWith(text.Trim().ToLowerInvariant(), StringComparison.Ordinal))
            .ToList();
        return matches.Count == 1 ? matches[0] : throw new UsageException(matches.Count == 0
            ? $"MOVEMENT: no movement '{text}' in operation '{scope.Operation.Name}'"
            : $"MOVEMENT: '{text}' matches {matches.Count} movement ids; give more of it");
    }

    private static Argument<string> MovementArgument() => new("MOVEMENT") { Description = "The movement's id, or enough of its first or last characters to tell it apart" };

    private static Command Writing(string name, string description, TimeProvider clock, Symbol[] symbols, Func<ParseResult, OperationScope, (IOperationCommand Command, DateTimeOffset? At)> build)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var command = new Command(name, description) { data, operation };
        foreach (var symbol in symbols)
        {
            if (symbol is Argument argument)
            {
                command.Arguments.Add(argument);
            }
            else
            {
                command.Options.Add((Option)symbol);
            }
        }

        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var (write, at) = build(result, scope);
            return CorridorCommands.Report(result, scope.Store.Execute(new LogCommand(write, OccurredAt: at), SetupCommands.CliAuthor));
        }));
        return command;
    }

    private static Command Plan(TimeProvider clock)
    {
        var mode = new Option<string>("--mode") { Description = "road (a convoy) or air (a sortie)", Required = true };
        var origin = new Option<string>("--origin") { Description = "Where it departs, by site name or id", Required = true };
        var destination = new Option<string>("--destination") { Description = "Where it goes, by site name or id", Required = true };
        var departure = new Option<DateTimeOffset>("--departure") { Description = "Planned departure, ISO 8601 with an offset", Required = true };
        var crew = new Option<int>("--crew") { Description = "How many people aboard (counts only, no names)", Required = true };
        var trucks = new Option<string[]>("--truck") { Description = "A truck of a convoy as ID:PAYLOAD_KG:VOLUME_M3, e.g. 'KAMAZ 13-41:10000:40'; repeat per truck", AllowMultipleArgumentsPerToken = true };
        var aircraft = new Option<string?>("--aircraft") { Description = "The aircraft of a sortie as TYPE:TAIL:MAX_PAYLOAD_KG[:VOLUME_M3], e.g. Mi-8AMTSh:RA-24531:4000" };
        var derating = new Option<string?>("--derating") { Description = "A sortie's derating in percent as RANGE:TEMPERATURE:ALTITUDE, e.g. 10:15:0" };
        var route = new Option<string?>("--route") { Description = "The route taken" };
        var corridor = new Option<string?>("--corridor") { Description = "The corridor used, by name or id" };
        return Writing("plan", "Plan a road convoy or an airlift sortie", clock, [mode, origin, destination, departure, crew, trucks, aircraft, derating, route, corridor], (result, scope) =>
        {
            var truckInputs = (result.GetValue(trucks) ?? []).Select(t => t.Split(':') is [var id, var payload, var volume]
                ? new TruckInput(id, Number(payload, "--truck"), Number(volume, "--truck"))
                : throw new UsageException($"--truck: '{t}' is not ID:PAYLOAD_KG:VOLUME_M3")).ToList();
            var aircraftInput = result.GetValue(aircraft) is { } a ? a.Split(':') switch
            {
                [var type, var tail, var payload] => new AircraftInput(type, tail, Number(payload, "--aircraft"), null),
                [var type, var tail, var payload, var volume] => new AircraftInput(type, tail, Number(payload, "--aircraft"), Number(volume, "--aircraft")),
                _ => throw new UsageException($"--aircraft: '{a}' is not TYPE:TAIL:MAX_PAYLOAD_KG[:VOLUME_M3]"),
            } : null;
            var deratingInput = result.GetValue(derating) is { } d ? d.Split(':') is [var r, var t, var h]
                ? new DeratingInput(Number(r, "--derating"), Number(t, "--derating"), Number(h, "--derating"))
                : throw new UsageException($"--derating: '{d}' is not RANGE:TEMPERATURE:ALTITUDE") : null;
            var validation = new Validation();
            var command = PlanMovement.From(
                scope.Operation.Id,
                MovementId.New(clock),
                result.GetValue(mode),
                scope.Site(result.GetRequiredValue(origin), "--origin").Id.Value,
                scope.Site(result.GetRequiredValue(destination), "--destination").Id.Value,
                result.GetValue(departure),
                result.GetValue(corridor) is { } c ? CorridorCommands.Resolve(scope, c).Id.Value : null,
                result.GetValue(route),
                result.GetValue(crew),
                truckInputs,
                aircraftInput,
                deratingInput,
                validation) ?? throw OperationScope.Invalid(validation);
            result.InvocationConfiguration.Output.WriteLine($"Movement {command.MovementId}");
            return (command, null);
        });
    }

    private static Command Status(string verb, string status, TimeProvider clock)
    {
        var movement = MovementArgument();
        var reason = new Option<string?>("--reason") { Description = status == "aborted" ? "Why it was aborted (required)" : "Why, if worth saying" };
        var at = new Option<DateTimeOffset?>("--at") { Description = "When, ISO 8601 with an offset (default: now)" };
        return Writing(verb, $"Make a movement {status}", clock, [movement, reason, at], (result, scope) =>
        {
            var found = Resolve(scope, result.GetRequiredValue(movement));
            var validation = new Validation();
            var command = ChangeMovementStatus.From(scope.Operation.Id, found.Id, status, result.GetValue(reason), validation) ?? throw OperationScope.Invalid(validation);
            return (command, result.GetValue(at));
        });
    }

    private static Command Manifest(TimeProvider clock)
    {
        var movement = MovementArgument();
        var vehicle = new Option<string>("--vehicle") { Description = "The truck's plate or id, or the aircraft's tail number", Required = true };
        var lines = LineOption();
        return Writing("manifest", "Record what one vehicle carries; refused with the excess if over its (derated) payload or volume", clock, [movement, vehicle, lines], (result, scope) =>
        {
            var found = Resolve(scope, result.GetRequiredValue(movement));
            var validation = new Validation();
            var command = RecordManifest.From(scope.Operation.Id, ManifestId.New(clock), found.Id, result.GetValue(vehicle), Lines(scope, result.GetValue(lines)), validation) ?? throw OperationScope.Invalid(validation);
            return (command, null);
        });
    }

    private static Command Depart(TimeProvider clock)
    {
        var movement = MovementArgument();
        var at = new Option<DateTimeOffset?>("--at") { Description = "When it left, ISO 8601 with an offset (default: now)" };
        return Writing("depart", "Depart: seal the manifests and move their cargo into transit", clock, [movement, at], (result, scope) =>
        {
            var found = Resolve(scope, result.GetRequiredValue(movement));
            var when = result.GetValue(at) ?? clock.GetUtcNow();
            return (new DepartMovement(scope.Operation.Id, found.Id, when), when);
        });
    }

    private static Command Deliver(TimeProvider clock)
    {
        var movement = MovementArgument();
        var receivedBy = new Option<string>("--received-by") { Description = "Who received it at the destination (role, not name)", Required = true };
        var all = new Option<bool>("--all-received") { Description = "Every line not given with --line arrived in full" };
        var lines = new Option<string[]>("--line") { Description = "VEHICLE:LINE=RECEIVED[+DAMAGED], e.g. 'KAMAZ 13-41:2=37+3'; repeat per line", AllowMultipleArgumentsPerToken = true };
        var reasons = new Option<string[]>("--reason") { Description = "VEHICLE:LINE=TEXT, the reason for a line's discrepancy", AllowMultipleArgumentsPerToken = true };
        var at = new Option<DateTimeOffset?>("--at") { Description = "When, ISO 8601 with an offset (default: now)" };
        return Writing("deliver", "Record proof of delivery: what arrived of each line, with the reason for any discrepancy", clock, [movement, receivedBy, all, lines, reasons, at], (result, scope) =>
        {
            var found = Resolve(scope, result.GetRequiredValue(movement));
            var vehicles = scope.Store.Read(s => ManifestsProjection.Current(s, found.Id)).ToDictionary(m => m.Id.Value, m => m.VehicleId);
            var transit = scope.Store.Read(s => StockProjection.InTransit(s, found.Id));
            var given = (result.GetValue(lines) ?? []).Select(l => Keyed(l, "--line")).ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
            var why = (result.GetValue(reasons) ?? []).Select(r => Keyed(r, "--reason")).ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
            var inputs = new List<DeliveryLineInput>();
            foreach (var cargo in transit)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"{vehicles.GetValueOrDefault(cargo.ManifestId)}:{cargo.Line}");
                if (given.Remove(key, out var amounts))
                {
                    var parts = amounts.Split('+');
                    inputs.Add(new DeliveryLineInput(cargo.ManifestId, cargo.Line, Number(parts[0], "--line"), parts.Length > 1 ? Number(parts[1], "--line") : 0, why.GetValueOrDefault(key)));
                }
                else if (result.GetValue(all))
                {
                    inputs.Add(new DeliveryLineInput(cargo.ManifestId, cargo.Line, cargo.Quantity, 0, why.GetValueOrDefault(key)));
                }
            }

            if (given.Count > 0)
            {
                throw new UsageException($"--line: {string.Join(", ", given.Keys)} is not a line in transit on this movement");
            }

            var validation = new Validation();
            var command = RecordDelivery.From(scope.Operation.Id, found.Id, result.GetValue(receivedBy), inputs, result.GetValue(at) ?? clock.GetUtcNow(), validation) ?? throw OperationScope.Invalid(validation);
            return (command, command.At);
        });
    }

    private static Command Correct(TimeProvider clock)
    {
        var manifest = new Argument<Guid>("MANIFEST") { Description = "The sealed manifest's id" };
        var lines = LineOption();
        var reason = new Option<string>("--reason") { Description = "Why the sealed manifest was wrong", Required = true };
        return Writing("correct", "Record a correction that references a sealed manifest (the seal never changes)", clock, [manifest, lines, reason], (result, scope) =>
        {
            var validation = new Validation();
            var command = CorrectManifest.From(scope.Operation.Id, ManifestId.New(clock), result.GetValue(manifest), Lines(scope, result.GetValue(lines)), result.GetValue(reason), validation) ?? throw OperationScope.Invalid(validation);
            return (command, null);
        });
    }

    private static Command Inspect(TimeProvider clock)
    {
        var manifest = new Argument<Guid>("MANIFEST") { Description = "The sealed manifest's id" };
        var organisation = new Option<string>("--organisation") { Description = "The inspecting organisation", Required = true };
        var differences = new Option<string[]>("--differs") { Description = "LINE=FOUND for a line found different; none means the cargo matches", AllowMultipleArgumentsPerToken = true };
        var note = new Option<string?>("--note") { Description = "What the inspector noted" };
        return Writing("inspect", "Record an independent inspection of a sealed manifest", clock, [manifest, organisation, differences, note], (result, scope) =>
        {
            var found = (result.GetValue(differences) ?? []).Select(d => d.Split('=') is [var line, var quantity] && int.TryParse(line, CultureInfo.InvariantCulture, out var number)
                ? new InspectedLineInput(number, null, null, Number(quantity, "--differs"), null)
                : throw new UsageException($"--differs: '{d}' is not LINE=FOUND")).ToList();
            var validation = new Validation();
            var command = RecordInspection.From(scope.Operation.Id, InspectionId.New(clock), result.GetValue(manifest), result.GetValue(organisation), found.Count == 0 ? "matches" : "differs", found, result.GetValue(note), validation) ?? throw OperationScope.Invalid(validation);
            return (command, null);
        });
    }

    private static Command List(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var status = new Option<string?>("--status") { Description = "Only movements with this status" };
        var command = new Command("list", "Movements with their status, vehicles and cargo") { data, operation, status };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            MovementStatus? wanted = result.GetValue(status) is { } text ? MovementNames.Statuses.TryGetValue(text, out var s) ? s : throw new UsageException($"--status: one of {string.Join(", ", MovementNames.Statuses.Keys)}") : null;
            var output = result.InvocationConfiguration.Output;
            var zone = scope.Operation.TimeZone.Zone;
            output.WriteLine($"{"id",-36} {"mode",-5} {"planned",-17} {"from",-26} {"to",-30} {"vehicles",-24} {"status",-10} {"manifested t",12}");
            scope.Store.Read(session =>
            {
                var sites = SitesProjection.List(session, scope.Operation.Id).ToDictionary(x => x.Id, x => x.Name);
                foreach (var movement in MovementsProjection.List(session, scope.Operation.Id, status: wanted))
                {
                    var tons = ManifestsProjection.OfMovement(session, movement.Id).Where(m => m.SupersededBy is null && m.Manifest.Corrects is null).Sum(m => m.TotalMassKg) / 1000m;
                    var planned = NodaTime.Instant.FromDateTimeOffset(movement.PlannedDeparture).InZone(zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{movement.Id,-36} {movement.Mode.Name(),-5} {planned,-17} {sites.GetValueOrDefault(movement.Origin),-26} {sites.GetValueOrDefault(movement.Destination),-30} {string.Join(", ", movement.Vehicles.Select(v => v.VehicleId)),-24} {movement.Status.Name(),-10} {tons,12:0.000}"));
                }

                return 0;
            });
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var movement = MovementArgument();
        var command = new Command("show", "A movement's vehicles, status history, sealed manifests, inspections and proof of delivery") { data, operation, movement };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var found = Resolve(scope, result.GetRequiredValue(movement));
            var output = result.InvocationConfiguration.Output;
            var zone = scope.Operation.TimeZone.Zone;
            string Local(DateTimeOffset at) => NodaTime.Instant.FromDateTimeOffset(at).InZone(zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);
            scope.Store.Read(session =>
            {
                output.WriteLine($"{found.Mode.Name()} movement {found.Id}: {found.Status.Name()}; crew {found.Crew}; route {found.Route}");
                foreach (var vehicle in found.Vehicles)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  vehicle {vehicle.VehicleId}{(vehicle.AircraftType is null ? string.Empty : $" ({vehicle.AircraftType})")}: payload {Amounts.Kg(vehicle.PayloadKg)}, usable {Amounts.Kg(found.PayloadOf(vehicle))}"));
                }

                output.WriteLine("  status history:");
                foreach (var change in MovementsProjection.History(session, found.Id))
                {
                    output.WriteLine($"    {Local(change.OccurredAt)} {change.From.Name()} -> {change.To.Name()}: {change.Reason} (recorded by {change.Actor})");
                }

                foreach (var record in ManifestsProjection.OfMovement(session, found.Id))
                {
                    var kind = record.Manifest.Corrects is { } corrects ? $"correction of {corrects}: {record.Reason}" : record.SupersededBy is not null ? "superseded" : record.Manifest.SealedHash is { } hash ? $"sealed {hash}" : "not sealed";
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  manifest {record.Manifest.Id} for {record.Manifest.VehicleId}, {Amounts.Kg(record.TotalMassKg)}, {record.TotalVolumeM3:0.###} m3 ({kind})"));
                    for (var i = 0; i < record.Manifest.Lines.Count; i++)
                    {
                        var line = record.Manifest.Lines[i];
                        var commodity = CommoditiesProjection.Known(session, line.CommodityId);
                        output.WriteLine($"    {i + 1}. {commodity.Code} {StockNames.Describe(line.Lot)}: {Amounts.Of(Quantity.FromUnits(line.Quantity)!.Value, commodity)}");
                    }

                    foreach (var inspection in ManifestsProjection.Inspections(session, record.Manifest.Id))
                    {
                        output.WriteLine($"    inspected by {inspection.Organisation}: {(inspection.Finding == InspectionFinding.Matches ? "matches" : "differs")} {string.Join("; ", inspection.Differences.Select(d => string.Create(CultureInfo.InvariantCulture, $"line {d.Line}: {d.Manifested} manifested, {d.Found} found")))}");
                    }
                }

                foreach (var line in MovementsProjection.Delivery(session, found.Id))
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  delivered line {line.Line}: {line.Received} of {line.Departed}{(line.HasDiscrepancy ? $" - {DeliveryDecider.Describe(line)}: {line.Reason}" : string.Empty)}"));
                }

                return 0;
            });
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Option<string[]> LineOption() => new("--line")
    {
        Description = "A manifest line CODE[@LOT]=QUANTITY, e.g. WHEAT-FLOUR-50=80 or MED-TRAUMA-KIT@TK-2016-031=20; repeat per line",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    private static List<ManifestLineInput> Lines(OperationScope scope, string[]? lines) => (lines ?? []).Select(text =>
    {
        var (item, quantity) = Keyed(text, "--line");
        var at = item.IndexOf('@', StringComparison.Ordinal);
        var commodity = scope.Commodity(at < 0 ? item : item[..at], "--line");
        return new ManifestLineInput(commodity.Id.Value, at < 0 ? null : item[(at + 1)..], Number(quantity, "--line"));
    }).ToList();

    private static (string Key, string Value) Keyed(string text, string option)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        return at > 0 ? (text[..at], text[(at + 1)..]) : throw new UsageException($"{option}: '{text}' is not KEY=VALUE");
    }

    private static decimal Number(string text, string option) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : throw new UsageException($"{option}: '{text}' is not a number");
}
