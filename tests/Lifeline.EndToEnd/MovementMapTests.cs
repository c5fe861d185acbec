using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Lifeline.EndToEnd;

/// <summary>
/// A convoy that has left and not arrived is drawn on the map. It has a demo of its own, because the shared
/// demo's movements have all arrived by the frozen clock and the other tests count on its figures.
/// </summary>
public sealed class MovementMapTests : IAsyncLifetime
{
    private readonly DemoSite _site = new();

    public Task InitializeAsync() => _site.InitializeAsync();

    public Task DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task A_departed_convoy_is_a_line_from_origin_to_destination_whose_popup_opens_the_movement()
    {
        var movement = await DepartConvoy();

        var page = await _site.SignInAsync("demo-observer");
        await page.GotoAsync($"{_site.OperationPath}/map");
        await page.Locator("#map[data-ready='true']").WaitForAsync();

        Assert.Equal("1", await page.Locator("#map").GetAttributeAsync("data-movements"));
        var line = page.Locator("path.movement.movement-road");
        Assert.Equal(1, await line.CountAsync());
        var box = await line.BoundingBoxAsync();
        Assert.True(box is { Width: > 10 } or { Height: > 10 }, "the convoy's line has a visible length on the map");

        await line.DispatchEventAsync("click");
        var popup = page.Locator(".leaflet-popup-content");
        await popup.GetByText("Departed", new() { Exact = false }).WaitForAsync();
        await popup.GetByText("KAMAZ-E2E").WaitForAsync();
        var details = await popup.GetByRole(AriaRole.Link, new() { Name = "Details" }).GetAttributeAsync("href");
        Assert.Equal($"{_site.OperationPath}/movements/{movement}", details);
        var opened = await page.GotoAsync(details!);
        Assert.Equal(200, opened!.Status);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DemoSite.Screenshots, "movement.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    /// <summary>Plans, loads and dispatches a convoy of one sack from a lot in stock, through the API as a coordinator would.</summary>
    private async Task<Guid> DepartConvoy()
    {
        _site.Host.Coordinate(_site.Operation.Value);
        var client = _site.Host.Client;
        var operation = $"/operations/{_site.Operation.Value}";
        var lot = (await Json(await client.GetAsync($"{operation}/stock"))).EnumerateArray()
            .First(l => !l.GetProperty("quarantined").GetBoolean() && l.GetProperty("quantity").GetDecimal() >= 1 && l.GetProperty("unit").GetString() != "kit");
        var origin = lot.GetProperty("siteId").GetGuid();
        var destination = (await Json(await client.GetAsync($"{operation}/sites"))).EnumerateArray()
            .First(s => s.GetProperty("kind").GetString() == "distribution_point").GetProperty("id").GetGuid();

        var planned = await client.PostAsJsonAsync($"{operation}/movements", new
        {
            mode = "road",
            originSiteId = origin,
            destinationSiteId = destination,
            plannedDeparture = "2016-07-30T11:00:00+03:00",
            crew = 2,
            trucks = new[] { new { id = "KAMAZ-E2E", payloadKg = 10_000, volumeM3 = 40 } },
        });
        var movement = (await Json(planned)).GetProperty("id").GetGuid();
        await Ok(client.PostAsJsonAsync($"{operation}/movements/{movement}/status", new { status = "approved" }));
        await Ok(client.PostAsJsonAsync($"{operation}/movements/{movement}/status", new { status = "loading" }));
        await Ok(client.PostAsJsonAsync($"{operation}/movements/{movement}/manifests", new
        {
            vehicleId = "KAMAZ-E2E",
            lines = new[] { new { commodityId = lot.GetProperty("commodityId").GetGuid(), lot = lot.GetProperty("lot").GetString(), quantity = 1 } },
        }));
        await Ok(client.PostAsJsonAsync($"{operation}/movements/{movement}/depart", new { occurredAt = "2016-07-30T11:30:00+03:00" }));
        return movement;
    }

    private static async Task Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
