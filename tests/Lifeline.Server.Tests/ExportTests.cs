using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Ical.Net.DataTypes;
using Lifeline.Server.Demo;
using Lifeline.Testing;

namespace Lifeline.Server.Tests;

/// <summary>Exports of the demo operation, each read back with an independent parser.</summary>
public sealed class ExportTests : IAsyncLifetime
{
    private LoopbackHost _host = null!;
    private Guid _operation;

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync();
        _operation = DemoOperation.Load(_host.Store, TimeProvider.System).Value;
        _host.Coordinate(_operation);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonElement> Json(string path) => JsonDocument.Parse(await _host.Client.GetStringAsync(path)).RootElement;

    [Fact]
    public async Task The_iCalendar_export_parses_with_Ical_Net_and_holds_every_window()
    {
        var corridors = (await Json($"/operations/{_operation}/corridors")).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        var first = (await Json($"/operations/{_operation}/corridors/{corridors[0]}")).GetProperty("windows")[0].GetProperty("id").GetGuid();
        await _host.Client.PostAsJsonAsync($"/operations/{_operation}/corridors/{corridors[0]}/windows/{first}/cancel", new { reason = "replaced by a pause" });
        await _host.Client.PostAsJsonAsync($"/operations/{_operation}/pauses", new { corridorIds = corridors.Take(2), start = "2016-09-02T10:00", end = "2016-09-02T13:00", reason = "pause" });

        var response = await _host.Client.GetAsync($"/operations/{_operation}/exports/windows.ics");
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var windowIds = new List<Guid>();
        foreach (var corridor in corridors)
        {
            windowIds.AddRange((await Json($"/operations/{_operation}/corridors/{corridor}")).GetProperty("windows").EnumerateArray().Select(w => w.GetProperty("id").GetGuid()));
        }

        Assert.Equal(6, windowIds.Count);
        Assert.Equal(windowIds.Select(id => $"{id}@lifeline").Order(), calendar.Events.Select(e => e.Uid).Order());
        var cancelled = calendar.Events.Single(e => e.Uid == $"{first}@lifeline");
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(1, cancelled.Sequence);
        var daily = calendar.Events.First(e => e.Uid != cancelled.Uid && e.RecurrenceRule is not null);
        Assert.Equal(0, daily.Sequence);

        // The daily window opens at 08:00 in Damascus, 05:00 UTC in summer 2016, every day until 31 August.
        var occurrences = daily.GetOccurrences(new CalDateTime(2016, 7, 28, 0, 0, 0, "UTC"), null).TakeWhile(o => o.Period.StartTime.AsUtc < new DateTime(2016, 9, 30, 0, 0, 0, DateTimeKind.Utc)).ToList();
        Assert.Equal(35, occurrences.Count);
        Assert.Equal(new DateTime(2016, 7, 28, 5, 0, 0, DateTimeKind.Utc), occurrences[0].Period.StartTime.AsUtc);
        Assert.Equal(new DateTime(2016, 8, 31, 5, 0, 0, DateTimeKind.Utc), occurrences[^1].Period.StartTime.AsUtc);
        Assert.Equal(2, calendar.Events.Count(e => e.Categories.Contains("HUMANITARIAN PAUSE")));
    }

    [Fact]
    public async Task The_GeoJSON_export_is_an_RFC_7946_feature_collection_with_longitude_first()
    {
        var geojson = await Json($"/operations/{_operation}/exports/corridors.geojson");
        var sites = (await Json($"/operations/{_operation}/sites")).EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);

        Assert.Equal("FeatureCollection", geojson.GetProperty("type").GetString());
        Assert.False(geojson.TryGetProperty("crs", out _));
        var features = geojson.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(4, features.Count);
        foreach (var feature in features)
        {
            Assert.Equal("Feature", feature.GetProperty("type").GetString());
            Assert.Equal("LineString", feature.GetProperty("geometry").GetProperty("type").GetString());
            var start = feature.GetProperty("geometry").GetProperty("coordinates")[0];
            var gate = sites[feature.GetProperty("properties").GetProperty("checkpoints")[0].GetString()!].GetProperty("location");
            Assert.Equal(gate.GetProperty("longitude").GetDouble(), start[0].GetDouble());
            Assert.Equal(gate.GetProperty("latitude").GetDouble(), start[1].GetDouble());
        }

        var zones = await Json($"/operations/{_operation}/zones");
        foreach (var zone in zones.GetProperty("features").EnumerateArray())
        {
            var ring = zone.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
            Assert.Equal(ring[0], ring[^1]);
            var signedArea = ring.Zip(ring.Skip(1)).Sum(pair => (pair.First.Item1 * pair.Second.Item2) - (pair.Second.Item1 * pair.First.Item2));
            Assert.True(signedArea > 0, "exterior rings run counterclockwise (RFC 7946 section 3.1.6)");
        }
    }

    [Fact]
    public async Task The_HXL_export_has_a_hashtag_row_and_totals_that_add_up()
    {
        var text = await _host.Client.GetStringAsync($"/operations/{_operation}/exports/passages.hxl.csv");
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Parser.Record!);
        }

        var tags = rows[1];
        Assert.All(tags, tag => Assert.Matches("^#[a-z][a-z0-9_]*(\\+[a-z][a-z0-9_]*)*$", tag));
        Assert.Contains("#reached+f+children", tags);
        Assert.Contains("#loc+code", tags);
        var total = Array.IndexOf(tags, "#reached+ind+total");
        var sexAge = tags.Select((tag, i) => (tag, i)).Where(t => t.tag.StartsWith("#reached+f+", StringComparison.Ordinal) || t.tag.StartsWith("#reached+m+", StringComparison.Ordinal) || t.tag.StartsWith("#reached+sex_unknown+", StringComparison.Ordinal)).Select(t => t.i).ToList();
        Assert.Equal(11, sexAge.Count);
        var passages = rows.Skip(2).ToList();
        Assert.NotEmpty(passages);
        Assert.All(passages, row => Assert.Equal(int.Parse(row[total], CultureInfo.InvariantCulture), sexAge.Sum(i => int.Parse(row[i], CultureInfo.InvariantCulture))));
        var outOfWindow = Assert.Single(passages, row => row[Array.IndexOf(tags, "#x_out_of_window")] == "yes");
        Assert.Equal("1", outOfWindow[Array.IndexOf(tags, "#x_vehicles")]);
    }

    [Fact]
    public async Task Text_typed_or_imported_reaches_the_passages_export_as_text_a_spreadsheet_will_not_run()
    {
        // A corridor and checkpoints named like formulas, a reason typed through the API and one brought in by an
        // import: each reaches the partners' CSV prefixed with a quote, while the counts stay numbers.
        var operation = await _host.CreateOperationAsync("Formula injection");
        var tomorrow = DateTime.UtcNow.Date.AddDays(1);
        var evening = new DateTimeOffset(tomorrow.AddHours(16), TimeSpan.Zero);
        async Task<Guid> Id(Task<HttpResponseMessage> request)
        {
            using var response = await request;
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        }

        var gate = await Id(_host.Client.PostAsJsonAsync($"/operations/{operation}/sites", new { name = "-2+3", kind = "checkpoint", location = new { latitude = 36.20, longitude = 37.17 } }));
        var crossing = await Id(_host.Client.PostAsJsonAsync($"/operations/{operation}/sites", new { name = "+1+1", kind = "checkpoint", location = new { latitude = 36.19, longitude = 37.14 } }));
        var corridor = await Id(_host.Client.PostAsJsonAsync($"/operations/{operation}/corridors", new
        {
            name = "@SUM(A1:A9)",
            route = new { type = "LineString", coordinates = new[] { new[] { 37.17, 36.20 }, [37.14, 36.19] } },
            checkpointIds = new[] { gate, crossing },
            categories = new[] { "civilians" },
            capacityPerHour = 100,
            authority = "Ministry of Defence",
        }));
        await Id(_host.Client.PostAsJsonAsync($"/operations/{operation}/corridors/{corridor}/status", new { status = "open", reason = "announced", authority = "Ministry of Defence" }));
        await Id(_host.Client.PostAsJsonAsync($"/operations/{operation}/corridors/{corridor}/windows", new { recurrence = "daily", firstDay = tomorrow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), dailyFrom = "08:00", dailyTo = "16:00" }));
        const string Hyperlink = "=HYPERLINK(\"http://evil.example\",\"Click\")";
        var counts = new[] { new { category = "civilians", sex = "female", ageBand = "18-59", count = 2 } };
        await Id(_host.Client.PostAsJsonAsync($"/operations/{operation}/passages", new { corridorId = corridor, checkpointId = gate, direction = "outbound", occurredAt = evening, counts, outOfWindowReason = Hyperlink }));
        using var import = new StringContent(
            $"corridor,checkpoint,occurred_at,direction,out_of_window_reason,tally/civilians_male_18_59\n@SUM(A1:A9),+1+1,{evening.AddHours(1):yyyy-MM-dd'T'HH:mm:ss'+00:00'},outbound,\"-2+3, said the driver\",3\n",
            Encoding.UTF8,
            "text/csv");
        using var imported = await _host.Client.PostAsync($"/operations/{operation}/passages/import", import);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var text = await _host.Client.GetStringAsync($"/operations/{operation}/exports/passages.hxl.csv");

        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Parser.Record!);
        }

        var tags = rows[1];
        var passages = rows.Skip(2).OrderBy(row => row[Array.IndexOf(tags, "#date+occurred")], StringComparer.Ordinal).ToList();
        Assert.Equal(2, passages.Count);
        Assert.All(passages, row => Assert.Equal("'@SUM(A1:A9)", row[Array.IndexOf(tags, "#x_corridor+name")]));
        Assert.Equal(["'-2+3", "'+1+1"], passages.Select(row => row[Array.IndexOf(tags, "#loc+name")]));
        Assert.Equal(["'" + Hyperlink, "'-2+3, said the driver"], passages.Select(row => row[Array.IndexOf(tags, "#description+out_of_window")]));
        Assert.Equal(["2", "3"], passages.Select(row => row[Array.IndexOf(tags, "#reached+ind+total")]));
        Assert.All(passages.SelectMany(row => row), cell => Assert.DoesNotMatch("^[=+\\-@\t\r\n]", cell));
        // Quoted as OWASP asks, its own quotes doubled.
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\"", text, StringComparison.Ordinal);
    }
}
