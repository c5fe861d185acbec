using System.Data.Common;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Log.Chain;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Projections;

namespace Lifeline.Storage.Stock;

/// <summary>One line of the stock ledger: a signed change of one lot at one site, and why.</summary>
public sealed record LedgerLine(long Sequence, SiteId SiteId, CommodityId CommodityId, string Lot, Quantity Change, string Kind, Guid? MovementId, string Reason, DateTimeOffset OccurredAt);

/// <summary>Stock on hand of one commodity at one site, all lots together, with the site's daily need if known.</summary>
public sealed record SiteStock(SiteId SiteId, CommodityId CommodityId, Quantity OnHand, Quantity? DailyNeed);

/// <summary>
/// The stock ledger: every change per site, commodity and lot, the balance of each lot, a per-day net change for
/// reports as of any date, and the cargo in transit, owned by its movement from departure to delivery or loss.
/// Quantities are stored in thousandths of the commodity's unit, as 64-bit integers, so sums are exact.
/// </summary>
public sealed class StockProjection : IProjection
{
    public int Version => 1;

    private const string LotColumns = "site_id, commodity_id, lot, expiry, on_hand, quarantined, quarantine_reason";

    // Built once: every stock entry runs them, and the session finds its prepared statement by the text.
    private static readonly string ReceiveSql =
        "INSERT INTO stock_lots (operation_id, site_id, commodity_id, lot, expiry, on_hand, quarantined) VALUES ($op, $site, $commodity, $lot, $expiry, $change, 0) " +
        $"ON CONFLICT (site_id, commodity_id, lot) DO UPDATE SET on_hand = {CheckedSums.Add("stock_lots.on_hand", "excluded.on_hand")}";

    private static readonly string DailySql =
        "INSERT INTO stock_daily (operation_id, site_id, commodity_id, day, change) VALUES ($op, $site, $commodity, $day, $change) " +
        $"ON CONFLICT (operation_id, site_id, commodity_id, day) DO UPDATE SET change = {CheckedSums.AddSigned("stock_daily.change", "excluded.change")}";

    public IReadOnlyList<string> Tables { get; } = ["stock_lots", "stock_ledger", "stock_daily", "stock_daily_needs", "stock_in_transit"];

    public void Create(SqlSession session) => session.Execute("""
        CREATE TABLE IF NOT EXISTS stock_lots (
            operation_id      TEXT NOT NULL,
            site_id           TEXT NOT NULL,
            commodity_id      TEXT NOT NULL,
            lot               TEXT NOT NULL,
            expiry            TEXT,
            on_hand           BIGINT NOT NULL CHECK (on_hand >= 0),
            quarantined       INTEGER NOT NULL,
            quarantine_reason TEXT,
            PRIMARY KEY (site_id, commodity_id, lot)
        );
        CREATE TABLE IF NOT EXISTS stock_ledger (
            operation_id TEXT NOT NULL,
            sequence     BIGINT NOT NULL,
            line         INTEGER NOT NULL,
            site_id      TEXT NOT NULL,
            commodity_id TEXT NOT NULL,
            lot          TEXT NOT NULL,
            change       BIGINT NOT NULL,
            kind         TEXT NOT NULL,
            movement_id  TEXT,
            reason       TEXT NOT NULL,
            occurred_at  BIGINT NOT NULL,
            PRIMARY KEY (operation_id, sequence, line)
        );
        CREATE INDEX IF NOT EXISTS stock_ledger_by_lot ON stock_ledger (site_id, commodity_id, lot, sequence);
        CREATE TABLE IF NOT EXISTS stock_daily (
            operation_id TEXT NOT NULL,
            site_id      TEXT NOT NULL,
            commodity_id TEXT NOT NULL,
            day          TEXT NOT NULL,
            change       BIGINT NOT NULL,
            PRIMARY KEY (operation_id, site_id, commodity_id, day)
        );
        CREATE TABLE IF NOT EXISTS stock_daily_needs (
            operation_id TEXT NOT NULL,
            site_id      TEXT NOT NULL,
            commodity_id TEXT NOT NULL,
            per_day      BIGINT NOT NULL,
            PRIMARY KEY (site_id, commodity_id)
        );
        CREATE TABLE IF NOT EXISTS stock_in_transit (
            operation_id   TEXT NOT NULL,
            movement_id    TEXT NOT NULL,
            manifest_id    TEXT NOT NULL,
            line           INTEGER NOT NULL,
            origin_site_id TEXT NOT NULL,
            commodity_id   TEXT NOT NULL,
            lot            TEXT NOT NULL,
            expiry         TEXT,
            quantity       BIGINT NOT NULL,
            PRIMARY KEY (movement_id, manifest_id, line)
        );
        CREATE INDEX IF NOT EXISTS stock_in_transit_by_operation ON stock_in_transit (operation_id);
        """);

    public void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent)
    {
        switch (domainEvent)
        {
            case StockReceived received:
                Change(session, entry, 0, received.OperationId, received.SiteId, received.CommodityId, received.Lot, received.Expiry, Units(received.Quantity), "receipt", null, received.Source);
                break;
            case StockIssued issued:
                Change(session, entry, 0, issued.OperationId, issued.SiteId, issued.CommodityId, issued.Lot, null, -Units(issued.Quantity), "issue", null, issued.IssuedTo);
                break;
            case StockAdjusted adjusted:
                Change(session, entry, 0, adjusted.OperationId, adjusted.SiteId, adjusted.CommodityId, adjusted.Lot, null, Units(adjusted.Change), "adjustment", null, adjusted.Reason.Name() + (adjusted.Note.Length > 0 ? ": " + adjusted.Note : string.Empty));
                break;
            case LotQuarantined held:
                Hold(session, held.SiteId, held.CommodityId, held.Lot, true, held.Reason);
                break;
            case LotReleased released:
                Hold(session, released.SiteId, released.CommodityId, released.Lot, false, null);
                break;
            case DailyNeedSet need:
                session.Execute(
                    "INSERT INTO stock_daily_needs (operation_id, site_id, commodity_id, per_day) VALUES ($op, $site, $commodity, $per) ON CONFLICT (site_id, commodity_id) DO UPDATE SET per_day = excluded.per_day",
                    ("$op", need.OperationId),
                    ("$site", need.SiteId),
                    ("$commodity", need.CommodityId),
                    ("$per", Units(need.QuantityPerDay)));
                break;
            case MovementDeparted departed:
                for (var i = 0; i < departed.Cargo.Length; i++)
                {
                    var line = departed.Cargo[i];
                    Change(session, entry, i, departed.OperationId, departed.OriginSiteId, line.CommodityId, line.Lot, null, -Units(line.Quantity), "transfer_out", departed.MovementId, "departed");
                    session.Execute(
                        "INSERT INTO stock_in_transit (operation_id, movement_id, manifest_id, line, origin_site_id, commodity_id, lot, expiry, quantity) VALUES ($op, $movement, $manifest, $line, $origin, $commodity, $lot, $expiry, $quantity)",
                        ("$op", departed.OperationId),
                        ("$movement", departed.MovementId),
                        ("$manifest", line.ManifestId),
                        ("$line", line.Line),
                        ("$origin", departed.OriginSiteId),
                        ("$commodity", line.CommodityId),
                        ("$lot", line.Lot),
                        ("$expiry", line.Expiry),
                        ("$quantity", Units(line.Quantity)));
                }

                break;
            case DeliveryRecorded delivered:
                for (var i = 0; i < delivered.Lines.Length; i++)
                {
                    var line = delivered.Lines[i];
                    Clear(session, delivered.MovementId, line.ManifestId, line.Line);
                    if (line.Received > 0)
                    {
                        Change(session, entry, i, delivered.OperationId, delivered.DestinationSiteId, line.CommodityId, line.Lot, line.Expiry, Units(line.Received), "transfer_in", delivered.MovementId, line.HasDiscrepancy ? "delivered: " + line.Reason : "delivered");
                    }
                }

                break;
            case MovementLost lost:
                foreach (var line in lost.WrittenOff)
                {
                    Clear(session, lost.MovementId, line.ManifestId, line.Line);
                }

                break;
        }
    }

    private static long Units(decimal quantity) => Quantity.FromUnits(quantity)!.Value.Thousandths;

    private static void Change(SqlSession session, LogEntry entry, int line, Guid operation, Guid site, Guid commodity, string lot, DateOnly? expiry, long change, string kind, Guid? movement, string reason)
    {
        // The CHECK on on_hand is the last guard: a decider that let stock go negative fails the whole batch.
        // Stock taken out updates the lot in place, since an insert's row is checked before its conflict is.
        if (change < 0)
        {
            var updated = session.Execute(
                "UPDATE stock_lots SET on_hand = on_hand + $change WHERE site_id = $site AND commodity_id = $commodity AND lot = $lot",
                ("$change", change),
                ("$site", site),
                ("$commodity", commodity),
                ("$lot", lot));
            if (updated != 1)
            {
                throw new InvalidOperationException($"stock of lot '{lot}' of commodity {commodity} at site {site} is taken out but was never received");
            }
        }
        else
        {
            session.Execute(
                ReceiveSql,
                ("$op", operation),
                ("$site", site),
                ("$commodity", commodity),
                ("$lot", lot),
                ("$expiry", expiry),
                ("$change", change));
        }

        session.Execute(
            "INSERT INTO stock_ledger (operation_id, sequence, line, site_id, commodity_id, lot, change, kind, movement_id, reason, occurred_at) VALUES ($op, $seq, $line, $site, $commodity, $lot, $change, $kind, $movement, $reason, $at)",
            ("$op", operation),
            ("$seq", entry.Sequence),
            ("$line", line),
            ("$site", site),
            ("$commodity", commodity),
            ("$lot", lot),
            ("$change", change),
            ("$kind", kind),
            ("$movement", movement),
            ("$reason", reason),
            ("$at", entry.OccurredAt.ToUnixTimeMilliseconds()));
        session.Execute(
            DailySql,
            ("$op", operation),
            ("$site", site),
            ("$commodity", commodity),
            ("$day", OperationsProjection.LocalDate(session, operation, entry.OccurredAt)),
            ("$change", change));
    }

    private static void Hold(SqlSession session, Guid site, Guid commodity, string lot, bool quarantined, string? reason) => session.Execute(
        "UPDATE stock_lots SET quarantined = $held, quarantine_reason = $reason WHERE site_id = $site AND commodity_id = $commodity AND lot = $lot",
        ("$held", quarantined),
        ("$reason", reason),
        ("$site", site),
        ("$commodity", commodity),
        ("$lot", lot));

    private static void Clear(SqlSession session, Guid movement, Guid manifest, int line) => session.Execute(
        "DELETE FROM stock_in_transit WHERE movement_id = $movement AND manifest_id = $manifest AND line = $line",
        ("$movement", movement),
        ("$manifest", manifest),
        ("$line", line));

    public static LotBalance? Lot(SqlSession session, SiteId site, CommodityId commodity, string lot) => session.Single(
        $"SELECT {LotColumns} FROM stock_lots WHERE site_id = $site AND commodity_id = $commodity AND lot = $lot",
        ReadLot,
        ("$site", site.Value),
        ("$commodity", commodity.Value),
        ("$lot", lot));

    /// <summary>The lots of a site, of one commodity or all; empty lots included only when asked.</summary>
    public static List<LotBalance> Lots(SqlSession session, OperationId operation, SiteId? site = null, CommodityId? commodity = null, bool includeEmpty = false) => session.Query(
        $"SELECT {LotColumns} FROM stock_lots WHERE operation_id = $op AND (CAST($site AS TEXT) IS NULL OR site_id = $site) AND (CAST($commodity AS TEXT) IS NULL OR commodity_id = $commodity) AND ($empty = 1 OR on_hand > 0) ORDER BY site_id, commodity_id, expiry, lot",
        ReadLot,
        ("$op", operation.Value),
        ("$site", site?.Value),
        ("$commodity", commodity?.Value),
        ("$empty", includeEmpty));

    /// <summary>The ledger of one lot, in the order it was recorded.</summary>
    public static List<LedgerLine> Ledger(SqlSession session, SiteId site, CommodityId commodity, string lot) => session.Query(
        "SELECT sequence, site_id, commodity_id, lot, change, kind, movement_id, reason, occurred_at FROM stock_ledger WHERE site_id = $site AND commodity_id = $commodity AND lot = $lot ORDER BY sequence, line",
        row => new LedgerLine(
            row.GetInt64(0),
            new SiteId(Guid.Parse(row.GetString(1))),
            new CommodityId(Guid.Parse(row.GetString(2))),
            row.GetString(3),
            Quantity.FromThousandths(row.GetInt64(4)),
            row.GetString(5),
            row.IsDBNull(6) ? null : Guid.Parse(row.GetString(6)),
            row.GetString(7),
            DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(8))),
        ("$site", site.Value),
        ("$commodity", commodity.Value),
        ("$lot", lot));

    /// <summary>The cargo a movement still has in transit.</summary>
    public static List<CargoLine> InTransit(SqlSession session, MovementId movement) => session.Query(
        "SELECT manifest_id, line, commodity_id, lot, expiry, quantity FROM stock_in_transit WHERE movement_id = $movement ORDER BY manifest_id, line",
        ReadCargo,
        ("$movement", movement.Value));

    /// <summary>All cargo in transit in an operation, per movement.</summary>
    public static List<(MovementId Movement, CargoLine Cargo)> InTransit(SqlSession session, OperationId operation) => session.Query(
        "SELECT manifest_id, line, commodity_id, lot, expiry, quantity, movement_id FROM stock_in_transit WHERE operation_id = $op ORDER BY movement_id, manifest_id, line",
        row => (new MovementId(Guid.Parse(row.GetString(6))), ReadCargo(row)),
        ("$op", operation.Value));

    /// <summary>Stock on hand per site and commodity at the end of <paramref name="day"/> (local), with daily needs.</summary>
    public static List<SiteStock> OnHand(SqlSession session, OperationId operation, DateOnly day) => session.Query(
        "SELECT d.site_id, d.commodity_id, sum(d.change), n.per_day FROM stock_daily d LEFT JOIN stock_daily_needs n ON n.site_id = d.site_id AND n.commodity_id = d.commodity_id " +
        "WHERE d.operation_id = $op AND d.day <= $day GROUP BY d.site_id, d.commodity_id, n.per_day HAVING sum(d.change) <> 0 ORDER BY d.site_id, d.commodity_id",
        row => new SiteStock(
            new SiteId(Guid.Parse(row.GetString(0))),
            new CommodityId(Guid.Parse(row.GetString(1))),
            Quantity.FromThousandths(row.GetInt64(2)),
            row.IsDBNull(3) ? null : Quantity.FromThousandths(row.GetInt64(3))),
        ("$op", operation.Value),
        ("$day", day));

    private static CargoLine ReadCargo(DbDataReader row) => new(
        Guid.Parse(row.GetString(0)),
        row.GetInt32(1),
        Guid.Parse(row.GetString(2)),
        row.GetString(3),
        row.IsDBNull(4) ? null : DateOnly.ParseExact(row.GetString(4), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Quantity.FromThousandths(row.GetInt64(5)).Units);

    private static LotBalance ReadLot(DbDataReader row) => new(
        new SiteId(Guid.Parse(row.GetString(0))),
        new CommodityId(Guid.Parse(row.GetString(1))),
        row.GetString(2),
        row.IsDBNull(3) ? null : DateOnly.ParseExact(row.GetString(3), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Quantity.FromThousandths(row.GetInt64(4)),
        row.GetInt64(5) != 0,
        row.IsDBNull(6) ? null : row.GetString(6));
}
