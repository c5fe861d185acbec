using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Log.Chain;
using Lifeline.Storage.Database;
using Lifeline.Storage.Projections;
using NodaTime;

namespace Lifeline.Storage.Corridors;

/// <summary>A status change as recorded: from, to, why, on whose authority, who recorded it and when it happened.</summary>
public sealed record CorridorStatusRecord(long Sequence, CorridorStatus From, CorridorStatus To, string Reason, string Authority, string Actor, DateTimeOffset OccurredAt);

/// <summary>Corridors, their status history and their opening windows.</summary>
public sealed class CorridorsProjection : IProjection
{
    public int Version => 1;

    private const string Columns = "corridor_id, operation_id, name, route, checkpoints, categories, capacity_per_hour, authority, directions, status";
    private const string WindowColumns = "window_id, corridor_id, first_day, last_day, daily_from, daily_to, start_local, end_local, pause_id, cancelled, version";

    public IReadOnlyList<string> Tables { get; } = ["corridors", "corridor_status_changes", "corridor_windows"];

    public void Create(SqlSession session) => session.Execute("""
        CREATE TABLE IF NOT EXISTS corridors (
            corridor_id       TEXT PRIMARY KEY,
            operation_id      TEXT NOT NULL,
            name              TEXT NOT NULL,
            name_key          TEXT NOT NULL,
            route             TEXT NOT NULL,
            checkpoints       TEXT NOT NULL,
            categories        TEXT NOT NULL,
            capacity_per_hour INTEGER,
            authority         TEXT NOT NULL,
            directions        TEXT NOT NULL,
            status            TEXT NOT NULL,
            defined_seq       INTEGER NOT NULL,
            updated_seq       INTEGER NOT NULL,
            UNIQUE (operation_id, name_key)
        );
        CREATE INDEX IF NOT EXISTS corridors_by_operation ON corridors (operation_id, defined_seq);
        CREATE TABLE IF NOT EXISTS corridor_status_changes (
            corridor_id  TEXT NOT NULL,
            sequence     INTEGER NOT NULL,
            from_status  TEXT NOT NULL,
            to_status    TEXT NOT NULL,
            reason       TEXT NOT NULL,
            authority    TEXT NOT NULL,
            actor        TEXT NOT NULL,
            occurred_at  INTEGER NOT NULL,
            PRIMARY KEY (corridor_id, sequence)
        );
        CREATE TABLE IF NOT EXISTS corridor_windows (
            window_id     TEXT PRIMARY KEY,
            corridor_id   TEXT NOT NULL,
            operation_id  TEXT NOT NULL,
            first_day     TEXT,
            last_day      TEXT,
            daily_from    TEXT,
            daily_to      TEXT,
            start_local   TEXT,
            end_local     TEXT,
            pause_id      TEXT,
            reason        TEXT NOT NULL,
            cancelled     INTEGER NOT NULL,
            cancel_reason TEXT,
            version       INTEGER NOT NULL,
            scheduled_seq INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS corridor_windows_by_corridor ON corridor_windows (corridor_id, scheduled_seq);
        """);

    public void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent)
    {
        switch (domainEvent)
        {
            case CorridorDefined defined:
                session.Execute(
                    $"INSERT INTO corridors ({Columns}, name_key, defined_seq, updated_seq) VALUES ($id, $op, $name, $route, $checkpoints, $categories, $capacity, $authority, $directions, $status, $key, $seq, $seq)",
                    ("$id", defined.CorridorId),
                    ("$op", defined.OperationId),
                    ("$name", defined.Name),
                    ("$route", JsonSerializer.Serialize(defined.Route, EventJson.Options)),
                    ("$checkpoints", JsonSerializer.Serialize(defined.Checkpoints, EventJson.Options)),
                    ("$categories", JsonSerializer.Serialize(defined.Categories, EventJson.Options)),
                    ("$capacity", defined.CapacityPerHour),
                    ("$authority", defined.Authority),
                    ("$directions", defined.Directions.Name()),
                    ("$status", CorridorStatus.Planned.Name()),
                    ("$key", NameKey.Of(defined.Name)),
                    ("$seq", entry.Sequence));
                break;
            case CorridorStatusChanged changed:
                session.Execute(
                    "UPDATE corridors SET status = $status, updated_seq = $seq WHERE corridor_id = $id",
                    ("$status", changed.To.Name()),
                    ("$seq", entry.Sequence),
                    ("$id", changed.CorridorId));
                session.Execute(
                    "INSERT INTO corridor_status_changes (corridor_id, sequence, from_status, to_status, reason, authority, actor, occurred_at) VALUES ($id, $seq, $from, $to, $reason, $authority, $actor, $at)",
                    ("$id", changed.CorridorId),
                    ("$seq", entry.Sequence),
                    ("$from", changed.From.Name()),
                    ("$to", changed.To.Name()),
                    ("$reason", changed.Reason),
                    ("$authority", changed.Authority),
                    ("$actor", entry.Actor),
                    ("$at", entry.OccurredAt.ToUnixTimeMilliseconds()));
                break;
            case WindowScheduled scheduled:
                session.Execute(
                    $"INSERT INTO corridor_windows ({WindowColumns}, operation_id, reason, scheduled_seq) VALUES ($id, $corridor, $first, $last, $from, $to, $start, $end, $pause, 0, $version, $op, $reason, $seq)",
                    ("$id", scheduled.WindowId),
                    ("$corridor", scheduled.CorridorId),
                    ("$first", scheduled.FirstDay),
                    ("$last", scheduled.LastDay),
                    ("$from", scheduled.DailyFrom?.ToString("HH:mm", CultureInfo.InvariantCulture)),
                    ("$to", scheduled.DailyTo?.ToString("HH:mm", CultureInfo.InvariantCulture)),
                    ("$start", scheduled.Start?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)),
                    ("$end", scheduled.End?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)),
                    ("$pause", scheduled.PauseId),
                    ("$version", entry.StreamVersion),
                    ("$op", scheduled.OperationId),
                    ("$reason", scheduled.Reason),
                    ("$seq", entry.Sequence));
                break;
            case WindowCancelled cancelled:
                session.Execute(
                    "UPDATE corridor_windows SET cancelled = 1, cancel_reason = $reason, version = $version WHERE window_id = $id",
                    ("$reason", cancelled.Reason),
                    ("$version", entry.StreamVersion),
                    ("$id", cancelled.WindowId));
                break;
        }
    }

    public static Corridor? Find(SqlSession session, OperationId operation, CorridorId id) =>
        session.Single($"SELECT {Columns} FROM corridors WHERE operation_id = $op AND corridor_id = $id", Read, ("$op", operation.Value), ("$id", id.Value));

    public static Corridor? FindByName(SqlSession session, OperationId operation, string name) =>
        session.Single($"SELECT {Columns} FROM corridors WHERE operation_id = $op AND name_key = $key", Read, ("$op", operation.Value), ("$key", NameKey.Of(name)));

    public static List<Corridor> List(SqlSession session, OperationId operation) =>
        session.Query($"SELECT {Columns} FROM corridors WHERE operation_id = $op ORDER BY defined_seq", Read, ("$op", operation.Value));

    public static List<CorridorStatusRecord> History(SqlSession session, CorridorId id) => session.Query(
        "SELECT sequence, from_status, to_status, reason, authority, actor, occurred_at FROM corridor_status_changes WHERE corridor_id = $id ORDER BY sequence",
        row => new CorridorStatusRecord(
            row.GetInt64(0),
            CorridorNames.Statuses[row.GetString(1)],
            CorridorNames.Statuses[row.GetString(2)],
            row.GetString(3),
            row.GetString(4),
            row.GetString(5),
            DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(6))),
        ("$id", id.Value));

    /// <summary>The status history as instants, for "is it open at T".</summary>
    public static List<StatusChange> StatusChanges(SqlSession session, CorridorId id) =>
        History(session, id).Select(change => new StatusChange(change.To, Instant.FromDateTimeOffset(change.OccurredAt))).ToList();

    public static List<OpeningWindow> Windows(SqlSession session, CorridorId id) =>
        session.Query($"SELECT {WindowColumns} FROM corridor_windows WHERE corridor_id = $id ORDER BY scheduled_seq", ReadWindow, ("$id", id.Value));

    /// <summary>A window of <paramref name="operation"/>; another operation's window is not found.</summary>
    public static OpeningWindow? FindWindow(SqlSession session, OperationId operation, WindowId id) =>
        session.Single($"SELECT {WindowColumns} FROM corridor_windows WHERE window_id = $id AND operation_id = $op", ReadWindow, ("$id", id.Value), ("$op", operation.Value));

    private static Corridor Read(DbDataReader row) => new(
        new CorridorId(Guid.Parse(row.GetString(0))),
        new OperationId(Guid.Parse(row.GetString(1))),
        row.GetString(2),
        GeoLine.FromRecorded(JsonSerializer.Deserialize<double[][]>(row.GetString(3), EventJson.Options)!),
        JsonSerializer.Deserialize<Guid[]>(row.GetString(4), EventJson.Options)!.Select(id => new SiteId(id)).ToList(),
        JsonSerializer.Deserialize<PersonCategory[]>(row.GetString(5), EventJson.Options)!,
        row.IsDBNull(6) ? null : row.GetInt32(6),
        row.GetString(7),
        CorridorNames.Directions[row.GetString(8)],
        CorridorNames.Statuses[row.GetString(9)]);

    private static OpeningWindow ReadWindow(DbDataReader row)
    {
        WindowSchedule schedule = row.IsDBNull(6)
            ? new WindowSchedule.Daily(
                LocalDate.FromDateOnly(DateOnly.ParseExact(row.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture)),
                row.IsDBNull(3) ? null : LocalDate.FromDateOnly(DateOnly.ParseExact(row.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture)),
                LocalTime.FromTimeOnly(TimeOnly.ParseExact(row.GetString(4), "HH:mm", CultureInfo.InvariantCulture)),
                LocalTime.FromTimeOnly(TimeOnly.ParseExact(row.GetString(5), "HH:mm", CultureInfo.InvariantCulture)))
            : new WindowSchedule.Once(
                LocalDateTime.FromDateTime(DateTime.ParseExact(row.GetString(6), "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)),
                LocalDateTime.FromDateTime(DateTime.ParseExact(row.GetString(7), "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)));
        return new OpeningWindow(
            new WindowId(Guid.Parse(row.GetString(0))),
            new CorridorId(Guid.Parse(row.GetString(1))),
            schedule,
            row.IsDBNull(8) ? null : Guid.Parse(row.GetString(8)),
            row.GetInt64(9) != 0,
            row.GetInt32(10));
    }
}
