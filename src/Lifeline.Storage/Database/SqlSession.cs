using Microsoft.Data.Sqlite;

namespace Lifeline.Storage.Database;

/// <summary>
/// A connection (and, for writes, its transaction) with the statements it has prepared, so that appends,
/// projections and rebuilds prepare each SQL text once instead of once per row.
/// </summary>
public sealed class SqlSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqlSession(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction? Transaction { get; private set; }

    /// <summary>Starts a write transaction that takes SQLite's write lock at once, so two writers never both read stale state.</summary>
    public void Begin()
    {
        Transaction = Connection.BeginTransaction(deferred: false);
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

    public SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _commands[sql] = command;
        }

        // The statement stays prepared and its parameters are reused: only their values change per row.
        command.Transaction = Transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.Parameters[i];
            if (!string.Equals(parameter.ParameterName, parameters[i].Name, StringComparison.Ordinal))
            {
                throw new ArgumentException($"parameter {i} of this statement is {parameter.ParameterName}, not {parameters[i].Name}", nameof(parameters));
            }

            parameter.Value = ToDb(parameters[i].Value);
        }

        return command;
    }

    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        Command(sql, parameters).ExecuteNonQuery();

    public T? Scalar<T>(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var value = Command(sql, parameters).ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var results = new List<T>();
        using var reader = Command(sql, parameters).ExecuteReader();
        while (reader.Read())
        {
            results.Add(map(reader));
        }

        return results;
    }

    public T? Single<T>(string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters)
        where T : class
    {
        using var reader = Command(sql, parameters).ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Transaction?.Dispose();
    }

    /// <summary>Ids are stored as canonical text so that the file reads well in any SQLite tool and moves to PostgreSQL as uuid.</summary>
    private static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        Guid id => id.ToString(),
        bool flag => flag ? 1 : 0,
        DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };
}
