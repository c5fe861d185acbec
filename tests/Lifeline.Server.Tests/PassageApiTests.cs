using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Storage.Writing;
using Lifeline.Testing;

namespace Lifeline.Server.Tests;

public sealed class PassageApiTests : IAsyncLifetime
{
    // The corridor opens "now"; passages are recorded tomorrow, inside the 08:00-16:00 window (UTC+3).
    private static readonly DateTime Tomorrow = DateTime.UtcNow.Date.AddDays(1);
    private static readonly DateTimeOffset NineLocal = new(Tomorrow.AddHours(6), TimeSpan.Zero);

    private LoopbackHost _host = null!;
    private Guid _operation;
    private Guid _corridor;
    private Guid _gate;
    private Guid _crossing;

    private HttpClient Client => _host.Client;

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync();
        _operation = await _host.CreateOperationAsync();
        _gate = await Site("Inner gate", 36.20, 37.17);
        _crossing = await Site("Crossing", 36.19, 37.14);
        var crossing = _crossing;
        var corridor = await Client.PostAsJsonAsync($"/operations/{_operation}/corridors", new
        {
            name = "Civilian corridor",
            route = new { type = "LineString", coordinates = new[] { new[] { 37.17, 36.20 }, [37.14, 36.19] } },
            checkpointIds = new[] { _gate, crossing },
            categories = new[] { "civilians", "wounded_and_sick" },
            capacityPerHour = 100,
            authority = "Ministry of Defence",
        });
        _corridor = (await Json(corridor)).GetProperty("id").GetGuid();
        await Client.PostAsJsonAsync($"/operations/{_operation}/corridors/{_corridor}/status", new { status = "open", reason = "announced", authority = "Ministry of Defence" });
        await Client.PostAsJsonAsync($"/operations/{_operation}/corridors/{_corridor}/windows", new { recurrence = "daily", firstDay = Tomorrow.AddDays(-1).ToString("yyyy-MM-dd"), dailyFrom = "08:00", dailyTo = "16:00" });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_checkpoint_officer_records_at_their_checkpoint_only()
    {
        var atGate = _host.ClientFor(Lifeline.Storage.Accounts.Role.CheckpointOfficer, _operation, _gate);
        var atCrossing = _host.ClientFor(Lifeline.Storage.Accounts.Role.CheckpointOfficer, _operation, _crossing);
        var passage = new { corridorId = _corridor, checkpointId = _gate, direction = "outbound", occurredAt = NineLocal, counts = new[] { Cell("civilians", "female", "18-59", 5) } };

        var refused = await atCrossing.PostAsJsonAsync($"/operations/{_operation}/passages", passage);
        var recorded = await atGate.PostAsJsonAsync($"/operations/{_operation}/passages", passage);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("not assigned", (await Json(refused)).GetProperty("errors").GetProperty("checkpointId")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal(5, (await Summary()).GetProperty("outbound").GetInt64());
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<Guid> Site(string name, double latitude, double longitude)
    {
        var response = await Client.PostAsJsonAsync($"/operations/{_operation}/sites", new { name, kind = "checkpoint", location = new { latitude, longitude } });
        return (await Json(response)).GetProperty("id").GetGuid();
    }

    private Task<HttpResponseMessage> Passage(DateTimeOffset at, object[] counts, string? outOfWindowReason = null, Guid? corrects = null) =>
        Client.PostAsJsonAsync($"/operations/{_operation}/passages", new { corridorId = _corridor, checkpointId = _gate, direction = "outbound", occurredAt = at, counts, outOfWindowReason, corrects });

    private static object Cell(string category, string sex, string ageBand, int count) => new { category, sex, ageBand, count };

    private async Task<JsonElement> Summary() =>
        await Json(await Client.GetAsync($"/operations/{_operation}/corridors/{_corridor}/flow/summary?at={NineLocal.AddHours(3):yyyy-MM-ddTHH:mm:ssZ}"));

    [Fact]
    public async Task A_recorded_passage_changes_the_corridor_total_and_its_breakdown()
    {
        var response = await Passage(NineLocal, [Cell("civilians", "female", "18-59", 30), Cell("civilians", "male", "0-4", 12), Cell("wounded_and_sick", "male", "60+", 3)]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        // The log entry is dated when the people passed, as an imported passage is, not when it was sent.
        Assert.Equal(NineLocal, _host.Store.Read(session => LogReader.Entries(session, _operation).Last()).OccurredAt);
        var summary = await Summary();
        Assert.Equal(45, summary.GetProperty("outbound").GetInt64());
        Assert.Equal(42, summary.GetProperty("byCategory").EnumerateArray().Single(b => b.GetProperty("key").GetString() == "civilians").GetProperty("people").GetInt64());
        Assert.Equal(30, summary.GetProperty("bySex").EnumerateArray().Single(b => b.GetProperty("key").GetString() == "female").GetProperty("people").GetInt64());
        Assert.Equal("0-4", summary.GetProperty("byAgeBand")[0].GetProperty("key").GetString());
        Assert.Equal(45.0 / 8 / 100, summary.GetProperty("rateAgainstCapacity").GetDouble(), 6);
    }

    [Fact]
    public async Task A_category_not_allowed_is_a_422_naming_its_cell_and_records_nothing()
    {
        var response = await Passage(NineLocal, [Cell("fighters_under_amnesty", "male", "18-59", 4)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("counts[0].category", out _));
        Assert.Equal(0, (await Summary()).GetProperty("outbound").GetInt64());
    }

    [Fact]
    public async Task A_passage_outside_the_window_needs_a_reason_and_is_flagged_in_the_flow()
    {
        var evening = NineLocal.AddHours(10);

        var refused = await Passage(evening, [Cell("wounded_and_sick", "female", "18-59", 2)]);
        var accepted = await Passage(evening, [Cell("wounded_and_sick", "female", "18-59", 2)], outOfWindowReason: "medical evacuation after dark");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.True((await Json(refused)).GetProperty("errors").TryGetProperty("outOfWindowReason", out _));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var flow = await Json(await Client.GetAsync($"/operations/{_operation}/corridors/{_corridor}/flow?by=hour"));
        Assert.Equal(2, flow.GetProperty("buckets")[0].GetProperty("outOfWindowPeople").GetInt64());
    }

    [Fact]
    public async Task A_correction_replaces_the_original_in_the_flow()
    {
        var original = await Json(await Passage(NineLocal, [Cell("civilians", "female", "18-59", 300)]));
        var originalId = Guid.Parse(original.GetProperty("receipt").GetProperty("entries")[0].GetProperty("stream").GetString()!.Split('/')[1]);

        var correction = await Passage(NineLocal, [Cell("civilians", "female", "18-59", 30)], corrects: originalId);
        var again = await Passage(NineLocal, [Cell("civilians", "female", "18-59", 31)], corrects: originalId);

        Assert.Equal(HttpStatusCode.Created, correction.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(30, (await Summary()).GetProperty("outbound").GetInt64());
        var day = await Json(await Client.GetAsync($"/operations/{_operation}/corridors/{_corridor}/flow?by=day"));
        var bucket = day.GetProperty("buckets").EnumerateArray().Single();
        Assert.Equal(30, bucket.GetProperty("people").GetInt64());
        Assert.Equal(1, bucket.GetProperty("passages").GetInt64());
    }

    [Fact]
    public async Task The_estimate_says_when_the_remaining_people_would_be_out()
    {
        await Passage(NineLocal, [Cell("civilians", "female", "18-59", 400)]);

        var estimate = await Json(await Client.GetAsync($"/operations/{_operation}/evacuation-estimate?remaining=1600&at={NineLocal.AddHours(7):yyyy-MM-ddTHH:mm:ssZ}"));

        // Planned capacity 100/h for 8 open hours a day: 1,600 people take two full days of windows.
        var expected = new DateTimeOffset(Tomorrow.AddDays(2).AddHours(13), TimeSpan.Zero);
        Assert.Equal(expected, estimate.GetProperty("outAtPlannedCapacity").GetDateTimeOffset());
        Assert.Equal(50, estimate.GetProperty("peoplePerOpenHour").GetDouble(), 6);
        Assert.Single(estimate.GetProperty("corridors").EnumerateArray());
    }
}
