using Lifeline.Storage.Database;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Projections;

/// <summary>Rebuilding the projections from the log: the proof that they hold nothing the log does not.</summary>
internal static class ProjectionReplay
{
    /// <summary>
    /// Drops every projection table and replays the whole log into new ones, in one transaction on
    /// <paramref name="writer"/>, which the caller holds alone.
    /// </summary>
    /// <returns>The number of entries replayed.</returns>
    public static long Rebuild(SqlSession writer, StoreDatabase database, ProjectionSet projections)
    {
        writer.Begin();
        try
        {
            if (writer.IsPostgres)
            {
                // Appenders in other server processes wait until the rebuilt tables are committed, so no
                // entry lands in the old tables after the replay has read past it.
                writer.Execute("LOCK TABLE log_entries IN SHARE MODE");
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
            using var reader = database.Open(readOnly: true);
            reader.BeginSnapshot();
            foreach (var (entry, domainEvent) in LogReader.AllEntries(reader).Select(e => (e, EventBodies.Read(e))).Pipelined())
            {
                projections.Apply(writer, entry, domainEvent);
                replayed++;
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
