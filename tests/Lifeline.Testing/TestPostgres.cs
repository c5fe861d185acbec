using Npgsql;
using Xunit;

namespace Lifeline.Testing;

/// <summary>
/// The PostgreSQL server the tests run against, named by <c>LIFELINE_TEST_POSTGRES</c> (an Npgsql connection
/// string; <c>scripts/test-postgres start</c> starts a throwaway one). Without it PostgreSQL tests are skipped,
/// unless <c>LIFELINE_REQUIRE_POSTGRES=1</c> (as CI sets), when its absence fails them.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "LIFELINE_TEST_POSTGRES";

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>A new, empty schema on the test server; dropped with everything in it when disposed.</summary>
    public static Schema CreateSchema()
    {
        var server = Server;
        if (server is null)
        {
            if (Environment.GetEnvironmentVariable("LIFELINE_REQUIRE_POSTGRES") == "1")
            {
                throw new InvalidOperationException($"{Variable} is not set but LIFELINE_REQUIRE_POSTGRES=1: start a server with scripts/test-postgres start");
            }

            Skip.If(true, $"{Variable} is not set: PostgreSQL tests need a server (scripts/test-postgres start)");
        }

        var name = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
            create.ExecuteNonQuery();
        }

        return new Schema(server!, name);
    }

    public sealed class Schema(string server, string name) : IDisposable
    {
        public string Name { get; } = name;

        /// <summary>A connection string whose tables live in this schema.</summary>
        public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(server) { SearchPath = name }.ConnectionString;

        public void Dispose()
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(server);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE", connection);
            drop.ExecuteNonQuery();
        }
    }
}
