using Lifeline.Log.Chain;
using Lifeline.Storage.Database;
using Lifeline.Storage.Writing;
using Lifeline.Testing;

namespace Lifeline.Storage.Tests;

/// <summary>Migrations carry what a database already holds into the new schema.</summary>
public class MigrationTests
{
    [Fact]
    public void Idempotency_keys_already_used_keep_working_for_the_actor_who_used_them()
    {
        using var temp = new TempDirectory();
        using var session = StoreFixture.OpenSession(Path.Combine(temp.Path, "lifeline.db"));
        var before = Migrations.All.Single(m => m.Name == "idempotency keys scoped by operation and actor").Version;
        foreach (var migration in Migrations.All.Where(m => m.Version < before))
        {
            migration.Apply(session);
        }

        var operation = Guid.CreateVersion7();
        var at = new DateTimeOffset(2016, 7, 30, 9, 0, 0, TimeSpan.Zero);
        LogReader.Insert(session, new LogEntry(operation, 1, Guid.CreateVersion7(), "operation.created.v1", $"operation/{operation}", 1, "user:officer-1", "tablet-7", at, at, "tablet-7:0001", "{}"u8.ToArray(), LogEntry.GenesisHash, new byte[32]));
        foreach (var key in new[] { "tablet-7:0001", "refused-before-recording" })
        {
            session.Execute(
                "INSERT INTO idempotency_keys (key, fingerprint, operation_id, receipt) VALUES ($key, $fingerprint, $op, '{}')",
                ("$key", key),
                ("$fingerprint", new byte[] { 1, 2, 3 }),
                ("$op", operation));
        }

        Migrations.All.Single(m => m.Version == before).Apply(session);

        var keys = session.Query("SELECT operation_id, actor, key FROM idempotency_keys ORDER BY key", row => (row.GetString(0), row.GetString(1), row.GetString(2)));
        Assert.Equal([(operation.ToString(), "", "refused-before-recording"), (operation.ToString(), "user:officer-1", "tablet-7:0001")], keys);
    }
}
