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
        new(4, "users, grants, API tokens and personal-data keys, beside the log", session =>
        {
            Accounts.Accounts.Create(session);
            Protection.PersonalData.Create(session);
        }),
        new(5, "stock ledger, movements, manifests, deliveries, incidents and daily tonnage", session =>
        {
            new Stock.StockProjection().Create(session);
            new Movements.MovementsProjection().Create(session);
            new Movements.ManifestsProjection().Create(session);
            new Incidents.IncidentsProjection().Create(session);
        }),
        new(6, "the language each user chose for the pages", Accounts.Accounts.AddLanguage),
        new(7, "idempotency keys scoped by operation and actor", ScopeIdempotencyKeys),
        new(8, "the version each projection was built at, so a changed projection is rebuilt from the log", session => session.Execute("""
            CREATE TABLE projection_versions (
                projection TEXT PRIMARY KEY,
                version    INTEGER NOT NULL
            )
            """)),
        new(9, "browser sessions, so that signing out ends one for good", Accounts.Accounts.AddSessions),
        new(10, "when each browser session expires, so that expired sessions are pruned", Accounts.Accounts.AddSessionExpiry),
    ];

    public static int Latest => All[^1].Version;

    /// <summary>
    /// Keys were one namespace for every operation and user, so one operation's import could suppress another's
    /// and a retry could return another user's receipt. A key now belongs to the actor who sent it in one
    /// operation; a key already used is given the actor of the first entry it recorded (none for a key whose
    /// command recorded nothing, which no actor then matches).
    /// </summary>
    private static void ScopeIdempotencyKeys(SqlSession session)
    {
        session.Execute("""
            CREATE TABLE idempotency_keys_scoped (
                operation_id TEXT NOT NULL,
                actor        TEXT NOT NULL,
                key          TEXT NOT NULL,
                fingerprint  BLOB NOT NULL,
                receipt      TEXT NOT NULL,
                PRIMARY KEY (operation_id, actor, key)
            )
            """);
        session.Execute("""
            INSERT INTO idempotency_keys_scoped (operation_id, actor, key, fingerprint, receipt)
            SELECT k.operation_id,
                   coalesce((SELECT e.actor FROM log_entries e WHERE e.operation_id = k.operation_id AND e.idempotency_key = k.key ORDER BY e.sequence LIMIT 1), ''),
                   k.key, k.fingerprint, k.receipt
            FROM idempotency_keys k
            """);
        session.Execute("DROP TABLE idempotency_keys");
        session.Execute("ALTER TABLE idempotency_keys_scoped RENAME TO idempotency_keys");
        if (session.IsPostgres)
        {
            // The primary key keeps the name it was created with; conflicts on it are recognised by name.
            session.Execute("ALTER TABLE idempotency_keys RENAME CONSTRAINT idempotency_keys_scoped_pkey TO idempotency_keys_pkey");
        }
    }

    /// <summary>The schema version of an open database; 0 for an empty one.</summary>
    public static int CurrentVersion(SqlSession session) =>
        session.TableExists("schema_migrations") ? (int)session.Scalar<long>("SELECT coalesce(max(version), 0) FROM schema_migrations") : 0;

    /// <summary>
    /// Brings the schema up to date, one migration per transaction. Safe to run twice, and from two processes
    /// at once: each transaction locks the migrations table and reads the version again before applying.
    /// </summary>
    /// <returns>The versions applied by this call.</returns>
    /// <exception cref="SchemaTooNewException">The database has migrations this version does not know.</exception>
    public static IReadOnlyList<int> Apply(SqlSession session, string database, TimeProvider clock)
    {
        var applied = new List<int>();
        if (!session.TableExists("schema_migrations"))
        {
            CreateTable(session);
        }

        while (true)
        {
            session.Begin();
            try
            {
                if (session.IsPostgres)
                {
                    session.Execute("LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE");
                }

                var current = CurrentVersion(session);
                if (current > Latest)
                {
                    throw new SchemaTooNewException(database, current, Latest);
                }

                if (current == Latest)
                {
                    session.Commit();
                    return applied;
                }

                var migration = All.First(m => m.Version > current);
                migration.Apply(session);
                session.Execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at)",
                    ("$version", migration.Version),
                    ("$name", migration.Name),
                    ("$at", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
                session.Commit();
                applied.Add(migration.Version);
            }
            catch
            {
                session.Rollback();
                throw;
            }
        }
    }

    /// <summary>Refuses to work on a database whose schema is older or newer than this version of Lifeline.</summary>
    /// <exception cref="SchemaTooNewException">The database was migrated by a newer Lifeline.</exception>
    /// <exception cref="SchemaBehindException">The database needs <c>lifeline migrate</c>.</exception>
    public static void RequireCurrent(SqlSession session, string database)
    {
        var current = CurrentVersion(session);
        if (current > Latest)
        {
            throw new SchemaTooNewException(database, current, Latest);
        }

        if (current < Latest)
        {
            throw new SchemaBehindException(database, current, Latest);
        }
    }

    private static void CreateTable(SqlSession session)
    {
        session.Begin();
        try
        {
            session.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            session.Commit();
        }
        catch (Npgsql.PostgresException exception) when (exception.SqlState is Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.DuplicateTable)
        {
            // A second migrator created it at the same moment; its table is as good as ours.
            session.Rollback();
        }
        catch
        {
            session.Rollback();
            throw;
        }
    }
}
