using Lifeline.Domain.Commodities;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Domain.Zones;
using Lifeline.Log.Chain;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Demo;

/// <summary>
/// The demo operation: an illustrative reconstruction modelled on public reporting of the humanitarian
/// operation around Aleppo that began on 28 July 2016. It is recorded through the same commands, deciders
/// and log as any real data, so a newcomer's first look is at the real system.
/// </summary>
public static class DemoOperation
{
    public const string Name = "Aleppo 2016 (illustrative reconstruction)";

    public const string Description =
        "ILLUSTRATIVE RECONSTRUCTION for demonstration and training, modelled on public reporting of the humanitarian " +
        "operation around Aleppo that began on 28 July 2016. Places are approximate, names of facilities are invented " +
        "or generic, and no figure is an official record.";

    public static readonly Author Author = new("demo-loader", "lifeline-cli");

    /// <summary>When the demo's set-up facts happened: the morning the operation was announced, Damascus time.</summary>
    public static readonly DateTimeOffset SetUpAt = new(2016, 7, 28, 6, 0, 0, TimeSpan.FromHours(3));

    /// <summary>Loads the demo operation unless it is there already; returns its id.</summary>
    /// <exception cref="InvalidOperationException">A demo command was refused: the demo data contradicts the rules.</exception>
    /// <param name="store">The store to record on.</param>
    /// <param name="clock">The time ids are minted at.</param>
    /// <param name="entropy">The random bits of the demo's ids; seeded, the demo is the same on every store.</param>
    public static OperationId Load(LogStore store, TimeProvider clock, Random? entropy = null)
    {
        Guid NewId() => UuidV7.Create(clock.GetUtcNow(), entropy);

        var existing = store.Read(session => OperationsProjection.FindByName(session, Name));
        if (existing is not null)
        {
            return existing.Id;
        }

        var operation = new OperationId(NewId());
        var commands = new List<LogCommand>
        {
            Command(validation => CreateOperation.From(operation, Name, Description, new DateOnly(2016, 7, 28), "Asia/Damascus", validation)),
        };

        var siteIds = Sites.Concat(CorridorGates).ToDictionary(site => site.Name, _ => new SiteId(NewId()));
        LogCommand Site((string Name, string Kind, double Latitude, double Longitude, string? PCode) site) =>
            Command(validation => RegisterSite.From(operation, siteIds[site.Name], site.Name, site.Kind, site.Latitude, site.Longitude, site.PCode, validation));
        commands.AddRange(Sites.Select(Site));

        foreach (var (name, kind, ring) in Zones)
        {
            commands.Add(Command(validation => DrawZone.From(operation, new ZoneId(NewId()), name, kind, "Polygon", [ring], validation)));
        }

        var commodityIds = Commodities.ToDictionary(c => c.Code, _ => new CommodityId(NewId()));
        foreach (var (code, name, category, unit, mass, kcal, volume, lotTracked) in Commodities)
        {
            commands.Add(Command(validation => RegisterCommodity.From(operation, commodityIds[code], code, name, category, unit, mass, kcal, volume, lotTracked, validation)));
        }

        commands.AddRange(CorridorGates.Select(Site));
        var corridorIds = new Dictionary<string, CorridorId>();
        foreach (var (name, gate, crossing, categories, capacity) in Corridors)
        {
            var corridor = new CorridorId(NewId());
            corridorIds[name] = corridor;
            Guid[] checkpoints = [siteIds[gate].Value, siteIds[crossing].Value];
            double[][] route = [Position(gate, CorridorGates), Position(crossing, Sites)];
            commands.Add(Command(
                validation => DefineCorridor.From(operation, corridor, name, "LineString", route, checkpoints, categories, capacity, Announcer, "outbound", validation)));
            commands.Add(Command(
                validation => ChangeCorridorStatus.From(operation, corridor, "open", "Corridors announced for civilians, and for fighters who lay down their arms under an amnesty", Announcer, validation)));
            commands.Add(Command(
                validation => ScheduleWindow.From(operation, [corridor], "daily", null, null, "2016-07-28", "2016-08-31", "08:00", "16:00", null, "Daily opening announced with the corridors", validation)));
        }

        commands.AddRange(Passages(operation, corridorIds, siteIds, NewId));
        commands.AddRange(DemoLogistics.Commands(operation, siteIds, commodityIds, NewId));

        return store.Execute(commands, Author) switch
        {
            WriteOutcome.Recorded => operation,
            var refused => throw new InvalidOperationException($"the demo data was refused: {refused}"),
        };
    }

    /// <summary>
    /// Four days of illustrative tallies at each corridor's inner gate, drawn from a fixed seed so every demo
    /// is the same: a trickle of civilians on the civilian corridors, a few fighters handing in weapons on the
    /// amnesty corridor, and one medical evacuation after the window had closed.
    /// </summary>
    private static IEnumerable<LogCommand> Passages(OperationId operation, Dictionary<string, CorridorId> corridors, Dictionary<string, SiteId> sites, Func<Guid> newId)
    {
        var random = new Random(20160728);
        var damascus = TimeSpan.FromHours(3);
        foreach (var day in Enumerable.Range(28, 4))
        {
            foreach (var (name, gate, _, categories, _) in Corridors)
            {
                var amnesty = categories.Contains("fighters_under_amnesty");
                foreach (var (hour, minute) in new[] { (9, 0), (11, 30), (14, 15) })
                {
                    PassageCountInput[] counts = amnesty
                        ? [new("fighters_under_amnesty", "male", "18-59", random.Next(0, 4)), new("wounded_and_sick", "male", "18-59", random.Next(0, 2))]
                        : [
                            new("civilians", "female", "18-59", random.Next(3, 15)),
                            new("civilians", "male", "18-59", random.Next(1, 8)),
                            new("civilians", "female", "0-4", random.Next(0, 6)),
                            new("civilians", "male", "5-11", random.Next(0, 6)),
                            new("civilians", "female", "60+", random.Next(0, 3)),
                            new("wounded_and_sick", "unknown", "unknown", random.Next(0, 2)),
                        ];
                    if (counts.Sum(c => c.Count) == 0)
                    {
                        continue;
                    }

                    var at = new DateTimeOffset(2016, 7, day, hour, minute, 0, damascus);
                    var weapons = amnesty ? counts[0].Count : (int?)null;
                    yield return Command(
                        validation => RecordPassage.From(operation, new PassageId(newId()), corridors[name].Value, sites[gate].Value, "outbound", at, counts, null, null, weapons, null, null, validation),
                        at);
                }
            }
        }

        yield return Command(
            validation => RecordPassage.From(operation, new PassageId(newId()), corridors["Ramouseh civilian corridor"].Value, sites["Ramouseh inner gate"].Value, "outbound", new DateTimeOffset(2016, 7, 30, 19, 40, 0, damascus), [new("wounded_and_sick", "female", "12-17", 1), new("civilians", "female", "18-59", 1)], 1, 1, null, "Injured child and her mother brought through after the window closed, by agreement at the crossing", null, validation),
            new DateTimeOffset(2016, 7, 30, 19, 40, 0, damascus));
    }

    /// <summary>A demo command parsed as a request would be; the demo's data must parse, or the demo is broken.</summary>
    internal static LogCommand Command<T>(Func<Validation, T?> parse, DateTimeOffset? occurredAt = null)
        where T : class, IOperationCommand
    {
        var validation = new Validation();
        var valid = parse(validation)
            ?? throw new InvalidOperationException($"demo {typeof(T).Name} does not validate: {string.Join("; ", validation.Rejections)}");
        return new LogCommand(valid, OccurredAt: occurredAt ?? SetUpAt);
    }

    // P-codes are governorate level (SY02 Aleppo, SY06 Lattakia, SY07 Idleb); positions are approximate.
    private static readonly (string Name, string Kind, double Latitude, double Longitude, string? PCode)[] Sites =
    [
        ("Hmeimim air base", "hub", 35.401, 35.949, "SY06"),
        ("Aleppo International Airport", "airfield", 36.181, 37.224, "SY02"),
        ("Hamdaniyah relief warehouse", "warehouse", 36.1845, 37.1150, "SY02"),
        ("University stadium helipad", "helipad", 36.2085, 37.1275, "SY02"),
        ("Bustan al-Qasr distribution point", "distribution_point", 36.1938, 37.1418, "SY02"),
        ("Ramouseh distribution point", "distribution_point", 36.1668, 37.1472, "SY02"),
        ("Salah al-Din distribution point", "distribution_point", 36.1790, 37.1405, "SY02"),
        ("Bustan al-Qasr crossing", "checkpoint", 36.1962, 37.1462, "SY02"),
        ("Ramouseh crossing", "checkpoint", 36.1642, 37.1535, "SY02"),
        ("Salah al-Din crossing", "checkpoint", 36.1812, 37.1478, "SY02"),
        ("Castello Road checkpoint", "checkpoint", 36.2445, 37.1535, "SY02"),
    ];

    // The inner gates where people leave the besieged districts; each corridor runs from its gate to a crossing.
    private static readonly (string Name, string Kind, double Latitude, double Longitude, string? PCode)[] CorridorGates =
    [
        ("Bustan al-Qasr inner gate", "checkpoint", 36.1975, 37.1530, "SY02"),
        ("Salah al-Din inner gate", "checkpoint", 36.1828, 37.1560, "SY02"),
        ("Ramouseh inner gate", "checkpoint", 36.1700, 37.1610, "SY02"),
        ("Jandoul roundabout gate", "checkpoint", 36.2390, 37.1680, "SY02"),
    ];

    private const string Announcer = "Defence ministry and civilian government (as announced)";

    // Three corridors for civilians and one in the north, to Castello Road, for fighters laying down arms.
    private static readonly (string Name, string Gate, string Crossing, string[] Categories, int Capacity)[] Corridors =
    [
        ("Bustan al-Qasr civilian corridor", "Bustan al-Qasr inner gate", "Bustan al-Qasr crossing", ["civilians", "wounded_and_sick"], 300),
        ("Salah al-Din civilian corridor", "Salah al-Din inner gate", "Salah al-Din crossing", ["civilians", "wounded_and_sick"], 300),
        ("Ramouseh civilian corridor", "Ramouseh inner gate", "Ramouseh crossing", ["civilians", "wounded_and_sick", "humanitarian_staff"], 400),
        ("Castello Road amnesty corridor", "Jandoul roundabout gate", "Castello Road checkpoint", ["fighters_under_amnesty", "wounded_and_sick"], 100),
    ];

    private static double[] Position(string name, (string Name, string Kind, double Latitude, double Longitude, string? PCode)[] sites)
    {
        var site = sites.Single(s => s.Name == name);
        return [site.Longitude, site.Latitude];
    }

    private static readonly (string Name, string Kind, double[][] Ring)[] Zones =
    [
        ("Eastern Aleppo besieged districts", "besieged_area", Ring((37.160, 36.186), (37.184, 36.180), (37.218, 36.182), (37.221, 36.214), (37.205, 36.239), (37.171, 36.237), (37.158, 36.212))),
        ("Saraqib conflict zone", "conflict_no_go", Ring((36.756, 35.834), (36.856, 35.834), (36.856, 35.894), (36.756, 35.894))),
    ];

    private static readonly (string Code, string Name, string Category, string Unit, decimal MassKg, decimal? KcalPerKg, decimal? VolumeM3, bool LotTracked)[] Commodities =
    [
        ("WHEAT-FLOUR-50", "Wheat flour, 50 kg bag", "food", "bag", 50m, 3640m, 0.070m, false),
        ("RICE-25", "Rice, 25 kg bag", "food", "bag", 25m, 3600m, 0.035m, false),
        ("CANNED-MEAT-12", "Canned meat, carton of 12 tins", "food", "carton", 5.0m, 2500m, 0.010m, false),
        ("SUGAR-50", "Sugar, 50 kg bag", "food", "bag", 50m, 4000m, 0.065m, false),
        ("VEG-OIL-5L", "Vegetable oil, 5 litre bottle", "food", "bottle", 4.6m, 8840m, 0.006m, false),
        ("WATER-1500ML-6", "Bottled water, carton of 6 x 1.5 litres", "water", "carton", 9.2m, null, 0.011m, false),
        ("MED-TRAUMA-KIT", "Trauma and surgical supplies kit", "medical", "kit", 38m, null, 0.200m, true),
        ("MED-BASIC-KIT", "Basic emergency health kit", "medical", "kit", 45m, null, 0.150m, true),
    ];

    private static double[][] Ring(params (double Longitude, double Latitude)[] positions) =>
        [.. positions.Select(p => new[] { p.Longitude, p.Latitude }), [positions[0].Longitude, positions[0].Latitude]];
}
