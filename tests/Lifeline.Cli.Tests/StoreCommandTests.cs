using Lifeline.Testing;

namespace Lifeline.Cli.Tests;

/// <summary><c>init --database</c>, <c>migrate</c>, <c>copy</c> and <c>verify</c> against a real PostgreSQL server.</summary>
public class StoreCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> Lifeline(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await LifelineCommand.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [SkippableFact]
    public async Task A_data_directory_on_postgres_is_migrated_by_init_remembers_its_database_and_verifies()
    {
        using var schema = TestPostgres.CreateSchema();
        using var temp = new TempDirectory();
        var data = temp.File("shared");

        var init = await Lifeline("init", "--data", data, "--database", schema.ConnectionString, "--operation", "Aleppo 2016", "--time-zone", "Asia/Damascus");
        Assert.True(init.Exit == ExitCodes.Ok, init.Error);
        Assert.Contains($"(schema {schema.Name})", init.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "lifeline.db")), "no SQLite file is made for a shared database");

        var migrate = await Lifeline("migrate", "--data", data);
        Assert.Equal(ExitCodes.Ok, migrate.Exit);
        Assert.Contains("is already at schema version", migrate.Output, StringComparison.Ordinal);

        var verified = await Lifeline("verify", "--data", data);
        Assert.True(verified.Exit == ExitCodes.Ok, verified.Error);
        Assert.Contains("Verified 1 entries and 1 signed checkpoints in 1 operation log(s)", verified.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Copy_moves_the_demo_from_sqlite_to_postgres_with_the_same_hashes_and_verifies_it()
    {
        using var schema = TestPostgres.CreateSchema();
        using var temp = new TempDirectory();
        var data = temp.File("laptop");
        using (var directory = new DemoDirectory(data))
        {
        }

        var copy = await Lifeline("copy", "--from", "sqlite:" + Path.Combine(data, "lifeline.db"), "--to", schema.ConnectionString);

        Assert.True(copy.Exit == ExitCodes.Ok, copy.Error);
        Assert.Matches(@"Copied 1 operation log\(s\), \d+ entries and 1 signed checkpoints", copy.Output);
        Assert.Contains("every entry hash and checkpoint matches the source", copy.Output, StringComparison.Ordinal);
        Assert.Contains("Verified", copy.Output, StringComparison.Ordinal);

        var again = await Lifeline("copy", "--from", "sqlite:" + Path.Combine(data, "lifeline.db"), "--to", schema.ConnectionString);
        Assert.Equal(ExitCodes.Failed, again.Exit);
        Assert.Contains("already holds log", again.Error, StringComparison.Ordinal);

        // The copy is a working store: the data directory's key verifies it there too.
        var verify = await Lifeline("verify", "--data", data, "--database", schema.ConnectionString);
        Assert.True(verify.Exit == ExitCodes.Ok, verify.Error);

        // The sealed personal data travelled with the keys that open it: the copy reads the incidents' narratives.
        using var copied = Storage.DataDirectory.Open(data, schema.ConnectionString).OpenStore(TimeProvider.System);
        var narratives = copied.Read(session => Storage.Writing.LogReader.LogIds(session)
            .SelectMany(log => Storage.Incidents.IncidentsProjection.List(session, new Domain.Primitives.OperationId(log)))
            .Select(incident => (Stored: incident.Narrative, Text: Storage.Protection.SealedText.Open(copied.PersonalData!, session, incident.Narrative)))
            .ToList());
        Assert.NotEmpty(narratives);
        Assert.All(narratives, n => Assert.True(Storage.Protection.SealedText.IsSealed(n.Stored) && n.Text is { Length: > 0 }, n.Stored));
    }

    [Fact]
    public async Task A_malformed_database_address_is_named_and_nothing_is_created()
    {
        using var temp = new TempDirectory();
        var data = temp.File("nothing");

        var init = await Lifeline("init", "--data", data, "--database", "mysql://somewhere/db", "--operation", "Aleppo 2016");

        Assert.Equal(ExitCodes.DataDirectory, init.Exit);
        Assert.Contains("the database is not usable", init.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task Copy_refuses_an_address_that_is_not_a_store()
    {
        var copy = await Lifeline("copy", "--from", "ftp://example/x", "--to", "sqlite:/tmp/never.db");

        Assert.Equal(ExitCodes.Usage, copy.Exit);
        Assert.Contains("--from:", copy.Error, StringComparison.Ordinal);
    }

    /// <summary>A data directory holding the demo operation on SQLite, as a coordinator's laptop would.</summary>
    private sealed class DemoDirectory : IDisposable
    {
        public DemoDirectory(string path)
        {
            var directory = Storage.DataDirectory.Initialize(path, TimeProvider.System);
            using var store = directory.OpenStore(TimeProvider.System);
            Server.Demo.DemoOperation.Load(store, TimeProvider.System);
        }

        public void Dispose() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
