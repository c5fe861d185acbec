using System.Text;
using Lifeline.Log.Verification;
using Lifeline.Storage.Verification;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Tests;

/// <summary>Tampering behind the store's back is caught by verification, on either store.</summary>
public abstract class TamperContract
{
    protected abstract StoreKind Kind { get; }

    internal static long LoadDemo(StoreFixture fixture, string marker)
    {
        Server.Demo.DemoOperation.Load(fixture.Store, TimeProvider.System);
        return fixture.Store.Read(s => LogReader.AllEntries(s).Single(e => e.BodyText.Contains(marker, StringComparison.Ordinal)).Sequence);
    }

    [SkippableFact]
    public void A_deleted_entry_is_detected()
    {
        using var fixture = new StoreFixture(Kind);
        var sequence = LoadDemo(fixture, "\"name\":\"Saraqib conflict zone\"");
        fixture.Tamper("DELETE FROM log_entries WHERE sequence = $seq", ("$seq", sequence));

        var failure = fixture.Verify().FirstFailure!;

        Assert.Equal(sequence, failure.Sequence);
        Assert.Equal(FailureKind.Sequence, failure.Kind);
    }

    [SkippableFact]
    public void A_rewritten_actor_is_detected_even_though_the_body_is_untouched()
    {
        using var fixture = new StoreFixture(Kind);
        var sequence = LoadDemo(fixture, "\"name\":\"Hmeimim air base\"");
        fixture.Tamper("UPDATE log_entries SET actor = 'someone-else' WHERE sequence = $seq", ("$seq", sequence));

        var failure = fixture.Verify().FirstFailure!;

        Assert.Equal(sequence, failure.Sequence);
        Assert.Equal(FailureKind.Hash, failure.Kind);
    }

    [SkippableFact]
    public void A_database_checked_against_another_servers_key_fails_on_the_first_checkpoint()
    {
        using var fixture = new StoreFixture(Kind);
        LoadDemo(fixture, "\"name\":\"Hmeimim air base\"");
        using var stranger = Lifeline.Log.Signing.ServerKey.CreateEphemeral();

        var failure = fixture.Verify(stranger.PublicKey).FirstFailure!;

        Assert.Equal(FailureKind.Signature, failure.Kind);
    }

    [SkippableFact]
    public void An_intact_demo_database_verifies_every_entry()
    {
        using var fixture = new StoreFixture(Kind);
        LoadDemo(fixture, "\"name\":\"Hmeimim air base\"");

        var verification = fixture.Verify();

        Assert.True(verification.Succeeded);
        Assert.Equal(fixture.EntryCount(), verification.EntriesVerified);
        Assert.Equal(1, verification.CheckpointsVerified);
    }
}

public sealed class SqliteTamperTests : TamperContract
{
    protected override StoreKind Kind => StoreKind.Sqlite;

    [Fact]
    public void One_byte_flipped_in_an_entry_body_in_the_SQLite_file_is_named_by_verify()
    {
        using var fixture = new StoreFixture();
        const string Marker = "\"name\":\"Castello Road checkpoint\"";
        var sequence = TamperContract.LoadDemo(fixture, Marker);
        fixture.Close();

        var bytes = File.ReadAllBytes(fixture.Directory.DatabasePath);
        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Marker));
        Assert.True(at > 0, "the entry body is in the database file");
        bytes[at + Marker.IndexOf('C', StringComparison.Ordinal)] = (byte)'K';
        File.WriteAllBytes(fixture.Directory.DatabasePath, bytes);

        var failure = StoreVerification.Run(fixture.Directory.DatabasePath, fixture.Directory.ReadPublicKey()).FirstFailure;

        Assert.NotNull(failure);
        Assert.Equal(sequence, failure.Sequence);
        Assert.Equal(FailureKind.Hash, failure.Kind);
        fixture.Reopen();
    }
}

public sealed class PostgresTamperTests : TamperContract
{
    protected override StoreKind Kind => StoreKind.Postgres;

    [SkippableFact]
    public void A_body_rewritten_in_the_database_is_named_by_verify()
    {
        using var fixture = new StoreFixture(Kind);
        var sequence = TamperContract.LoadDemo(fixture, "\"name\":\"Castello Road checkpoint\"");

        fixture.Tamper(
            "UPDATE log_entries SET body = convert_to(replace(convert_from(body, 'UTF8'), 'Castello', 'Kastello'), 'UTF8') WHERE sequence = $seq",
            ("$seq", sequence));

        var failure = fixture.Verify().FirstFailure!;
        Assert.Equal(sequence, failure.Sequence);
        Assert.Equal(FailureKind.Hash, failure.Kind);
    }
}
