using System.Data.Common;
using System.Text.Json;
using Lifeline.Domain.Commodities;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Log.Chain;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Projections;

namespace Lifeline.Storage.Movements;

/// <summary>A status a movement went through, when, why and who recorded it.</summary>
public sealed record MovementStatusRecord(MovementStatus From, MovementStatus To, string Reason, DateTimeOffset OccurredAt, string Actor);

/// <summary>When a movement departed, arrived, was delivered or lost, as far as it got.</summary>
public sealed record MovementTimes(DateTimeOffset? DepartedAt, DateTimeOffset? ArrivedAt, DateTimeOffset? DeliveredAt, Guid? LostIncidentId);

/// <summary>
/// Movements with their status history and proofs of delivery, and the per-day tonnage table the situation
/// report reads: mass dispatched, delivered, damaged, short, over and lost per local day, commodity category and
/// mode, in grams, so that a report over a million entries sums a few hundred rows.
/// </summary>
public sealed class MovementsProjection : IProjection
{
    public int Version => 1;

    private const string Columns = "movement_id, operation_id, mode, origin_site_id, destination_site_id, planned_departure, corridor_id, route, crew, vehicles, derating, status";

    public IReadOnlyList<string> Tables { get; } = ["movements", "movement_status_history", "delivery_lines", "logistics_daily", "movement_status_daily"];

    public void Create(SqlSession session) => session.Execute("""
        CREATE TABLE IF NOT EXISTS movements (
            movement_id         TEXT PRIMARY KEY,
            operation_id        TEXT NOT NULL,
            mode                TEXT NOT NULL,
            origin_site_id      TEXT NOT NULL,
            destination_site_id TEXT NOT NULL,
            planned_departure   BIGINT NOT NULL,
            planned_day         TEXT NOT NULL,
            corridor_id         TEXT,
            route               TEXT NOT NULL,
            crew                INTEGER NOT NULL,
            vehicles            TEXT NOT NULL,
            derating            TEXT,
            status              TEXT NOT NULL,
            departed_at         BIGINT,
            arrived_at          BIGINT,
            delivered_at        BIGINT,
            lost_incident_id    TEXT,
            planned_seq         BIGINT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS movements_by_day ON movements (operation_id, planned_day);
        CREATE TABLE IF NOT EXISTS movement_status_history (
            movement_id TEXT NOT NULL,
            sequence    BIGINT NOT NULL,
            from_status TEXT NOT NULL,
            to_status   TEXT NOT NULL,
            reason      TEXT NOT NULL,
            occurred_at BIGINT NOT NULL,
            actor       TEXT NOT NULL,
            PRIMARY KEY (movement_id, sequence)
        );
        CREATE TABLE IF NOT EXISTS delivery_lines (
            movement_id  TEXT NOT NULL,
            manifest_id  TEXT NOT NULL,
            line         INTEGER NOT NULL,
            commodity_id TEXT NOT NULL,
            lot          TEXT NOT NULL,
            departed     BIGINT NOT NULL,
            received     BIGINT NOT NULL,
            damaged      BIGINT NOT NULL,
            short        BIGINT NOT NULL,
            over         BIGINT NOT NULL,
            reason       TEXT NOT NULL,
            PRIMARY KEY (movement_id, manifest_id, line)
        );
        CREATE TABLE IF NOT EXISTS logistics_daily (
            operation_id   TEXT NOT NULL,
            day            TEXT NOT NULL,
            category       TEXT NOT NULL,
            mode           TEXT NOT NULL,
            dispatched_g   BIGINT NOT NULL,
            delivered_g    BIGINT NOT NULL,
            damaged_g      BIGINT NOT NULL,
            short_g        BIGINT NOT NULL,
            over_g         BIGINT NOT NULL,
            lost_g         BIGINT NOT NULL,
            cleared_g      BIGINT NOT NULL,
            kcal_delivered BIGINT NOT NULL,
            PRIMARY KEY (operation_id, day, category, mode)
        );
        CREATE TABLE IF NOT EXISTS movement_status_daily (
            operation_id TEXT NOT NULL,
            planned_day  TEXT NOT NULL,
            status       TEXT NOT NULL,
            movements    BIGINT NOT NULL,
            PRIMARY KEY (operation_id, planned_day, status)
        );
        """);

    public void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent)
    {
        switch (domainEvent)
        {
            case MovementPlanned planned:
                session.Execute(
                    $"INSERT INTO movements ({Columns}, planned_day, planned_seq) VALUES ($id, $op, $mode, $origin, $destination, $planned, $corridor, $route, $crew, $vehicles, $derating, $status, $day, $seq)",
                    ("$id", planned.MovementId),
                    ("$op", planned.OperationId),
                    ("$mode", planned.Mode.Name()),
                    ("$origin", planned.OriginSiteId),
                    ("$destination", planned.DestinationSiteId),
                    ("$planned", planned.PlannedDeparture.ToUnixTimeMilliseconds()),
                    ("$corridor", planned.CorridorId),
                    ("$route", planned.Route),
                    ("$crew", planned.Crew),
                    ("$vehicles", JsonSerializer.Serialize(planned.Vehicles, EventJson.Options)),
                    ("$derating", planned.Derating is null ? null : JsonSerializer.Serialize(planned.Derating, EventJson.Options)),
                    ("$status", MovementStatus.Planned.Name()),
                    ("$day", OperationsProjection.LocalDate(session, planned.OperationId, planned.PlannedDeparture)),
                    ("$seq", entry.Sequence));
                History(session, entry, planned.MovementId, MovementStatus.Planned, MovementStatus.Planned, "planned");
                Count(session, planned.OperationId, OperationsProjection.LocalDate(session, planned.OperationId, planned.PlannedDeparture), MovementStatus.Planned, 1);
                break;
            case MovementStatusChanged changed:
                Status(session, entry, changed.MovementId, changed.From, changed.To, changed.Reason, changed.To == MovementStatus.Arrived ? "arrived_at" : null);
                break;
            case MovementDeparted departed:
                Status(session, entry, departed.MovementId, MovementStatus.Loading, MovementStatus.Departed, "departed; manifests sealed", "departed_at");
                var mode = Mode(session, departed.MovementId);
                foreach (var line in departed.Cargo)
                {
                    var commodity = CommoditiesProjection.Known(session, line.CommodityId);
                    Tonnage(session, entry, departed.OperationId, commodity, mode, dispatched: Grams(line.Quantity, commodity));
                }

                break;
            case DeliveryRecorded delivered:
                Status(session, entry, delivered.MovementId, MovementStatus.Arrived, MovementStatus.Delivered, "proof of delivery", "delivered_at");
                var deliveredMode = Mode(session, delivered.MovementId);
                foreach (var line in delivered.Lines)
                {
                    var commodity = CommoditiesProjection.Known(session, line.CommodityId);
                    var received = Grams(line.Received, commodity);
                    session.Execute(
                        "INSERT INTO delivery_lines (movement_id, manifest_id, line, commodity_id, lot, departed, received, damaged, short, over, reason) VALUES ($movement, $manifest, $line, $commodity, $lot, $departed, $received, $damaged, $short, $over, $reason)",
                        ("$movement", delivered.MovementId),
                        ("$manifest", line.ManifestId),
                        ("$line", line.Line),
                        ("$commodity", line.CommodityId),
                        ("$lot", line.Lot),
                        ("$departed", Thousandths(line.Departed)),
                        ("$received", Thousandths(line.Received)),
                        ("$damaged", Thousandths(line.Damaged)),
                        ("$short", Thousandths(line.Short)),
                        ("$over", Thousandths(line.Over)),
                        ("$reason", line.Reason));
                    Tonnage(
                        session,
                        entry,
                        delivered.OperationId,
                        commodity,
                        deliveredMode,
                        delivered: received,
                        damaged: Grams(line.Damaged, commodity),
                        shortBy: Grams(line.Short, commodity),
                        over: Grams(line.Over, commodity),
                        cleared: Grams(line.Departed, commodity),
                        kcal: commodity.KcalPerKg is { } kcal ? (long)decimal.Round(received / 1000m * kcal) : 0);
                }

                break;
            case MovementLost lost:
                var from = Find(session, lost.MovementId)!.Status;
                Status(session, entry, lost.MovementId, from, MovementStatus.Lost, $"lost (incident {lost.IncidentId})", null);
                session.Execute("UPDATE movements SET lost_incident_id = $incident WHERE movement_id = $id", ("$incident", lost.IncidentId), ("$id", lost.MovementId));
                var lostMode = Mode(session, lost.MovementId);
                foreach (var line in lost.WrittenOff)
                {
                    var commodity = CommoditiesProjection.Known(session, line.CommodityId);
                    var grams = Grams(line.Quantity, commodity);
                    Tonnage(session, entry, lost.OperationId, commodity, lostMode, lost: grams, cleared: grams);
                }

                break;
        }
    }

    /// <summary>The mass of a quantity in grams: thousandths of a unit times kilograms per unit.</summary>
    public static long Grams(decimal quantity, Commodity commodity) => (long)decimal.Round(quantity * commodity.MassPerUnit.Kilograms * 1000m);

    private static long Thousandths(decimal quantity) => Quantity.FromUnits(quantity)!.Value.Thousandths;

    private static string Mode(SqlSession session, Guid movement) =>
        session.Scalar<string>("SELECT mode FROM movements WHERE movement_id = $id", ("$id", movement))!;

    private static void Status(SqlSession session, LogEntry entry, Guid movement, MovementStatus from, MovementStatus to, string reason, string? timeColumn)
    {
        var (operation, day) = session.Single(
            "SELECT operation_id, planned_day FROM movements WHERE movement_id = $id",
            row => new Tuple<Guid, DateOnly>(Guid.Parse(row.GetString(0)), DateOnly.ParseExact(row.GetString(1), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("$id", movement))!;
        Count(session, operation, day, from, -1);
        Count(session, operation, day, to, 1);
        session.Execute("UPDATE movements SET status = $status WHERE movement_id = $id", ("$status", to.Name()), ("$id", movement));
        if (timeColumn is not null)
        {
            session.Execute($"UPDATE movements SET {timeColumn} = $at WHERE movement_id = $id", ("$at", entry.OccurredAt.ToUnixTimeMilliseconds()), ("$id", movement));
        }

        History(session, entry, movement, from, to, reason);
    }

    /// <summary>Keeps the count of movements per planned day and status, so reports need not count movements one by one.</summary>
    private static void Count(SqlSession session, Guid operation, DateOnly day, MovementStatus status, int change) => session.Execute(
        "INSERT INTO movement_status_daily (operation_id, planned_day, status, movements) VALUES ($op, $day, $status, $change) " +
        "ON CONFLICT (operation_id, planned_day, status) DO UPDATE SET movements = movement_status_daily.movements + excluded.movements",
        ("$op", operation),
        ("$day", day),
        ("$status", status.Name()),
        ("$change", change));

    /// <summary>How many movements planned between two local days (inclusive) are in each status now.</summary>
    public static List<(MovementStatus Status, int Movements)> StatusCounts(SqlSession session, OperationId operation, DateOnly from, DateOnly to) => session.Query(
        "SELECT status, sum(movements) FROM movement_status_daily WHERE operation_id = $op AND planned_day >= $from AND planned_day <= $to GROUP BY status HAVING sum(movements) > 0 ORDER BY status",
        row => (MovementNames.Statuses[row.GetString(0)], (int)row.GetInt64(1)),
        ("$op", operation.Value),
        ("$from", from),
        ("$to", to));

    private static void History(SqlSession session, LogEntry entry, Guid movement, MovementStatus from, MovementStatus to, string reason) => session.Execute(
        "INSERT INTO movement_status_history (movement_id, sequence, from_status, to_status, reason, occurred_at, actor) VALUES ($id, $seq, $from, $to, $reason, $at, $actor)",
        ("$id", movement),
        ("$seq", entry.Sequence),
        ("$from", from.Name()),
        ("$to", to.Name()),
        ("$reason", reason),
        ("$at", entry.OccurredAt.ToUnixTimeMilliseconds()),
        ("$actor", entry.Actor));

    private static readonly string TonnageSql =
        "INSERT INTO logistics_daily (operation_id, day, category, mode, dispatched_g, delivered_g, damaged_g, short_g, over_g, lost_g, cleared_g, kcal_delivered) " +
        "VALUES ($op, $day, $category, $mode, $dispatched, $delivered, $damaged, $short, $over, $lost, $cleared, $kcal) " +
        "ON CONFLICT (operation_id, day, category, mode) DO UPDATE SET " +
        string.Join(", ", new[] { "dispatched_g", "delivered_g", "damaged_g", "short_g", "over_g", "lost_g", "cleared_g", "kcal_delivered" }
            .Select(column => $"{column} = {CheckedSums.Add($"logistics_daily.{column}", $"excluded.{column}")}"));

    private static void Tonnage(SqlSession session, LogEntry entry, Guid operation, Commodity commodity, string mode, long dispatched = 0, long delivered = 0, long damaged = 0, long shortBy = 0, long over = 0, long lost = 0, long cleared = 0, long kcal = 0) => session.Execute(
        TonnageSql,
        ("$op", operation),
        ("$day", OperationsProjection.LocalDate(session, operation, entry.OccurredAt)),
        ("$category", commodity.Category.Name()),
        ("$mode", mode),
        ("$dispatched", dispatched),
        ("$delivered", delivered),
        ("$damaged", damaged),
        ("$short", shortBy),
        ("$over", over),
        ("$lost", lost),
        ("$cleared", cleared),
        ("$kcal", kcal));

    public static Movement? Find(SqlSession session, OperationId operation, MovementId id) =>
        session.Single($"SELECT {Columns} FROM movements WHERE operation_id = $op AND movement_id = $id", Read, ("$op", operation.Value), ("$id", id.Value));

    private static Movement? Find(SqlSession session, Guid id) =>
        session.Single($"SELECT {Columns} FROM movements WHERE movement_id = $id", Read, ("$id", id));

    /// <summary>Movements planned to depart between two local days (inclusive), or all, in planned order.</summary>
    public static List<Movement> List(SqlSession session, OperationId operation, DateOnly? from = null, DateOnly? to = null, MovementStatus? status = null) => session.Query(
        $"SELECT {Columns} FROM movements WHERE operation_id = $op AND (CAST($from AS TEXT) IS NULL OR planned_day >= $from) AND (CAST($to AS TEXT) IS NULL OR planned_day <= $to) AND (CAST($status AS TEXT) IS NULL OR status = $status) ORDER BY planned_departure, planned_seq",
        Read,
        ("$op", operation.Value),
        ("$from", from),
        ("$to", to),
        ("$status", status?.Name()));

    public static MovementTimes Times(SqlSession session, MovementId id) => session.Single(
        "SELECT departed_at, arrived_at, delivered_at, lost_incident_id FROM movements WHERE movement_id = $id",
        row => new MovementTimes(Time(row, 0), Time(row, 1), Time(row, 2), row.IsDBNull(3) ? null : Guid.Parse(row.GetString(3))),
        ("$id", id.Value)) ?? new MovementTimes(null, null, null, null);

    public static List<MovementStatusRecord> History(SqlSession session, MovementId id) => session.Query(
        "SELECT from_status, to_status, reason, occurred_at, actor FROM movement_status_history WHERE movement_id = $id ORDER BY sequence",
        row => new MovementStatusRecord(MovementNames.Statuses[row.GetString(0)], MovementNames.Statuses[row.GetString(1)], row.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(3)), row.GetString(4)),
        ("$id", id.Value));

    public static List<DeliveredLine> Delivery(SqlSession session, MovementId id) => session.Query(
        "SELECT manifest_id, line, commodity_id, lot, departed, received, damaged, short, over, reason FROM delivery_lines WHERE movement_id = $id ORDER BY manifest_id, line",
        row => new DeliveredLine(
            Guid.Parse(row.GetString(0)),
            row.GetInt32(1),
            Guid.Parse(row.GetString(2)),
            row.GetString(3),
            null,
            Quantity.FromThousandths(row.GetInt64(4)).Units,
            Quantity.FromThousandths(row.GetInt64(5)).Units,
            Quantity.FromThousandths(row.GetInt64(6)).Units,
            Quantity.FromThousandths(row.GetInt64(7)).Units,
            Quantity.FromThousandths(row.GetInt64(8)).Units,
            row.GetString(9)),
        ("$id", id.Value));

    private static DateTimeOffset? Time(DbDataReader row, int column) => row.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(column));

    private static Movement Read(DbDataReader row) => new(
        new MovementId(Guid.Parse(row.GetString(0))),
        new OperationId(Guid.Parse(row.GetString(1))),
        MovementNames.Modes[row.GetString(2)],
        new SiteId(Guid.Parse(row.GetString(3))),
        new SiteId(Guid.Parse(row.GetString(4))),
        DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(5)),
        row.IsDBNull(6) ? null : new CorridorId(Guid.Parse(row.GetString(6))),
        row.GetString(7),
        row.GetInt32(8),
        JsonSerializer.Deserialize<MovementVehicle[]>(row.GetString(9), EventJson.Options)!,
        row.IsDBNull(10) ? null : JsonSerializer.Deserialize<SortieDerating>(row.GetString(10), EventJson.Options),
        MovementNames.Statuses[row.GetString(11)]);
}
