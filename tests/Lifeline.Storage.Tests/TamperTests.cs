using System.Text;
using Lifeline.Log.Verification;
using Lifeline.Storage.Verification;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Tests;

public class TamperTests
{
    private static long LoadDemo(StoreFixture fixture, string marker)
    {
        Server.Demo.DemoOperation.Load(fixture.Store, TimeProvider.System);
        return fixture.Store.Read(s => LogReader.AllEntries(s).Single(e => e.BodyText.Contains(marker, StringComparison.Ordinal)).Sequence);
    }

    [Fact]
    public void One_byte_flipped_in_an_entry_body_in_the_SQLite_file_is_named_by_verify()
    {
        using var fixture = new StoreFixture();
        const string Marker = "\"name\":\"Castello Road checkpoint\"";
        var sequence = LoadDemo(fixture, Marker);
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

    [Fact]
    public void A_deleted_entry_is_detected()
    {
        using var fixture = new StoreFixture();
        var sequence = LoadDemo(fixture, "\"name\":\"Saraqib conflict zone\"");
        using (var session = StoreFixture.OpenSession(fixture.Directory.DatabasePath))
        {
            session.Execute("DELETE FROM log_entries WHERE sequence = $seq", ("$seq", sequence));
        }

        var failure = StoreVerification.Run(fixture.Directory.DatabasePath, fixture.Store.PublicKey).FirstFailure!;

        Assert.Equal(sequence, failure.Sequence);
        Assert.Equal(FailureKind.Sequence, failure.Kind);
    }

    [Fact]
    public void A_rewritten_actor_is_detected_even_though_the_body_is_untouched()
    {
        using var fixture = new StoreFixture();
        var sequence = LoadDemo(fixture, "\"name\":\"Hmeimim air base\"");
        using (var session = StoreFixture.OpenSession(fixture.Directory.DatabasePath))
        {
            session.Execute("UPDATE log_entries SET actor = 'someone-else' WHERE sequence = $seq", ("$seq", sequence));
        }

        var failure = StoreVerification.Run(fixture.Directory.DatabasePath, fixture.Store.PublicKey).FirstFailure!;

        Assert.Equal(sequence, failure.Sequence);
        Assert.Equal(FailureKind.Hash, failure.Kind);
    }

    [Fact]
    public void A_database_checked_against_another_servers_key_fails_on_the_first_checkpoint()
    {
        using var fixture = new StoreFixture();
        LoadDemo(fixture, "\"name\":\"Hmeimim air base\"");
        using var stranger = Lifeline.Log.Signing.ServerKey.CreateEphemeral();

        var failure = StoreVerification.Run(fixture.Directory.DatabasePath, stranger.PublicKey).FirstFailure!;

        Assert.Equal(FailureKind.Signature, failure.Kind);
    }

    [Fact]
    public void An_intact_demo_database_verifies_every_entry()
    {
        using var fixture = new StoreFixture();
        LoadDemo(fixture, "\"name\":\"Hmeimim air base\"");

        var verification = StoreVerification.Run(fixture.Directory.DatabasePath, fixture.Store.PublicKey);

        Assert.True(verification.Succeeded);
        Assert.Equal(fixture.EntryCount(), verification.EntriesVerified);
        Assert.Equal(1, verification.CheckpointsVerified);
    }
}
