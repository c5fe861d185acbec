using System.Net;
using System.Net.Http.Json;

namespace Lifeline.Server.Tests;

/// <summary>Dates and times in query strings, and corridor windows' days and times, are held to 1900-2199 like body dates.</summary>
public sealed partial class BoundsTests
{
    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("1899-12-31T23:59:59Z")]
    [InlineData("2200-01-01T00:00:00Z")]
    public async Task A_time_in_a_query_string_outside_1900_to_2199_is_refused_naming_the_parameter_and_the_range(string time)
    {
        var corridor = await Corridor();
        var at = Uri.EscapeDataString(time);

        await AssertRefused(await _host.Client.GetAsync($"{Api}/corridors/{corridor}/flow?from={at}&to=2016-07-29T00:00:00Z"), "from");
        await AssertRefused(await _host.Client.GetAsync($"{Api}/corridors/{corridor}/flow?from=2016-07-28T00:00:00Z&to={at}"), "to");
        await AssertRefused(await _host.Client.GetAsync($"{Api}/corridors/{corridor}/flow/summary?at={at}"), "at");
        await AssertRefused(await _host.Client.GetAsync($"{Api}/evacuation-estimate?remaining=1000&at={at}"), "at");
        await AssertRefused(await _host.Client.GetAsync($"{Api}/corridors/{corridor}/open?at={at}"), "at");
    }

    [Theory]
    [InlineData("0001-01-01T03:00:00+03:00")]
    [InlineData("9999-12-31T20:00:00-05:00")]
    [InlineData("10000-01-01T00:00:00Z")]
    public async Task A_time_in_a_query_string_too_far_out_to_be_read_is_refused_naming_the_parameter_and_the_range(string time)
    {
        var corridor = await Corridor();
        var at = Uri.EscapeDataString(time);

        await AssertRefused(await _host.Client.GetAsync($"{Api}/corridors/{corridor}/flow?from={at}&to=2016-07-29T00:00:00Z"), "from");
        await AssertRefused(await _host.Client.GetAsync($"{Api}/corridors/{corridor}/flow/summary?at={at}"), "at");
        await AssertRefused(await _host.Client.GetAsync($"{Api}/evacuation-estimate?remaining=1000&at={at}"), "at");
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("1899-12-31")]
    [InlineData("2200-01-01")]
    [InlineData("0000-01-01")]
    [InlineData("10000-01-01")]
    public async Task A_date_in_a_query_string_outside_1900_to_2199_is_refused_naming_the_parameter_and_the_range(string day)
    {
        await AssertRefused(await _host.Client.GetAsync($"{Api}/reports/sitrep?from={day}&to=2016-07-30"), "from");
        await AssertRefused(await _host.Client.GetAsync($"{Api}/reports/sitrep?from=2016-07-28&to={day}"), "to");
        await AssertRefused(await _host.Client.GetAsync($"{Api}/exports/sitrep.hxl.csv?from={day}&to={day}"), "from");
        await AssertRefused(await _host.Client.GetAsync($"{Api}/incidents?from={day}"), "from");
        await AssertRefused(await _host.Client.GetAsync($"{Api}/incidents?to={day}"), "to");
        await AssertRefused(await _host.Client.GetAsync($"{Api}/movements?from={day}"), "from");
        await AssertRefused(await _host.Client.GetAsync($"{Api}/movements?to={day}"), "to");
        await AssertRefused(await _host.Client.GetAsync($"{Api}/stock/picking?siteId={_hub}&commodityId={_flour}&quantity=1&on={day}"), "on");
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-28")]
    public async Task The_situation_report_page_refuses_days_outside_1900_to_2199_next_to_the_field(string day)
    {
        using var browser = Browser();
        var end = DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var response = await browser.GetAsync($"{App}/reports/sitrep?from={day}&to={end}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1900-01-01", html, StringComparison.Ordinal);
        Assert.Contains("2199-12-31", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-30")]
    [InlineData("1899-12-31")]
    [InlineData("2200-01-01")]
    public async Task A_corridor_window_or_pause_outside_1900_to_2199_is_refused_naming_the_field_and_the_range(string day)
    {
        var corridor = await Corridor();
        var head = Head();

        await AssertRefused(await _host.Client.PostAsJsonAsync($"{Api}/corridors/{corridor}/windows", new { recurrence = "once", start = $"{day}T08:00", end = "2016-07-29T08:00", reason = "announced" }), "start");
        await AssertRefused(await _host.Client.PostAsJsonAsync($"{Api}/corridors/{corridor}/windows", new { recurrence = "once", start = "2016-07-29T08:00", end = $"{day}T08:00", reason = "announced" }), "end");
        await AssertRefused(await _host.Client.PostAsJsonAsync($"{Api}/corridors/{corridor}/windows", new { recurrence = "daily", firstDay = day, dailyFrom = "08:00", dailyTo = "16:00" }), "firstDay");
        await AssertRefused(await _host.Client.PostAsJsonAsync($"{Api}/corridors/{corridor}/windows", new { recurrence = "daily", firstDay = "2016-07-28", lastDay = day, dailyFrom = "08:00", dailyTo = "16:00" }), "lastDay");
        await AssertRefused(await _host.Client.PostAsJsonAsync($"{Api}/pauses", new { corridorIds = new[] { corridor }, start = $"{day}T08:00", end = $"{day}T09:00", reason = "pause" }), "start");
        Assert.Equal(head, Head());
    }

    /// <summary>An open corridor between two checkpoints, with a daily window, so that flow and schedule reads compute.</summary>
    private async Task<Guid> Corridor()
    {
        var entry = await Id(await _host.Client.PostAsJsonAsync($"{Api}/sites", new { name = $"Entry {Guid.NewGuid():N}", kind = "checkpoint", location = new { latitude = 36.20, longitude = 37.16 } }));
        var exit = await Id(await _host.Client.PostAsJsonAsync($"{Api}/sites", new { name = $"Exit {Guid.NewGuid():N}", kind = "checkpoint", location = new { latitude = 36.19, longitude = 37.14 } }));
        var corridor = await Id(await _host.Client.PostAsJsonAsync($"{Api}/corridors", new
        {
            name = $"Corridor {Guid.NewGuid():N}",
            route = new { type = "LineString", coordinates = new[] { new[] { 37.16, 36.20 }, [37.14, 36.19] } },
            checkpointIds = new[] { entry, exit },
            categories = new[] { "civilians" },
            capacityPerHour = 400,
            authority = "Ministry of Defence",
            directions = "outbound",
        }));
        var opened = await _host.Client.PostAsJsonAsync($"{Api}/corridors/{corridor}/status", new { status = "open", reason = "announced", authority = "Ministry of Defence" });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        var window = await _host.Client.PostAsJsonAsync($"{Api}/corridors/{corridor}/windows", new { recurrence = "daily", firstDay = "2016-07-28", dailyFrom = "08:00", dailyTo = "16:00" });
        Assert.True(window.IsSuccessStatusCode, await window.Content.ReadAsStringAsync());
        return corridor;
    }
}
