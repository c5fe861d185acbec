using Lifeline.Domain.Corridors;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Log.Chain;
using Lifeline.Storage.Database;
using Lifeline.Storage.Projections;

namespace Lifeline.Storage.Corridors;

/// <summary>People per corridor in one UTC hour, one direction; corrections already applied.</summary>
public sealed record HourlyFlow(CorridorId CorridorId, DateTimeOffset HourStart, PassageDirection Direction, long People, long OutOfWindowPeople, long Passages);

/// <summary>Cumulative people per corridor, direction, category, sex and age band.</summary>
public sealed record FlowCell(PassageDirection Direction, PersonCategory Category, Sex Sex, AgeBand AgeBand, long People);

/// <summary>A passage as it stands, with its tally; corrected passages are left out of the lists that use it.</summary>
public sealed record PassageRecord(
    PassageId Id,
    CorridorId CorridorId,
    SiteId CheckpointId,
    PassageDirection Direction,
    DateTimeOffset OccurredAt,
    IReadOnlyList<PassageCount> Counts,
    bool OutOfWindow,
    string? OutOfWindowReason,
    Guid? Corrects,
    int? Vehicles,
    int? MedicalEvacuations,
    int? WeaponsHandedIn)
{
    public int Total => Counts.Sum(c => c.Count);
}

/// <summary>
/// Passages and the flow derived from them: an hourly table and cumulative totals, kept up to date as
/// passages and corrections arrive, so that a day's flow reads a few dozen rows however many passages
/// there were.
/// </summary>
public sealed class PassagesProjection : IProjection
{
    public int Version => 1;

    private const long HourMs = 3_600_000;

    public IReadOnlyList<string> Tables { get; } = ["passages", "passage_counts", "corridor_flow_hourly", "corridor_flow_totals"];

    public void Create(SqlSession session) => session.Execute("""
        CREATE TABLE IF NOT EXISTS passages (
            passage_id           TEXT PRIMARY KEY,
            operation_id         TEXT NOT NULL,
            corridor_id          TEXT NOT NULL,
            checkpoint_id        TEXT NOT NULL,
            direction            TEXT NOT NULL,
            occurred_at          INTEGER NOT NULL,
            total                INTEGER NOT NULL,
            vehicles             INTEGER,
            medical_evacuations  INTEGER,
            weapons_handed_in    INTEGER,
            out_of_window        INTEGER NOT NULL,
            out_of_window_reason TEXT,
            corrects             TEXT,
            superseded_by        TEXT,
            recorded_seq         INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS passages_by_corridor ON passages (corridor_id, occurred_at);
        CREATE TABLE IF NOT EXISTS passage_counts (
            passage_id TEXT NOT NULL,
            category   TEXT NOT NULL,
            sex        TEXT NOT NULL,
            age_band   TEXT NOT NULL,
            count      INTEGER NOT NULL,
            PRIMARY KEY (passage_id, category, sex, age_band)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS corridor_flow_hourly (
            corridor_id         TEXT NOT NULL,
            hour_start          INTEGER NOT NULL,
            direction           TEXT NOT NULL,
            people              INTEGER NOT NULL,
            out_of_window_people INTEGER NOT NULL,
            passages            INTEGER NOT NULL,
            PRIMARY KEY (corridor_id, hour_start, direction)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS corridor_flow_totals (
            corridor_id TEXT NOT NULL,
            direction   TEXT NOT NULL,
            category    TEXT NOT NULL,
            sex         TEXT NOT NULL,
            age_band    TEXT NOT NULL,
            people      INTEGER NOT NULL,
            PRIMARY KEY (corridor_id, direction, category, sex, age_band)
        ) WITHOUT ROWID;
        """);

    public void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent)
    {
        if (domainEvent is not PassageRecorded passage)
        {
            return;
        }

        if (passage.Corrects is { } corrected)
        {
            Withdraw(session, corrected, passage.PassageId);
        }

        session.Execute(
            "INSERT INTO passages (passage_id, operation_id, corridor_id, checkpoint_id, direction, occurred_at, total, vehicles, medical_evacuations, weapons_handed_in, out_of_window, out_of_window_reason, corrects, recorded_seq) " +
            "VALUES ($id, $op, $corridor, $checkpoint, $direction, $at, $total, $vehicles, $medevac, $weapons, $oow, $reason, $corrects, $seq)",
            ("$id", passage.PassageId),
            ("$op", passage.OperationId),
            ("$corridor", passage.CorridorId),
            ("$checkpoint", passage.CheckpointId),
            ("$direction", passage.Direction.Name()),
            ("$at", passage.OccurredAt.ToUnixTimeMilliseconds()),
            ("$total", passage.TotalPeople()),
            ("$vehicles", passage.Vehicles),
            ("$medevac", passage.MedicalEvacuations),
            ("$weapons", passage.WeaponsHandedIn),
            ("$oow", passage.OutOfWindow),
            ("$reason", passage.OutOfWindowReason),
            ("$corrects", passage.Corrects),
            ("$seq", entry.Sequence));
        foreach (var cell in passage.Counts)
        {
            session.Execute(
                "INSERT INTO passage_counts (passage_id, category, sex, age_band, count) VALUES ($id, $category, $sex, $age, $count)",
                ("$id", passage.PassageId),
                ("$category", cell.Category.Name()),
                ("$sex", cell.Sex.Name()),
                ("$age", cell.AgeBand.Name()),
                ("$count", cell.Count));
        }

        Add(session, passage.CorridorId, passage.Direction.Name(), passage.OccurredAt.ToUnixTimeMilliseconds(), passage.OutOfWindow, passage.Counts.Select(c => (c.Category.Name(), c.Sex.Name(), c.AgeBand.Name(), (long)c.Count)).ToList(), sign: 1);
    }

    /// <summary>Takes a corrected passage's people back out of the flow and marks it superseded.</summary>
    private static void Withdraw(SqlSession session, Guid corrected, Guid by)
    {
        var old = session.Single(
            "SELECT corridor_id, direction, occurred_at, out_of_window FROM passages WHERE passage_id = $id",
            row => new { Corridor = Guid.Parse(row.GetString(0)), Direction = row.GetString(1), At = row.GetInt64(2), OutOfWindow = row.GetInt64(3) != 0 },
            ("$id", corrected)) ?? throw new InvalidOperationException($"passage {corrected} to correct is not in the projection");
        var cells = session.Query(
            "SELECT category, sex, age_band, count FROM passage_counts WHERE passage_id = $id",
            row => (row.GetString(0), row.GetString(1), row.GetString(2), row.GetInt64(3)),
            ("$id", corrected));
        Add(session, old.Corridor, old.Direction, old.At, old.OutOfWindow, cells, sign: -1);
        session.Execute("UPDATE passages SET superseded_by = $by WHERE passage_id = $id", ("$by", by), ("$id", corrected));
    }

    private static void Add(SqlSession session, Guid corridor, string direction, long occurredAtMs, bool outOfWindow, List<(string Category, string Sex, string Age, long Count)> cells, int sign)
    {
        var people = cells.Sum(c => c.Count) * sign;
        session.Execute(
            "INSERT INTO corridor_flow_hourly (corridor_id, hour_start, direction, people, out_of_window_people, passages) VALUES ($corridor, $hour, $direction, $people, $oow, $passages) " +
            "ON CONFLICT (corridor_id, hour_start, direction) DO UPDATE SET people = corridor_flow_hourly.people + excluded.people, out_of_window_people = corridor_flow_hourly.out_of_window_people + excluded.out_of_window_people, passages = corridor_flow_hourly.passages + excluded.passages",
            ("$corridor", corridor),
            ("$hour", occurredAtMs - (((occurredAtMs % HourMs) + HourMs) % HourMs)),
            ("$direction", direction),
            ("$people", people),
            ("$oow", outOfWindow ? people : 0),
            ("$passages", sign));
        foreach (var (category, sex, age, count) in cells)
        {
            session.Execute(
                "INSERT INTO corridor_flow_totals (corridor_id, direction, category, sex, age_band, people) VALUES ($corridor, $direction, $category, $sex, $age, $people) " +
                "ON CONFLICT (corridor_id, direction, category, sex, age_band) DO UPDATE SET people = corridor_flow_totals.people + excluded.people",
                ("$corridor", corridor),
                ("$direction", direction),
                ("$category", category),
                ("$sex", sex),
                ("$age", age),
                ("$people", count * sign));
        }
    }

    /// <summary>Every passage of an operation that has not been corrected, with its tally, in time order.</summary>
    public static List<PassageRecord> Current(SqlSession session, OperationId operation)
    {
        var cells = new Dictionary<Guid, List<PassageCount>>();
        using (var reader = session.Command(
            "SELECT c.passage_id, c.category, c.sex, c.age_band, c.count FROM passage_counts c JOIN passages p ON p.passage_id = c.passage_id WHERE p.operation_id = $op AND p.superseded_by IS NULL ORDER BY c.passage_id, c.category, c.sex, c.age_band",
            ("$op", operation.Value)).ExecuteReader())
        {
            while (reader.Read())
            {
                var id = Guid.Parse(reader.GetString(0));
                if (!cells.TryGetValue(id, out var list))
                {
                    cells[id] = list = [];
                }

                list.Add(new PassageCount(CorridorNames.Categories[reader.GetString(1)], PassageNames.Sexes[reader.GetString(2)], PassageNames.AgeBands[reader.GetString(3)], reader.GetInt32(4)));
            }
        }

        return session.Query(
            "SELECT passage_id, corridor_id, checkpoint_id, direction, occurred_at, out_of_window, out_of_window_reason, corrects, vehicles, medical_evacuations, weapons_handed_in FROM passages " +
            "WHERE operation_id = $op AND superseded_by IS NULL ORDER BY occurred_at, recorded_seq",
            row =>
            {
                var id = Guid.Parse(row.GetString(0));
                return new PassageRecord(
                    new PassageId(id),
                    new CorridorId(Guid.Parse(row.GetString(1))),
                    new SiteId(Guid.Parse(row.GetString(2))),
                    PassageNames.Directions[row.GetString(3)],
                    DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(4)),
                    cells.GetValueOrDefault(id) ?? [],
                    row.GetInt64(5) != 0,
                    row.IsDBNull(6) ? null : row.GetString(6),
                    row.IsDBNull(7) ? null : Guid.Parse(row.GetString(7)),
                    row.IsDBNull(8) ? null : row.GetInt32(8),
                    row.IsDBNull(9) ? null : row.GetInt32(9),
                    row.IsDBNull(10) ? null : row.GetInt32(10));
            },
            ("$op", operation.Value));
    }

    /// <summary>A passage of <paramref name="operation"/>; another operation's passage is not found.</summary>
    public static Passage? Find(SqlSession session, OperationId operation, PassageId id) => session.Single(
        "SELECT passage_id, corridor_id, checkpoint_id, superseded_by FROM passages WHERE passage_id = $id AND operation_id = $op",
        row => new Passage(new PassageId(Guid.Parse(row.GetString(0))), new CorridorId(Guid.Parse(row.GetString(1))), new SiteId(Guid.Parse(row.GetString(2))), row.IsDBNull(3) ? null : Guid.Parse(row.GetString(3))),
        ("$id", id.Value),
        ("$op", operation.Value));

    /// <summary>The hourly flow of a corridor from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public static List<HourlyFlow> Hourly(SqlSession session, CorridorId corridor, DateTimeOffset from, DateTimeOffset to) => session.Query(
        "SELECT hour_start, direction, people, out_of_window_people, passages FROM corridor_flow_hourly WHERE corridor_id = $corridor AND hour_start >= $from AND hour_start < $to ORDER BY hour_start, direction",
        row => new HourlyFlow(corridor, DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(0)), PassageNames.Directions[row.GetString(1)], row.GetInt64(2), row.GetInt64(3), row.GetInt64(4)),
        ("$corridor", corridor.Value),
        ("$from", from.ToUnixTimeMilliseconds()),
        ("$to", to.ToUnixTimeMilliseconds()));

    public static List<FlowCell> Totals(SqlSession session, CorridorId corridor) => session.Query(
        "SELECT direction, category, sex, age_band, people FROM corridor_flow_totals WHERE corridor_id = $corridor AND people <> 0 ORDER BY direction, category, sex, age_band",
        row => new FlowCell(PassageNames.Directions[row.GetString(0)], CorridorNames.Categories[row.GetString(1)], PassageNames.Sexes[row.GetString(2)], PassageNames.AgeBands[row.GetString(3)], row.GetInt64(4)),
        ("$corridor", corridor.Value));
}
