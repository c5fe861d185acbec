using System.Data.Common;
using System.Globalization;
using System.Text;
using Lifeline.Storage.Database;
using Lifeline.Storage.Projections;
using Lifeline.Storage.Writing;
using Microsoft.Data.Sqlite;

namespace Lifeline.Storage.Verification;

/// <summary>A row of a projection table that is not what the log makes of it.</summary>
/// <param name="Table">The projection table.</param>
/// <param name="Row">The row, by its primary key: <c>(site_id=…, commodity_id=…)</c>.</param>
/// <param name="Detail">How it differs: a column's two values, or which side lacks the row.</param>
public sealed record ProjectionDifference(string Table, string Row, string Detail)
{
    public override string ToString() => $"projection table {Table}, row {Row}: {Detail}";
}

/// <summary>The outcome of comparing the live projections with a rebuild from the log.</summary>
public sealed record ProjectionCheckResult(long EntriesReplayed, int TablesCompared, long RowsCompared, ProjectionDifference? FirstDifference)
{
    public bool Succeeded => FirstDifference is null;
}

/// <summary>
/// The check behind <c>lifeline verify --projections</c>. The log's chain and signatures prove the log, but the
/// pages, reports and API read the projection tables; someone with access to the database could change stock on
/// hand or a movement's status there and the log would still verify. This replays the whole log into projection
/// tables in a scratch SQLite file, exactly as a rebuild does, and compares every table with the live one, row by
/// row in primary-key order, naming the first table and row that differ. The live database is read in one
/// snapshot (log and tables alike), so it can run beside a serving Lifeline; nothing in it is written.
/// </summary>
public static class ProjectionCheck
{
    private const int ShownValueLength = 80;

    public static ProjectionCheckResult Run(StoreDatabase database, ProjectionSet projections)
    {
        var scratchPath = Path.Combine(Path.GetTempPath(), $"lifeline-verify-{Guid.NewGuid():N}.db");
        try
        {
            using var live = database.Open(readOnly: true);
            using var scratch = OpenScratch(scratchPath);
            live.BeginSnapshot();
            var replayed = Replay(live, scratch, projections);
            var tables = 0;
            var rows = 0L;
            foreach (var table in projections.Tables)
            {
                tables++;
                var difference = Compare(live, scratch, table, ref rows);
                if (difference is not null)
                {
                    live.Commit();
                    return new ProjectionCheckResult(replayed, tables, rows, difference);
                }
            }

            live.Commit();
            return new ProjectionCheckResult(replayed, tables, rows, null);
        }
        finally
        {
            File.Delete(scratchPath);
        }
    }

    /// <summary>A throwaway file: no journal and no syncing, since it is deleted whatever happens.</summary>
    private static SqlSession OpenScratch(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;";
            pragmas.ExecuteNonQuery();
        }

        return new SqlSession(connection, ownsConnection: true);
    }

    private static long Replay(SqlSession live, SqlSession scratch, ProjectionSet projections)
    {
        scratch.Begin();
        foreach (var projection in projections.Projections)
        {
            projection.Create(scratch);
        }

        var replayed = 0L;
        foreach (var (entry, domainEvent) in LogReader.AllEntries(live).Select(e => (e, EventBodies.Read(e))).Pipelined())
        {
            projections.Apply(scratch, entry, domainEvent);
            replayed++;
        }

        scratch.Commit();
        return replayed;
    }

    private static ProjectionDifference? Compare(SqlSession live, SqlSession scratch, string table, ref long rowsCompared)
    {
        var columns = scratch.Query($"PRAGMA table_info({table})", row => (Name: row.GetString(1), Key: row.GetInt32(5)));
        var key = columns.Where(c => c.Key > 0).OrderBy(c => c.Key).Select(c => c.Name).ToList();
        var rest = columns.Where(c => c.Key == 0).Select(c => c.Name).ToList();
        if (key.Count == 0)
        {
            // A table without a primary key is compared as a sorted list of whole rows.
            (key, rest) = (rest, []);
        }

        if (!live.TableExists(table))
        {
            return new ProjectionDifference(table, "(none)", "the table is missing from the database");
        }

        var ordered = key.Concat(rest).ToList();
        var sql = $"SELECT {string.Join(", ", ordered)} FROM {table} ORDER BY {string.Join(", ", ordered.Select(c => $"{c} NULLS FIRST"))}";
        DbDataReader liveRows;
        try
        {
            liveRows = live.Command(sql).ExecuteReader();
        }
        catch (DbException exception)
        {
            return new ProjectionDifference(table, "(none)", $"its columns are not the projection's ({string.Join(", ", ordered)}): {exception.Message}");
        }

        using (liveRows)
        using (var rebuiltRows = scratch.Command(sql).ExecuteReader())
        {
            var liveRow = Next(liveRows, ordered.Count);
            var rebuiltRow = Next(rebuiltRows, ordered.Count);
            while (liveRow is not null || rebuiltRow is not null)
            {
                var order = liveRow is null ? 1 : rebuiltRow is null ? -1 : CompareKeys(liveRow, rebuiltRow, key.Count);
                if (order < 0)
                {
                    return new ProjectionDifference(table, Describe(key, liveRow!), "it is in the database, but the log does not produce it");
                }

                if (order > 0)
                {
                    return new ProjectionDifference(table, Describe(key, rebuiltRow!), "the log produces it, but it is missing from the database");
                }

                for (var i = key.Count; i < ordered.Count; i++)
                {
                    if (!SameValue(liveRow![i], rebuiltRow![i]))
                    {
                        return new ProjectionDifference(table, Describe(key, liveRow), $"{ordered[i]} is {Show(liveRow[i])} in the database, but {Show(rebuiltRow[i])} from the log");
                    }
                }

                rowsCompared++;
                liveRow = Next(liveRows, ordered.Count);
                rebuiltRow = Next(rebuiltRows, ordered.Count);
            }
        }

        return null;
    }

    private static object?[]? Next(DbDataReader reader, int count)
    {
        if (!reader.Read())
        {
            return null;
        }

        var values = new object?[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
            {
                int small => (long)small,
                float single => (double)single,
                var value => value,
            };
        }

        return values;
    }

    /// <summary>
    /// Orders keys as both stores' ORDER BY does: nulls first, then numbers, then text by its UTF-8 bytes (SQLite's
    /// BINARY collation, and the "C" collation every Lifeline text column has on PostgreSQL), then blobs.
    /// </summary>
    private static int CompareKeys(object?[] left, object?[] right, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var order = CompareValues(left[i], right[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    private static int CompareValues(object? left, object? right)
    {
        var (leftRank, rightRank) = (Rank(left), Rank(right));
        if (leftRank != rightRank)
        {
            return leftRank.CompareTo(rightRank);
        }

        return (left, right) switch
        {
            (null, null) => 0,
            (long a, long b) => a.CompareTo(b),
            (string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)),
            (byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b),
            _ => Convert.ToDouble(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right, CultureInfo.InvariantCulture)),
        };
    }

    private static int Rank(object? value) => value switch
    {
        null => 0,
        long or double or decimal => 1,
        string => 2,
        _ => 3,
    };

    private static bool SameValue(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (null, _) or (_, null) => false,
        _ => Rank(left) == Rank(right) && CompareValues(left, right) == 0 && left.GetType() == right.GetType(),
    };

    private static string Describe(List<string> key, object?[] row) =>
        $"({string.Join(", ", key.Select((column, i) => $"{column}={Show(row[i])}"))})";

    private static string Show(object? value)
    {
        var text = value switch
        {
            null => "null",
            byte[] bytes => Convert.ToHexStringLower(bytes),
            string s => $"'{s}'",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
        return text.Length <= ShownValueLength ? text : string.Concat(text.AsSpan(0, ShownValueLength), "…");
    }
}
