using System.Text;
using Lifeline.Log.Verification;
using Lifeline.Storage.Projections;
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
    public void Stock_on_hand_changed_in_the_database_is_named_by_the_projection_check_though_the_log_verifies()
    {
        using var fixture = new StoreFixture(Kind);
        LoadDemo(fixture, "\"name\":\"Hmeimim air base\"");
        var (site, commodity, onHand) = fixture.Store.Read(s => s.Single(
            "SELECT site_id, commodity_id, on_hand FROM stock_lots WHERE lot = '' ORDER BY on_hand DESC LIMIT 1",
            row => Tuple.Create(row.GetString(0), row.GetString(1), row.GetInt64(2)))!);
        fixture.Tamper(
            "UPDATE stock_lots SET on_hand = on_hand + 500 WHERE site_id = $site AND commodity_id = $commodity AND lot = ''",
            ("$site", site),
            ("$commodity", commodity));

        Assert.True(fixture.Verify().Succeeded);
        var difference = fixture.CheckProjections().FirstDifference!;

        Assert.Equal("stock_lots", difference.Table);
        Assert.Equal($"(site_id='{site}', commodity_id='{commodity}', lot='')", difference.Row);
        Assert.Equal($"on_hand is {onHand + 500} in the database, but {onHand} from the log", difference.Detail);
    }

    [SkippableFact]
    public void A_movement_marked_delivered_in_the_database_is_named_by_the_projection_check()
    {
        using var fixture = new StoreFixture(Kind);
        LoadDemo(fixture, "\"name\":\"Hmeimim air base\"");
        var (movement, status) = fixture.Store.Read(s => s.Single(
            "SELECT movement_id, status FROM movements WHERE status <> 'delivered' ORDER BY movement_id LIMIT 1",
            row => Tuple.Create(row.GetString(0), row.GetString(1)))!);
        fixture.Tamper("UPDATE movements SET status = 'delivered' WHERE movement_id = $id", ("$id", movement));

        var difference = fixture.CheckProjections().FirstDifference!;

        Assert.Equal("movements", difference.Table);
        Assert.Equal($"(movement_id='{movement}')", difference.Row);
        Assert.Equal($"status is 'delivered' in the database, but '{status}' from the log", difference.Detail);
    }

    [SkippableFact]
    public void Rows_deleted_from_or_added_to_a_projection_are_named_by_the_projection_check()
    {
        using var fixture = new StoreFixture(Kind);
        LoadDemo(fixture, "\"name\":\"Hmeimim air base\"");
        var incident = fixture.Store.Read(s => s.Scalar<string>("SELECT incident_id FROM incidents ORDER BY incident_id LIMIT 1"))!;
        fixture.Tamper("DELETE FROM incidents WHERE incident_id = $id", ("$id", incident));

        var missing = fixture.CheckProjections().FirstDifference!;
        Assert.Equal("incidents", missing.Table);
        Assert.Equal($"(incident_id='{incident}')", missing.Row);
        Assert.Equal("the log produces it, but it is missing from the database", missing.Detail);


        // A row the log never produced, in a table compared before incidents, is the first difference now.
        const string Forged = "ffffffff-0000-7000-8000-000000000000";
        var site = fixture.Store.Read(s => s.Scalar<string>("SELECT min(site_id) FROM stock_daily_needs"))!;
        fixture.Tamper(
            "INSERT INTO stock_daily_needs (operation_id, site_id, commodity_id, per_day) SELECT operation_id, site_id, $forged, 1 FROM stock_daily_needs WHERE site_id = $site LIMIT 1",
            ("$forged", Forged),
            ("$site", site));

        var extra = fixture.CheckProjections().FirstDifference!;
        Assert.Equal("stock_daily_needs", extra.Table);
        Assert.Equal($"(site_id='{site}', commodity_id='{Forged}')", extra.Row);
        Assert.Equal("it is in the database, but the log does not produce it", extra.Detail);
    }

    [SkippableFact]
    public void An_intact_demo_database_has_every_projection_row_the_log_produces_and_no_other()
    {
        using var fixture = new StoreFixture(Kind);
        LoadDemo(fixture, "\"name\":\"Hmeimim air base\"");

        var check = fixture.CheckProjections();

        Assert.Null(check.FirstDifference);
        Assert.Equal(fixture.EntryCount(), check.EntriesReplayed);
        Assert.Equal(ProjectionSet.Default.Tables.Count(), check.TablesCompared);
        Assert.Equal(fixture.DumpProjections().Count, check.RowsCompared);
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
