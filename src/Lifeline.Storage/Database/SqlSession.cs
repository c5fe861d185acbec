using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lifeline.Storage.Database;

/// <summary>
/// A connection (and, for writes, its transaction) with the statements it has prepared, so that appends,
/// projections and rebuilds prepare each SQL text once instead of once per row.
/// </summary>
/// <remarks>
/// Lifeline's SQL is written once, in the subset SQLite and PostgreSQL share, with <c>$name</c> parameters
/// and SQLite's type names in table definitions. On PostgreSQL the session turns parameters into
/// <c>@name</c> and the type names into their PostgreSQL forms (64-bit integers, double precision, bytea,
/// text compared byte by byte as SQLite does), so that every projection runs unchanged on both stores.
/// </remarks>
public sealed partial class SqlSession : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NativeStatement> _statements = new(StringComparer.Ordinal);
    private readonly bool _ownsConnection;
    private int _reading;

    public SqlSession(DbConnection connection, DbTransaction? transaction = null, bool ownsConnection = false)
    {
        Connection = connection;
        Transaction = transaction;
        _ownsConnection = ownsConnection;
        IsPostgres = connection is NpgsqlConnection;
    }

    public DbConnection Connection { get; }

    public DbTransaction? Transaction { get; private set; }

    /// <summary>Whether the session speaks to PostgreSQL (otherwise SQLite).</summary>
    public bool IsPostgres { get; }

    /// <summary>
    /// Whether the connection was lost (PostgreSQL restarted, failed over or ended the backend): the session can
    /// send nothing more, and its owner opens another.
    /// </summary>
    public bool IsBroken => Connection.State != System.Data.ConnectionState.Open;

    /// <summary>How many SQL statements this session has sent: what its work costs in round trips on PostgreSQL.</summary>
    public long Statements { get; private set; }

    /// <summary>
    /// Starts a write transaction. On SQLite it takes the write lock at once, so two writers never both read
    /// stale state; on PostgreSQL it is serializable, so that writers in other server processes that read the
    /// same state conflict and one of them retries (SQLSTATE 40001) instead of both deciding on stale state.
    /// </summary>
    public void Begin()
    {
        Transaction = Connection switch
        {
            SqliteConnection sqlite => sqlite.BeginTransaction(deferred: false),
            _ => Connection.BeginTransaction(IsolationLevel.Serializable),
        };
    }

    /// <summary>Starts a read-only transaction that sees one consistent snapshot of the database.</summary>
    public void BeginSnapshot()
    {
        Transaction = Connection switch
        {
            SqliteConnection sqlite => sqlite.BeginTransaction(deferred: true),
            _ => Connection.BeginTransaction(IsolationLevel.RepeatableRead),
        };
    }

    public void Commit()
    {
        Transaction?.Commit();
        Transaction?.Dispose();
        Transaction = null;
    }

    public void Rollback()
    {
        Transaction?.Rollback();
        Transaction?.Dispose();
        Transaction = null;
    }

    public DbCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        RefuseWhileReading(sql);
        Statements++;
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = IsPostgres ? ForPostgres(sql) : sql;
            foreach (var (name, _) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = IsPostgres ? name.TrimStart('$') : name;
                command.Parameters.Add(parameter);
            }

            _commands[sql] = command;
        }

        // The statement stays prepared and its parameters are reused: only their values change per row. On
        // PostgreSQL every integer is sent as a 64-bit one, as the columns are: a prepared statement's
        // parameter types must not change from one row to the next (a null first, then an int, for one).
        command.Transaction = Transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.Parameters[i];
            var expected = IsPostgres ? parameters[i].Name.TrimStart('$') : parameters[i].Name;
            if (!string.Equals(parameter.ParameterName, expected, StringComparison.Ordinal))
            {
                throw new ArgumentException($"parameter {i} of this statement is {parameter.ParameterName}, not {parameters[i].Name}", nameof(parameters));
            }

            parameter.Value = IsPostgres && parameters[i].Value is int or short ? Convert.ToInt64(parameters[i].Value, CultureInfo.InvariantCulture) : ToDb(parameters[i].Value);
        }

        return command;
    }

    /// <summary>
    /// Runs a statement that returns no rows. On SQLite, parameterised single statements (every append and
    /// projection update) run as native statements bound by position, bypassing the provider's per-execution
    /// reader and by-name binding: on a rebuild of a million entries that overhead was a third of the
    /// writer's time.
    /// </summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (parameters.Length == 0 || Connection is not SqliteConnection sqlite)
        {
            return Command(sql, parameters).ExecuteNonQuery();
        }

        RefuseWhileReading(sql);
        Statements++;
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = NativeStatement.Prepare(sqlite, sql, parameters);
            _statements[sql] = statement;
        }

        return statement.Run(parameters);
    }

    public T? Scalar<T>(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var value = Command(sql, parameters).ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

    public List<T> Query<T>(string sql, Func<DbDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var results = new List<T>();
        using var reader = Command(sql, parameters).ExecuteReader();
        _reading++;
        try
        {
            while (reader.Read())
            {
                results.Add(map(reader));
            }
        }
        finally
        {
            _reading--;
        }

        return results;
    }

    public T? Single<T>(string sql, Func<DbDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters)
        where T : class
    {
        using var reader = Command(sql, parameters).ExecuteReader();
        _reading++;
        try
        {
            return reader.Read() ? map(reader) : null;
        }
        finally
        {
            _reading--;
        }
    }

    /// <summary>Whether a table exists in the session's database (the current schema, on PostgreSQL).</summary>
    public bool TableExists(string table) => IsPostgres
        ? Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $table", ("$table", table)) > 0
        : Scalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $table", ("$table", table)) > 0;

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        Transaction?.Dispose();
        if (_ownsConnection)
        {
            Connection.Dispose();
        }
    }

    /// <summary>
    /// A row mapper that queries again would need a second open result on the connection, which PostgreSQL
    /// does not allow; refusing it on SQLite too keeps the code portable and the tests honest.
    /// </summary>
    private void RefuseWhileReading(string sql)
    {
        if (_reading > 0)
        {
            throw new InvalidOperationException($"a statement ran while a query's rows were being mapped; read the rows first, then query again: {sql}");
        }
    }

    /// <summary>
    /// The storage forms shared by both stores: ids as canonical text (readable in any SQL tool, and the same
    /// bytes on both stores), flags as 0/1, dates as ISO text, exact decimals as text.
    /// </summary>
    internal static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        Guid id => id.ToString(),
        bool flag => flag ? 1L : 0L,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal exact => DecimalText(exact),
        _ => value,
    };

    /// <summary>As Microsoft.Data.Sqlite writes a decimal, so files written before and after read alike.</summary>
    internal static string DecimalText(decimal value) => value.ToString("0.0###########################", CultureInfo.InvariantCulture);

    private static string ForPostgres(string sql)
    {
        sql = Parameter().Replace(sql, "@$1");
        if (!Definition().IsMatch(sql))
        {
            return sql;
        }

        sql = sql.Replace(" WITHOUT ROWID", string.Empty, StringComparison.Ordinal);
        return TypeName().Replace(sql, match => match.Value switch
        {
            "INTEGER" => "BIGINT",
            "REAL" => "DOUBLE PRECISION",
            "BLOB" => "BYTEA",
            _ => "TEXT COLLATE \"C\"",
        });
    }

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\b(CREATE|ALTER)\s+TABLE\b", RegexOptions.IgnoreCase)]
    private static partial Regex Definition();

    [GeneratedRegex(@"\b(INTEGER|REAL|BLOB|TEXT)\b")]
    private static partial Regex TypeName();
}
