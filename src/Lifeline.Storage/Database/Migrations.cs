using System.Globalization;

namespace Lifeline.Storage.Database;

/// <summary>One versioned change to the schema.</summary>
public sealed record Migration(int Version, string Name, Action<SqlSession> Apply);

/// <summary>
/// The schema's history. Each migration runs once, in order, inside one transaction with the record of it,
/// so running migrations twice is harmless and a failed migration leaves the schema as it was.
/// </summary>
public static class Migrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "operation log, checkpoints, idempotency keys and first projections", session =>
        {
            session.Execute("""
                CREATE TABLE log_entries (
                    operation_id    TEXT    NOT NULL,
                    sequence        INTEGER NOT NULL,
                    id              TEXT    NOT NULL UNIQUE,
                    type            TEXT    NOT NULL,
                    stream          TEXT    NOT NULL,
                    stream_version  INTEGER NOT NULL,
                    actor           TEXT    NOT NULL,
                    device          TEXT    NOT NULL,
                    occurred_at     INTEGER NOT NULL,
                    recorded_at     INTEGER NOT NULL,
                    idempotency_key TEXT,
                    body            BLOB    NOT NULL,
                    previous_hash   BLOB    NOT NULL,
                    hash            BLOB    NOT NULL,
                    PRIMARY KEY (operation_id, sequence),
                    UNIQUE (operation_id, stream, stream_version)
                ) WITHOUT ROWID
                """);
            session.Execute("""
                CREATE TABLE log_checkpoints (
                    operation_id TEXT    NOT NULL,
                    sequence     INTEGER NOT NULL,
                    head_hash    BLOB    NOT NULL,
                    signed_at    INTEGER NOT NULL,
                    key_id       TEXT    NOT NULL,
                    signature    BLOB    NOT NULL,
                    PRIMARY KEY (operation_id, sequence)
                ) WITHOUT ROWID
                """);
            session.Execute("""
                CREATE TABLE idempotency_keys (
                    key          TEXT PRIMARY KEY,
                    fingerprint  BLOB NOT NULL,
                    operation_id TEXT NOT NULL,
                    receipt      TEXT NOT NULL
                )
                """);
            new Operations.OperationsProjection().Create(session);
            new Sites.SitesProjection().Create(session);
            new Zones.ZonesProjection().Create(session);
            new Commodities.CommoditiesProjection().Create(session);
        }),
        new(2, "corridors, their status history and opening windows", session => new Corridors.CorridorsProjection().Create(session)),
        new(3, "passages and corridor flow", session => new Corridors.PassagesProjection().Create(session)),
        new(4, "stock ledger, movements, manifests, deliveries, incidents and daily tonnage", session =>
        {
            new Stock.StockProjection().Create(session);
            new Movements.MovementsProjection().Create(session);
            new Movements.ManifestsProjection().Create(session);
            new Incidents.IncidentsProjection().Create(session);
        }),
    ];

    public static int Latest => All[^1].Version;

    /// <summary>The schema version of an open database; 0 for an empty file.</summary>
    public static int CurrentVersion(SqlSession session)
    {
        var exists = session.Scalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
        return exists == 0 ? 0 : (int)session.Scalar<long>("SELECT coalesce(max(version), 0) FROM schema_migrations");
    }

    /// <summary>Brings the schema up to date; refuses a database from a newer Lifeline.</summary>
    /// <exception cref="SchemaTooNewException">The database has migrations this version does not know.</exception>
    public static void Apply(SqlSession session, string path, TimeProvider clock)
    {
        var current = CurrentVersion(session);
        if (current > Latest)
        {
            throw new SchemaTooNewException(path, current, Latest);
        }

        foreach (var migration in All.Where(m => m.Version > current))
        {
            session.Begin();
            try
            {
                session.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
                migration.Apply(session);
                session.Execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)",
                    ("$version", migration.Version),
                    ("$name", migration.Name),
                    ("$at", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
                session.Commit();
            }
            catch
            {
                session.Rollback();
                throw;
            }
        }
    }
}
