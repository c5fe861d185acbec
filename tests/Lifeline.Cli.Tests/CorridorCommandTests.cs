namespace Lifeline.Cli.Tests;

/// <summary>The corridor, passage and export commands on a data directory holding the demo operation.</summary>
public sealed class CorridorCommandTests : DemoCommandTests
{
    [Fact]
    public async Task Corridors_list_shows_the_demo_corridors_and_their_status()
    {
        var (exit, output, _) = await Run("corridors", "list");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("Castello Road amnesty corridor", output, StringComparison.Ordinal);
        Assert.Equal(4, output.Split('\n').Skip(1).Count(line => line.Contains(" open ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pausing_records_the_reason_and_a_closed_corridor_cannot_be_paused()
    {
        var paused = await Run("corridors", "pause", "Ramouseh civilian corridor", "--reason", "shelling near the crossing", "--authority", "Defence ministry");
        var closed = await Run("corridors", "close", "Ramouseh civilian corridor", "--reason", "crossing destroyed", "--authority", "Defence ministry");
        var again = await Run("corridors", "pause", "Ramouseh civilian corridor", "--reason", "x", "--authority", "y");
        var shown = await Run("corridors", "show", "Ramouseh civilian corridor");

        Assert.Equal(ExitCodes.Ok, paused.Exit);
        Assert.Contains("(corridor.status-changed.v1)", paused.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, closed.Exit);
        Assert.Equal(ExitCodes.Failed, again.Exit);
        Assert.Contains("refused: status: corridor 'Ramouseh civilian corridor' is closed, which is final", again.Error, StringComparison.Ordinal);
        Assert.Contains("open -> paused: shelling near the crossing (authority: Defence ministry", shown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passage_at_night_without_a_reason_is_refused_and_with_one_is_recorded()
    {
        string[] passage = ["passages", "record", "--corridor", "Salah al-Din civilian corridor", "--checkpoint", "Salah al-Din inner gate", "--at", "2016-08-03T22:10:00+03:00", "--count", "civilians:female:18-59=2", "--count", "civilians:male:0-4=1"];

        var refused = await Run(passage);
        var recorded = await Run([.. passage, "--out-of-window-reason", "family reunited at night by agreement"]);

        Assert.Equal(ExitCodes.Failed, refused.Exit);
        Assert.Contains("refused: outOfWindowReason:", refused.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, recorded.Exit);
        Assert.Contains("(passage.recorded.v1)", recorded.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_count_is_a_usage_error_naming_the_option()
    {
        var (exit, _, error) = await Run("passages", "record", "--corridor", "Salah al-Din civilian corridor", "--checkpoint", "Salah al-Din inner gate", "--count", "civilians-female-12");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--count: 'civilians-female-12' is not CATEGORY:SEX:AGE=N", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_a_file_twice_records_it_once_and_a_bad_file_names_its_line()
    {
        var good = Temp.File("good.csv");
        await File.WriteAllTextAsync(good, "meta/instanceID,corridor,checkpoint,occurred_at,civilians_female_18_59\nuuid:1,Bustan al-Qasr civilian corridor,Bustan al-Qasr inner gate,2016-08-04T10:00:00+03:00,7\n");
        var bad = Temp.File("bad.csv");
        await File.WriteAllTextAsync(bad, "meta/instanceID,corridor,checkpoint,occurred_at,civilians_female_18_59\nuuid:2,Bustan al-Qasr civilian corridor,Bustan al-Qasr inner gate,yesterday,7\n");

        var first = await Run("passages", "import", good);
        var second = await Run("passages", "import", good);
        var broken = await Run("passages", "import", bad);

        Assert.Contains("Recorded 1 passages from good.csv; 0 were already imported.", first.Output, StringComparison.Ordinal);
        Assert.Contains("Recorded 0 passages from good.csv; 1 were already imported.", second.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, broken.Exit);
        Assert.Contains("bad.csv: line 2, occurred_at: 'yesterday' is not a date and time with an offset", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_write_iCalendar_GeoJSON_and_HXL()
    {
        var ics = Temp.File("windows.ics");

        var calendar = await Run("export", "corridors", "--format", "ics", "--output", ics);
        var geojson = await Run("export", "corridors", "--format", "geojson");
        var hxl = await Run("export", "passages", "--format", "hxl");
        var unknown = await Run("export", "corridors", "--format", "kml");

        Assert.Equal(ExitCodes.Ok, calendar.Exit);
        var text = await File.ReadAllTextAsync(ics);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split("BEGIN:VEVENT").Length - 1);
        Assert.Contains("\"type\": \"FeatureCollection\"", geojson.Output, StringComparison.Ordinal);
        Assert.StartsWith("#date+occurred,", hxl.Output.Split('\n')[1], StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, unknown.Exit);
    }
}
