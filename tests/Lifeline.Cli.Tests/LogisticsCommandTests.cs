using System.Text.RegularExpressions;

namespace Lifeline.Cli.Tests;

/// <summary>The stock, movement, incident and report commands on a data directory holding the demo operation.</summary>
public sealed partial class LogisticsCommandTests : DemoCommandTests
{
    [GeneratedRegex("Movement ([0-9a-f-]{36})")]
    private static partial Regex MovementId();

    [GeneratedRegex("manifest ([0-9a-f-]{36}) for")]
    private static partial Regex ManifestId();

    [Fact]
    public async Task The_sitrep_of_the_demo_week_shows_the_tons_the_food_coverage_and_the_lost_helicopter()
    {
        var (exit, output, _) = await Run("report", "sitrep", "--from", "2016-07-28", "--to", "2016-08-03");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Matches(@"total\s+18\.790\s+18\.597\s+0\.000\s+0\.000\s+0\.093\s+0\.100", output);
        Assert.Matches(@"air\s+7\.830", output);
        Assert.Contains("= 28,150 person-days at 2,100 kcal per person per day (Sphere)", output, StringComparison.Ordinal);
        Assert.Matches(@"Hamdaniyah relief warehouse\s+WHEAT-FLOUR-50\s+68 bag\s+3,400 kg\s+3\.4 days of supply", output);
        Assert.Contains("1 lost", output, StringComparison.Ordinal);
        Assert.Contains("2016-08-01 11:20 aircraft_lost near Saraqib, Idlib governorate: killed 5, injured 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sitrep_as_hxl_and_a_range_backwards_is_a_usage_error()
    {
        var hxl = await Run("report", "sitrep", "--from", "2016-07-28", "--to", "2016-08-03", "--format", "hxl");
        var backwards = await Run("report", "sitrep", "--from", "2016-08-03", "--to", "2016-07-28");

        Assert.Equal(ExitCodes.Ok, hxl.Exit);
        Assert.StartsWith("#date+start,#date+end,#meta+breakdown,#item+key,#x_tons+dispatched", hxl.Output.Split('\n')[1], StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, backwards.Exit);
        Assert.Contains("--to: to is on or after from", backwards.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sortie_is_planned_manifested_within_its_derated_payload_and_departs()
    {
        var planned = await Run("movements", "plan", "--mode", "air", "--origin", "Hmeimim air base", "--destination", "University stadium helipad", "--departure", "2016-08-02T09:00:00+03:00", "--crew", "4", "--aircraft", "Mi-8AMTSh:RA-24533:4000:22", "--derating", "10:15:0");
        var id = MovementId().Match(planned.Output).Groups[1].Value;
        await Run("movements", "approve", id);
        await Run("movements", "load", id);
        var over = await Run("movements", "manifest", id, "--vehicle", "RA-24533", "--line", "WHEAT-FLOUR-50=62");
        var ok = await Run("movements", "manifest", id, "--vehicle", "RA-24533", "--line", "WHEAT-FLOUR-50=40", "--line", "MED-TRAUMA-KIT@TK-2016-031=10");
        var departed = await Run("movements", "depart", id, "--at", "2016-08-02T09:05:00+03:00");
        var shown = await Run("movements", "show", id[^12..]);

        Assert.Equal(ExitCodes.Ok, planned.Exit);
        Assert.Equal(ExitCodes.Failed, over.Exit);
        Assert.Contains("refused: lines: the manifest weighs 3,100 kg, 40 kg over the derated payload of 3,060 kg of vehicle 'RA-24533'", over.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, ok.Exit);
        Assert.Contains("(movement.departed.v1)", departed.Output, StringComparison.Ordinal);
        Assert.Matches("for RA-24533, 2,380 kg, 4.8 m3 \\(sealed [0-9a-f]{64}\\)", shown.Output);
        Assert.Contains("usable 3,060 kg", shown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_departed_sortie_is_inspected_corrected_and_delivered_with_its_discrepancy_and_reason()
    {
        var planned = await Run("movements", "plan", "--mode", "air", "--origin", "Hmeimim air base", "--destination", "University stadium helipad", "--departure", "2016-08-02T09:00:00+03:00", "--crew", "4", "--aircraft", "Mi-8AMTSh:RA-24533:4000");
        var id = MovementId().Match(planned.Output).Groups[1].Value;
        await Run("movements", "approve", id);
        await Run("movements", "load", id);
        await Run("movements", "manifest", id, "--vehicle", "RA-24533", "--line", "WHEAT-FLOUR-50=40", "--line", "RICE-25=20");
        await Run("movements", "depart", id, "--at", "2016-08-02T09:05:00+03:00");
        var manifest = ManifestId().Match((await Run("movements", "show", id)).Output).Groups[1].Value;

        var inspected = await Run("movements", "inspect", manifest, "--organisation", "Observer mission", "--differs", "1=38");
        var corrected = await Run("movements", "correct", manifest, "--line", "WHEAT-FLOUR-50=38", "--line", "RICE-25=20", "--reason", "two bags left behind");
        await Run("movements", "arrive", id, "--at", "2016-08-02T10:20:00+03:00");
        var noReason = await Run("movements", "deliver", id, "--received-by", "helipad team", "--all-received", "--line", "RA-24533:1=38");
        var delivered = await Run("movements", "deliver", id, "--received-by", "helipad team", "--all-received", "--line", "RA-24533:1=37+1", "--reason", "RA-24533:1=two bags left behind, one torn", "--at", "2016-08-02T11:00:00+03:00");
        var shown = await Run("movements", "show", id);

        Assert.Equal(ExitCodes.Ok, inspected.Exit);
        Assert.Equal(ExitCodes.Ok, corrected.Exit);
        Assert.Equal(ExitCodes.Failed, noReason.Exit);
        Assert.Contains("refused: lines[0].reason: short 2 of 40 departed", noReason.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, delivered.Exit);
        Assert.Contains("inspected by Observer mission: differs line 1: 40 manifested, 38 found", shown.Output, StringComparison.Ordinal);
        Assert.Contains($"(correction of {manifest}: two bags left behind)", shown.Output, StringComparison.Ordinal);
        Assert.Contains("delivered line 1: 37 of 40 - short 2, damaged 1 of 40 departed: two bags left behind, one torn", shown.Output, StringComparison.Ordinal);
        Assert.Contains("delivered line 2: 20 of 20", shown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stock_that_is_not_there_cannot_be_issued_and_picking_goes_first_expiry_first()
    {
        var issue = await Run("stock", "issue", "--site", "Hamdaniyah relief warehouse", "--commodity", "WHEAT-FLOUR-50", "--quantity", "69", "--to", "Ramouseh distribution point");
        var pick = await Run("stock", "pick", "--site", "Hmeimim air base", "--commodity", "MED-BASIC-KIT", "--quantity", "45", "--on", "2016-08-02");
        var received = await Run("stock", "receive", "--site", "Hmeimim air base", "--commodity", "MED-BASIC-KIT", "--quantity", "5", "--source", "donor");

        Assert.Equal(ExitCodes.Failed, issue.Exit);
        Assert.Contains("would go negative: 68 bag (3,400 kg) on hand, 69 bag (3,450 kg) wanted", issue.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, pick.Exit);
        Assert.Matches(@"BK-2016-094\s+expires 2016-12-31 pick 10 kit[\s\S]*BK-2016-118\s+expires 2017-11-30 pick 30 kit[\s\S]*short by 5 kit", pick.Output);
        Assert.Equal(ExitCodes.Failed, received.Exit);
        Assert.Contains("refused: lot: MED-BASIC-KIT is lot-tracked", received.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sealed_manifest_line_changed_directly_in_theDatabase_fails_lifeline_verify()
    {
        var intact = await Run("verify");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Data, "lifeline.db")};Pooling=False"))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE manifest_lines SET quantity = quantity + 5000 WHERE line = 1 AND manifest_id = (SELECT manifest_id FROM manifests WHERE sealed_hash IS NOT NULL ORDER BY recorded_seq DESC LIMIT 1)";
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        var tampered = await Run("verify");

        Assert.Equal(ExitCodes.Ok, intact.Exit);
        Assert.Equal(ExitCodes.Failed, tampered.Exit);
        Assert.Contains("its lines were changed after sealing [sealed]", tampered.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stock_changed_directly_in_the_database_passes_the_log_check_but_fails_verify_projections()
    {
        var intact = await Run("verify", "--projections");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Data, "lifeline.db")};Pooling=False"))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE stock_lots SET on_hand = on_hand + 1000 WHERE rowid = (SELECT min(rowid) FROM stock_lots)";
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        var logOnly = await Run("verify");
        var tampered = await Run("verify", "--projections");

        Assert.Equal(ExitCodes.Ok, intact.Exit);
        Assert.Matches(@"Rebuilt [0-9]+ projection tables from [0-9]+ entries: all [0-9]+ rows match the database", intact.Output);
        Assert.Equal(ExitCodes.Ok, logOnly.Exit);
        Assert.Equal(ExitCodes.Failed, tampered.Exit);
        Assert.Matches(@"FAILED: projection table stock_lots, row \(site_id='[0-9a-f-]{36}', commodity_id='[0-9a-f-]{36}', lot='[^']*'\): on_hand is [0-9]+ in the database, but [0-9]+ from the log in ", tampered.Error);
    }

    [Fact]
    public async Task Erasing_an_incidents_entry_leaves_its_narrative_unreadable_and_the_log_verifying()
    {
        long sequence;
        using (var store = Storage.DataDirectory.Open(Data).OpenStore(TimeProvider.System))
        {
            sequence = store.Read(session => Storage.Writing.LogReader.AllEntries(session).First(e => e.Type == "incident.recorded.v1" && e.BodyText.Contains("near Saraqib", StringComparison.Ordinal)).Sequence);
        }

        var before = await Run("incidents", "list");
        var erased = await Run("erase", "--entry", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var again = await Run("erase", "--entry", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var missing = await Run("erase", "--entry", "999999");
        var after = await Run("incidents", "list");
        var verified = await Run("verify", "--projections");

        Assert.Contains("Shot down on the return flight", before.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, erased.Exit);
        Assert.Contains($"Erased the personal data of entry {sequence} (incident.recorded.v1): 1 key(s) deleted", erased.Output, StringComparison.Ordinal);
        Assert.Contains("holds no personal data that can still be read", again.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, missing.Exit);
        Assert.Contains("--entry: the log of", missing.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Shot down on the return flight", after.Output, StringComparison.Ordinal);
        Assert.Contains("killed 5, injured 0; cargo -; (erased)", after.Output, StringComparison.Ordinal);
        Assert.Contains("Convoy held for three hours", after.Output, StringComparison.Ordinal);
        Assert.True(verified.Exit == ExitCodes.Ok, verified.Error);
    }

    [Fact]
    public async Task Incidents_are_listed_with_counts_and_a_second_loss_of_the_same_aircraft_is_refused()
    {
        var list = await Run("incidents", "list");
        var lostSortie = (await Run("movements", "list", "--status", "lost")).Output.Split('\n')[1][..36];
        var again = await Run("incidents", "record", "--kind", "aircraft_lost", "--at", "2016-08-01T12:00:00+03:00", "--movement", lostSortie, "--killed", "0");

        Assert.Contains("aircraft_lost        near Saraqib, Idlib governorate    killed 5, injured 0", list.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, again.Exit);
        Assert.Contains("is lost", again.Error, StringComparison.Ordinal);
    }
}
