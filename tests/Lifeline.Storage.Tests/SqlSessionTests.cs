using Lifeline.Storage.Database;
using Lifeline.Testing;
using Microsoft.Data.Sqlite;

namespace Lifeline.Storage.Tests;

public class SqlSessionTests
{
    [Fact]
    public void Statements_run_natively_store_each_value_in_the_same_form_as_the_providers_commands()
    {
        using var directory = new TempDirectory();
        using var connection = SqliteFile.Open(Path.Combine(directory.Path, "forms.db"));
        using var session = new SqlSession(connection);
        session.Execute("CREATE TABLE forms (path TEXT, id, flag, amount, day, bytes, absent, whole, fraction)");
        var id = Guid.CreateVersion7();
        (string, object?)[] values =
        [
            ("$id", id), ("$flag", true), ("$amount", 12.5m), ("$day", new DateOnly(2016, 8, 1)),
            ("$bytes", new byte[] { 0, 1, 255 }), ("$absent", null), ("$whole", 42L), ("$fraction", 0.25),
        ];
        const string Columns = "id, flag, amount, day, bytes, absent, whole, fraction";
        const string Values = "$id, $flag, $amount, $day, $bytes, $absent, $whole, $fraction";

        session.Execute($"INSERT INTO forms (path, {Columns}) VALUES ('native', {Values})", values);
        using (var provider = connection.CreateCommand())
        {
            provider.CommandText = $"INSERT INTO forms (path, {Columns}) SELECT 'provider', {Values}";
            foreach (var (name, value) in values)
            {
                provider.Parameters.AddWithValue(name, value switch { Guid g => g.ToString(), bool b => b ? 1 : 0, DateOnly d => "2016-08-01", null => DBNull.Value, _ => value });
            }

            provider.ExecuteNonQuery();
        }

        var rows = session.Query(
            $"SELECT path, {string.Join(", ", Columns.Split(", ").Select(c => $"typeof({c}) || ':' || quote({c})"))} FROM forms ORDER BY path DESC",
            r => Enumerable.Range(1, 8).Select(r.GetString).ToArray());
        Assert.Equal(2, rows.Count);
        Assert.Equal(rows[1], rows[0]);
        Assert.Equal($"text:'{id}'", rows[0][0]);
        Assert.Equal("text:'12.5'", rows[0][2]);
    }

    [Theory]
    [InlineData(long.MaxValue - 5, 5, long.MaxValue)]
    [InlineData(-long.MaxValue + 5, -5, -long.MaxValue)]
    [InlineData(long.MaxValue, -long.MaxValue, 0L)]
    [InlineData(long.MaxValue - 5, 6, null)]
    [InlineData(-long.MaxValue + 5, -7, null)]
    public void A_running_sum_past_64_bits_fails_the_write_where_SQLite_would_store_a_REAL(long start, long added, long? sum)
    {
        using var directory = new TempDirectory();
        using var connection = SqliteFile.Open(Path.Combine(directory.Path, "sums.db"));
        using var session = new SqlSession(connection);
        session.Execute("CREATE TABLE sums (id INTEGER PRIMARY KEY, total BIGINT NOT NULL, quietly BIGINT NOT NULL)");
        session.Execute("INSERT INTO sums (id, total, quietly) VALUES (1, $start, $start)", ("$start", start));
        var upsert = $"INSERT INTO sums (id, total, quietly) VALUES (1, $added, $added) ON CONFLICT (id) DO UPDATE SET total = {CheckedSums.AddSigned("sums.total", "excluded.total")}";

        if (sum is { } expected)
        {
            session.Execute(upsert, ("$added", added));
            Assert.Equal(expected, session.Scalar<long>("SELECT total FROM sums"));
        }
        else
        {
            Assert.Contains("NOT NULL", Assert.Throws<SqliteException>(() => session.Execute(upsert, ("$added", added))).Message, StringComparison.Ordinal);
            session.Execute("UPDATE sums SET quietly = quietly + $added", ("$added", added));
            Assert.Equal(("integer", start), session.Single("SELECT typeof(total), total FROM sums", r => Tuple.Create(r.GetString(0), r.GetInt64(1)))!.ToValueTuple());
            Assert.Equal("real", session.Scalar<string>("SELECT typeof(quietly) FROM sums"));
        }
    }

    [Fact]
    public void A_constraint_violation_surfaces_as_the_providers_exception_and_the_statement_stays_usable()
    {
        using var directory = new TempDirectory();
        using var connection = SqliteFile.Open(Path.Combine(directory.Path, "unique.db"));
        using var session = new SqlSession(connection);
        session.Execute("CREATE TABLE names (name TEXT PRIMARY KEY)");
        const string Insert = "INSERT INTO names (name) VALUES ($name)";

        Assert.Equal(1, session.Execute(Insert, ("$name", "Ramouseh")));
        var refused = Assert.Throws<SqliteException>(() => session.Execute(Insert, ("$name", "Ramouseh")));
        Assert.Equal(19, refused.SqliteErrorCode);
        Assert.Contains("names.name", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, session.Execute(Insert, ("$name", "Castello Road")));
        Assert.Equal(2, session.Scalar<long>("SELECT count(*) FROM names"));
    }

    [Fact]
    public void A_parameter_the_statement_does_not_have_is_refused_by_name()
    {
        using var directory = new TempDirectory();
        using var connection = SqliteFile.Open(Path.Combine(directory.Path, "names.db"));
        using var session = new SqlSession(connection);
        session.Execute("CREATE TABLE names (name TEXT, note TEXT)");

        var unknown = Assert.Throws<ArgumentException>(() => session.Execute("INSERT INTO names (name) VALUES ($name)", ("$nmae", "x")));
        Assert.Contains("$nmae", unknown.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<ArgumentException>(() => session.Execute("INSERT INTO names (name, note) VALUES ($name, $note)", ("$name", "x")));
        Assert.Contains("every parameter", missing.Message, StringComparison.Ordinal);
        Assert.Equal(0, session.Scalar<long>("SELECT count(*) FROM names"));
    }
}
