using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Testing;

namespace Lifeline.Server.Tests;

public sealed class CorridorApiTests : IAsyncLifetime
{
    private LoopbackHost _host = null!;
    private Guid _operation;
    private Guid _entry;
    private Guid _exit;

    private HttpClient Client => _host.Client;

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync();
        _operation = await _host.CreateOperationAsync();
        _entry = await Site("Bustan al-Qasr crossing", "checkpoint");
        _exit = await Site("Ramouseh crossing", "checkpoint");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<Guid> Site(string name, string kind)
    {
        var response = await Client.PostAsJsonAsync($"/operations/{_operation}/sites", new { name, kind, location = new { latitude = 36.19, longitude = 37.14 } });
        return (await Json(response)).GetProperty("id").GetGuid();
    }

    private Task<HttpResponseMessage> Define(string name, params Guid[] checkpoints) => Client.PostAsJsonAsync($"/operations/{_operation}/corridors", new
    {
        name,
        route = new { type = "LineString", coordinates = new[] { new[] { 37.16, 36.20 }, [37.14, 36.19] } },
        checkpointIds = checkpoints.Length == 0 ? [_entry, _exit] : checkpoints,
        categories = new[] { "civilians", "wounded_and_sick" },
        capacityPerHour = 400,
        authority = "Ministry of Defence",
        directions = "outbound",
    });

    private async Task<Guid> OpenCorridor(string name)
    {
        var id = (await Json(await Define(name))).GetProperty("id").GetGuid();
        var opened = await Client.PostAsJsonAsync($"/operations/{_operation}/corridors/{id}/status", new { status = "open", reason = "announced", authority = "Ministry of Defence" });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        return id;
    }

    [Fact]
    public async Task A_corridor_opened_with_a_daily_window_is_open_inside_it_and_knows_its_next_window()
    {
        var corridor = await OpenCorridor("Civilian corridor 1");
        var window = await Client.PostAsJsonAsync($"/operations/{_operation}/corridors/{corridor}/windows", new { recurrence = "daily", firstDay = "2016-07-28", dailyFrom = "08:00", dailyTo = "16:00" });
        Assert.Equal(HttpStatusCode.Created, window.StatusCode);

        // The corridor was opened "now", so ask about a day after now, in the operation's time zone (UTC+3 all year since 2022).
        var day = DateTime.UtcNow.Date.AddDays(2);
        var inside = await Json(await Client.GetAsync($"/operations/{_operation}/corridors/{corridor}/open?at={day:yyyy-MM-dd}T06:00:00Z"));
        var evening = await Json(await Client.GetAsync($"/operations/{_operation}/corridors/{corridor}/open?at={day:yyyy-MM-dd}T14:00:00Z"));

        Assert.True(inside.GetProperty("open").GetBoolean());
        Assert.Equal("open", inside.GetProperty("status").GetString());
        Assert.False(evening.GetProperty("open").GetBoolean());
        Assert.Equal(new DateTimeOffset(day.AddDays(1).AddHours(5), TimeSpan.Zero), evening.GetProperty("nextWindow").GetProperty("start").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_corridor_detail_shows_its_status_history_with_reason_authority_and_who_recorded_it()
    {
        var corridor = await OpenCorridor("Civilian corridor 2");
        await Client.PostAsJsonAsync($"/operations/{_operation}/corridors/{corridor}/status", new { status = "paused", reason = "shelling near the crossing", authority = "Ministry of Defence" });

        var detail = await Json(await Client.GetAsync($"/operations/{_operation}/corridors/{corridor}"));

        Assert.Equal("paused", detail.GetProperty("corridor").GetProperty("status").GetString());
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["planned>open", "open>paused"], history.Select(h => $"{h.GetProperty("from").GetString()}>{h.GetProperty("to").GetString()}"));
        Assert.Equal("shelling near the crossing", history[1].GetProperty("reason").GetString());
        Assert.Equal($"user:{_host.AdministratorId}", history[1].GetProperty("recordedBy").GetString());
    }

    [Fact]
    public async Task A_closed_corridor_cannot_be_paused()
    {
        var corridor = await OpenCorridor("Civilian corridor 3");
        await Client.PostAsJsonAsync($"/operations/{_operation}/corridors/{corridor}/status", new { status = "closed", reason = "end of operation", authority = "Ministry of Defence" });

        var response = await Client.PostAsJsonAsync($"/operations/{_operation}/corridors/{corridor}/status", new { status = "paused", reason = "x", authority = "y" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("final", (await Json(response)).GetProperty("errors").GetProperty("status")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overlapping_window_is_a_409_and_a_cancelled_one_no_longer_blocks()
    {
        var corridor = await OpenCorridor("Civilian corridor 4");
        var first = await Json(await Client.PostAsJsonAsync($"/operations/{_operation}/corridors/{corridor}/windows", new { recurrence = "once", start = "2016-08-02T08:00", end = "2016-08-02T12:00" }));
        var windowId = first.GetProperty("receipt").GetProperty("entries")[0].GetProperty("stream").GetString()!.Split('/')[1];

        var overlapping = await Client.PostAsJsonAsync($"/operations/{_operation}/corridors/{corridor}/windows", new { recurrence = "once", start = "2016-08-02T11:00", end = "2016-08-02T13:00" });
        var cancelled = await Client.PostAsJsonAsync($"/operations/{_operation}/corridors/{corridor}/windows/{windowId}/cancel", new { reason = "convoy delayed" });
        var retried = await Client.PostAsJsonAsync($"/operations/{_operation}/corridors/{corridor}/windows", new { recurrence = "once", start = "2016-08-02T11:00", end = "2016-08-02T13:00" });

        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var windows = (await Json(await Client.GetAsync($"/operations/{_operation}/corridors/{corridor}"))).GetProperty("windows").EnumerateArray().ToList();
        Assert.True(windows[0].GetProperty("cancelled").GetBoolean());
        Assert.Equal(2, windows[0].GetProperty("sequence").GetInt32());
    }

    [Fact]
    public async Task A_humanitarian_pause_opens_several_corridors_at_once()
    {
        var first = await OpenCorridor("Civilian corridor 5");
        var second = await OpenCorridor("Civilian corridor 6");

        var response = await Client.PostAsJsonAsync($"/operations/{_operation}/pauses", new { corridorIds = new[] { first, second }, start = "2016-08-10T10:00", end = "2016-08-10T13:00", reason = "UN-requested pause" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, (await Json(response)).GetProperty("receipt").GetProperty("entries").GetArrayLength());
        foreach (var corridor in new[] { first, second })
        {
            var window = (await Json(await Client.GetAsync($"/operations/{_operation}/corridors/{corridor}"))).GetProperty("windows")[0];
            Assert.Equal("2016-08-10T10:00", window.GetProperty("start").GetString());
            Assert.NotEqual(JsonValueKind.Null, window.GetProperty("pauseId").ValueKind);
        }
    }

    [Fact]
    public async Task A_corridor_through_a_site_that_is_not_a_checkpoint_is_a_422_naming_its_position()
    {
        var warehouse = await Site("Hamdaniyah warehouse", "warehouse");

        var response = await Define("Bad corridor", _entry, warehouse);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("not a checkpoint", (await Json(response)).GetProperty("errors").GetProperty("checkpointIds[1]")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instant_that_does_not_parse_is_a_400_naming_at()
    {
        var corridor = await OpenCorridor("Civilian corridor 7");

        var response = await Client.GetAsync($"/operations/{_operation}/corridors/{corridor}/open?at=tomorrow");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("at", out _));
    }
}
