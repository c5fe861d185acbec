using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lifeline.Storage.Database;

/// <summary>
/// One prepared SQLite statement on a connection's native handle, with its parameters resolved to positions
/// once. It runs inside whatever transaction the connection has open, like any statement on that connection.
/// </summary>
internal sealed class NativeStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly string[] _names;
    private readonly int[] _positions;

    private NativeStatement(sqlite3 database, sqlite3_stmt statement, string[] names, int[] positions)
    {
        _database = database;
        _statement = statement;
        _names = names;
        _positions = positions;
    }

    public static NativeStatement Prepare(SqliteConnection connection, string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var database = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var rc = raw.sqlite3_prepare_v3(database, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement, out var tail);
        SqliteException.ThrowExceptionForRC(rc, database);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            statement.Dispose();
            throw new ArgumentException($"a parameterised statement must be a single statement; found more after: {sql}", nameof(sql));
        }

        var names = new string[parameters.Length];
        var positions = new int[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            names[i] = parameters[i].Name;
            positions[i] = raw.sqlite3_bind_parameter_index(statement, parameters[i].Name);
            if (positions[i] == 0)
            {
                statement.Dispose();
                throw new ArgumentException($"the statement has no parameter {parameters[i].Name}: {sql}", nameof(parameters));
            }
        }

        if (raw.sqlite3_bind_parameter_count(statement) != positions.Distinct().Count())
        {
            statement.Dispose();
            throw new ArgumentException($"every parameter of the statement needs a value: {sql}", nameof(parameters));
        }

        return new NativeStatement(database, statement, names, positions);
    }

    /// <summary>Binds the values, steps the statement to its end and returns the number of rows it changed.</summary>
    public int Run(ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (parameters.Length != _names.Length)
        {
            throw new ArgumentException($"the statement takes {_names.Length} parameters, not {parameters.Length}", nameof(parameters));
        }

        try
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                if (!string.Equals(_names[i], parameters[i].Name, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"parameter {i} of this statement is {_names[i]}, not {parameters[i].Name}", nameof(parameters));
                }

                Check(Bind(_positions[i], parameters[i].Value));
            }

            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
                // A statement run for its effect may still return rows (RETURNING); they are not needed here.
            }

            Check(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
            return raw.sqlite3_changes(_database);
        }
        finally
        {
            // Reset and clear so that a failed run leaves no half-bound state and releases its read locks.
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>The same storage forms as <see cref="SqlSession"/> uses for the provider's commands.</summary>
    private int Bind(int position, object? value)
    {
        switch (value)
        {
            case null:
                return raw.sqlite3_bind_null(_statement, position);
            case string text:
                return raw.sqlite3_bind_text(_statement, position, text);
            case long number:
                return raw.sqlite3_bind_int64(_statement, position, number);
            case int number:
                return raw.sqlite3_bind_int64(_statement, position, number);
            case double real:
                return raw.sqlite3_bind_double(_statement, position, real);
            case bool flag:
                return raw.sqlite3_bind_int64(_statement, position, flag ? 1 : 0);
            case Guid id:
                Span<byte> text36 = stackalloc byte[36];
                id.TryFormat(text36, out _);
                return raw.sqlite3_bind_text(_statement, position, text36);
            case byte[] bytes:
                return raw.sqlite3_bind_blob(_statement, position, bytes);
            case decimal exact:
                // As the provider stores decimals: text, so no precision is lost to a double.
                return raw.sqlite3_bind_text(_statement, position, SqlSession.DecimalText(exact));
            case DateOnly date:
                return raw.sqlite3_bind_text(_statement, position, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            default:
                throw new ArgumentException($"no SQLite storage form for a parameter of type {value.GetType().Name}", nameof(value));
        }
    }

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _database);
}
