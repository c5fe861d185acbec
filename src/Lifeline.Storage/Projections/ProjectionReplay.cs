using Lifeline.Storage.Database;
using Lifeline.Storage.Writing;
using Microsoft.Data.Sqlite;

namespace Lifeline.Storage.Projections;

/// <summary>
/// Rebuilding the projections from the log: the proof that they hold nothing the log does not, and how a
/// projection whose version changed gets its new shape (<see cref="IProjection.Version"/>).
/// </summary>
public static class ProjectionReplay
{
    /// <summary>
    /// Drops every projection table and replays the whole log into new ones, in one transaction on
    /// <paramref name="writer"/>, which the caller holds alone; the projections' versions are recorded with them.
    /// </summary>
    /// <returns>The number of entries replayed.</returns>
    public static long Rebuild(SqlSession writer, StoreDatabase database, ProjectionSet projections) =>
        Replay(writer, database, projections, onlyIfStale: false) ?? 0;

    /// <summary>Rebuilds the projections if any was built at another version than this Lifeline's.</summary>
    /// <returns>The projections that were behind (none when all were current).</returns>
    public static IReadOnlyList<string> BringUpToDate(SqlSession writer, StoreDatabase database, ProjectionSet projections)
    {
        var stale = Stale(writer, projections);
        if (stale.Count > 0)
        {
            Replay(writer, database, projections, onlyIfStale: true);
        }

        return stale;
    }

    /// <summary>The projections whose recorded version is not this Lifeline's (or that were never recorded).</summary>
    public static IReadOnlyList<string> Stale(SqlSession session, ProjectionSet projections)
    {
        var recorded = session.Query("SELECT projection, version FROM projection_versions", row => (row.GetString(0), row.GetInt64(1)))
            .ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal);
        return [.. projections.Projections.Where(p => !recorded.TryGetValue(p.Name, out var version) || version != p.Version).Select(p => p.Name)];
    }

    private static long? Replay(SqlSession writer, StoreDatabase database, ProjectionSet projections, bool onlyIfStale)
    {
        writer.Begin();
        try
        {
            if (writer.IsPostgres)
            {
                // Two servers or migrations rebuilding at once take turns, and the second finds nothing to do;
                // appenders in other processes wait until the rebuilt tables are committed, so no entry lands
                // in the old tables after the replay has read past it.
                writer.Execute("LOCK TABLE projection_versions IN ACCESS EXCLUSIVE MODE");
                writer.Execute("LOCK TABLE log_entries IN SHARE MODE");
            }

            if (onlyIfStale && Stale(writer, projections).Count == 0)
            {
                writer.Commit();
                return null;
            }

            foreach (var table in projections.Tables)
            {
                writer.Execute($"DROP TABLE IF EXISTS {table}");
            }

            foreach (var projection in projections.Projections)
            {
                projection.Create(writer);
            }

            // Entries are read and decoded on a second connection and thread while this one writes the
            // projections; in WAL mode the reader sees the log as it was when the rebuild began.
            var replayed = 0L;
            using (var reader = database.Open(readOnly: true))
            {
                reader.BeginSnapshot();
                foreach (var (entry, domainEvent) in LogReader.AllEntries(reader).Select(e => (e, EventBodies.Read(e))).Pipelined())
                {
                    projections.Apply(writer, entry, domainEvent);
                    replayed++;
                }

                // A read-only connection left in the pool can be the file's last to close, and one that cannot
                // write cannot fold the write-ahead log back into the file when it does.
                if (reader.Connection is SqliteConnection sqlite)
                {
                    SqliteConnection.ClearPool(sqlite);
                }
            }

            foreach (var projection in projections.Projections)
            {
                writer.Execute("DELETE FROM projection_versions WHERE projection = $name", ("$name", projection.Name));
                writer.Execute("INSERT INTO projection_versions (projection, version) VALUES ($name, $version)", ("$name", projection.Name), ("$version", projection.Version));
            }

            writer.Commit();
            return replayed;
        }
        catch
        {
            writer.Rollback();
            throw;
        }
    }
}
