using Lifeline.Domain.Primitives;
using Lifeline.Storage;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Writing;
using Npgsql;

namespace Lifeline.Benchmarks;

/// <summary>
/// The data directory a benchmark runs on: the embedded SQLite file, or, with <c>--database</c> naming a
/// PostgreSQL server (an Npgsql connection string), a schema of its own there, dropped afterwards.
/// </summary>
public sealed class BenchmarkStore : IDisposable
{
    private readonly string? _server;
    private readonly string? _schema;

    private BenchmarkStore(DataDirectory directory, string? server, string? schema)
    {
        Directory = directory;
        _server = server;
        _schema = schema;
    }

    public DataDirectory Directory { get; }

    public string Kind => _schema is null ? "SQLite" : "PostgreSQL";

    public static string? DatabaseOption(string[] args)
    {
        var at = Array.IndexOf(args, "--database");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    public static BenchmarkStore Create(string path, TimeProvider clock, string? server)
    {
        if (server is null)
        {
            return new BenchmarkStore(DataDirectory.Initialize(path, clock), null, null);
        }

        var schema = "bench_" + Guid.NewGuid().ToString("N");
        Execute(server, $"CREATE SCHEMA {schema}");
        var database = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
        return new BenchmarkStore(DataDirectory.Initialize(path, clock, database), server, schema);
    }

    /// <summary>A coordinator of the benchmark operation, signed in with an API token as a field device would be.</summary>
    public static string Coordinator(LogStore store, OperationId operation, TimeProvider clock)
    {
        const string username = "bench-coordinator";
        var account = Users.Add(store, username, Users.GeneratePassword(username), administrator: false, clock.GetUtcNow()).Account
            ?? throw new InvalidOperationException("the benchmark user was refused");
        Users.Grant(store, username, operation, Role.Coordinator, []);
        return store.WriteAside(session => Accounts.IssueToken(session, account.Id, "bench", clock.GetUtcNow())).Secret;
    }

    public void Dispose()
    {
        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            Execute(_server, $"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }
    }

    private static void Execute(string server, string sql)
    {
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
