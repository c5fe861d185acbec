using System.Globalization;
using Lifeline.Storage.Sites;
using Microsoft.Playwright;

namespace Lifeline.EndToEnd;

/// <summary>
/// A movement's whole life through the web forms in the system Chromium. It has a demo of its own: departing
/// changes the demo's tonnage, which the shared demo's tests check to the kilogram, and it moves the clock on.
/// </summary>
public sealed class MovementFormsTests(DemoSite site) : IClassFixture<DemoSite>
{
    private const string Hub = "Hmeimim air base";
    private const string Helipad = "University stadium helipad";

    [Fact]
    public async Task A_logistics_officer_plans_a_sortie_manifests_departs_and_delivers_it_and_the_stock_follows()
    {
        var page = await site.SignInAsync("demo-logistics");
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            // A refused form answers 422 by design, which Chromium reports as a failed load; the responses below say which.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource:", StringComparison.Ordinal))
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !(response.Status == 422 && response.Request.Method == "POST"))
            {
                consoleErrors.Add($"{response.Request.Method} {response.Url}: {response.Status}");
            }
        };
        var hub = SiteId(Hub);
        var helipad = SiteId(Helipad);
        var flourAtHub = await OnHand(page, hub, "WHEAT-FLOUR-50");
        var flourAtHelipad = await OnHand(page, helipad, "WHEAT-FLOUR-50");

        // Plan: a Mi-8 of 4,000 kg derated 10 % for range and 15 % for heat may carry 3,060 kg.
        await page.GotoAsync($"{site.OperationPath}/movements");
        await page.Locator("#plan-mode").SelectOptionAsync("air");
        await page.Locator("#plan-originSiteId").SelectOptionAsync(new SelectOptionValue { Label = Hub });
        await page.Locator("#plan-destinationSiteId").SelectOptionAsync(new SelectOptionValue { Label = Helipad });
        await page.Locator("#plan-plannedDeparture").FillAsync("2016-07-30T14:00");
        await page.Locator("#plan-crew").FillAsync("4");
        await page.GetByLabel("Aircraft type").FillAsync("Mi-8AMTSh");
        await page.GetByLabel("Tail number").FillAsync("RA-24533");
        await page.GetByLabel("Maximum payload (kg)").FillAsync("4000");
        await page.GetByLabel("Derating for range (%)").FillAsync("10");
        await page.GetByLabel("Derating for temperature (%)").FillAsync("15");
        await Submit(page, page.Locator("#plan"));
        await Receipt(page, "movement.planned");
        await page.Locator("#planned-movement").ClickAsync();
        await page.Locator("#movement-status").WaitForAsync();
        var movement = page.Url;
        Assert.Equal("planned", await Status(page));
        Assert.Contains("RA-24533 (Mi-8AMTSh): 3,060 kg", await page.Locator("#movement").InnerTextAsync(), StringComparison.Ordinal);

        await ChangeStatus(page, "approved", "Cleared by the joint coordination centre");
        await ChangeStatus(page, "loading", "");

        // A manifest over the derated payload is refused next to its lines, nothing recorded.
        await page.GetByLabel("Commodity, line 1").SelectOptionAsync(new SelectOptionValue { Label = "WHEAT-FLOUR-50 (bag)" });
        await page.GetByLabel("Quantity, line 1").FillAsync("100");
        await page.GetByLabel("Commodity, line 2").SelectOptionAsync(new SelectOptionValue { Label = "MED-TRAUMA-KIT (kit)" });
        await page.GetByLabel("Lot, line 2").FillAsync("TK-2016-031");
        await page.GetByLabel("Quantity, line 2").FillAsync("10");
        await Submit(page, page.Locator("#record-manifest"));
        await page.Locator("#manifest-lines-error").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Contains("over the derated payload of 3,060 kg", await page.Locator("#manifest-lines-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Status).CountAsync());
        Assert.Equal("TK-2016-031", await page.GetByLabel("Lot, line 2").InputValueAsync());

        // 40 bags of flour and 10 trauma kits: 2,000 + 380 kg.
        await page.GetByLabel("Quantity, line 1").FillAsync("40");
        await Submit(page, page.Locator("#record-manifest"));
        await Receipt(page, "manifest.recorded");
        var manifest = page.Locator("article.manifest");
        Assert.Equal("2380", Plain((await manifest.Locator(".total-mass").GetAttributeAsync("data-value"))!));
        Assert.Equal(["40", "10"], (await manifest.Locator("td.quantity").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.value)")).Select(Plain));
        Assert.Equal(0, await manifest.Locator("code.sealed-hash").CountAsync());

        // Departure seals the manifest, shows its hash and takes the flour out of the hub's stock. It is entered an
        // hour later, at 13:00: the "When" field, typed in the operation's time zone, records that it left at 12:40.
        site.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("", await page.Locator("#depart-occurredAt").InputValueAsync());
        Assert.Contains("(Asia/Damascus)", await page.Locator("label[for='depart-occurredAt']").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#depart-occurredAt").FillAsync("2016-07-30T12:40");
        await Submit(page, page.Locator("#depart"));
        await Receipt(page, "movement.departed");
        Assert.Equal("departed", await Status(page));
        var departedAt = new DateTime(2016, 7, 30, 12, 40, 0).ToString("g", CultureInfo.GetCultureInfo("en-GB"));
        Assert.Equal(departedAt, (await page.Locator("#movement dt:has-text('Departed') + dd").InnerTextAsync()).Trim());
        Assert.Equal(departedAt, (await page.Locator("#movement-history tr:has(td:nth-child(3):text-is('Departed')) th").InnerTextAsync()).Trim());
        Assert.Matches("^[0-9a-f]{64}$", (await manifest.Locator("code.sealed-hash").InnerTextAsync()).Trim());
        Assert.Equal(flourAtHub - 40, await OnHand(page, hub, "WHEAT-FLOUR-50"));

        // Arrived, and delivered with one bag torn and one missing.
        await page.GotoAsync(movement);
        await ChangeStatus(page, "arrived", "");
        await page.Locator("#delivery-receivedBy").FillAsync("Stadium helipad team");
        await page.GetByLabel("Received, WHEAT-FLOUR-50").FillAsync("38");
        await page.GetByLabel("Damaged, WHEAT-FLOUR-50").FillAsync("1");
        await Submit(page, page.Locator("#record-delivery"));
        await page.Locator("#delivery-lines-0-reason-error").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal("true", await page.GetByLabel("Reason, WHEAT-FLOUR-50").GetAttributeAsync("aria-invalid"));
        await page.GetByLabel("Reason, WHEAT-FLOUR-50").FillAsync("one bag torn, one missing");
        await Submit(page, page.Locator("#record-delivery"));
        await Receipt(page, "movement.delivered");
        Assert.Equal("delivered", await Status(page));
        Assert.Equal(1, await page.Locator("#delivery tr.discrepancy").CountAsync());
        Assert.Contains("one bag torn, one missing", await page.Locator("#delivery").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DemoSite.Screenshots, "movement-delivered.png"), FullPage = true });
        Assert.Equal(flourAtHelipad + 38, await OnHand(page, helipad, "WHEAT-FLOUR-50"));

        Assert.Empty(consoleErrors);
        await page.Context.CloseAsync();
    }

    private Guid SiteId(string name) => site.Host.Store.Read(session => SitesProjection.FindByName(session, site.Operation, name))!.Id.Value;

    private async Task<decimal> OnHand(IPage page, Guid siteId, string commodity)
    {
        await page.GotoAsync($"{site.OperationPath}/stock");
        var row = page.Locator($"#stock tr[data-site='{siteId}'][data-commodity='{commodity}'][data-lot=''] td.on-hand");
        return await row.CountAsync() == 0 ? 0 : decimal.Parse((await row.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
    }

    private static async Task<string?> Status(IPage page) => await page.Locator("#movement-status").GetAttributeAsync("data-status");

    private static async Task ChangeStatus(IPage page, string status, string reason)
    {
        await page.Locator("#movement-to").SelectOptionAsync(status);
        await page.Locator("#movement-reason").FillAsync(reason);
        await Submit(page, page.GetByRole(AriaRole.Button, new() { Name = "Change status" }));
        await Receipt(page, "movement.status-changed");
        Assert.Equal(status, await Status(page));
    }

    private static string Plain(string value) => decimal.Parse(value, CultureInfo.InvariantCulture).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// Sends a form and waits for the page that answers it, so that the receipt of the form sent before, still on the
    /// page being replaced, is never taken for this one's.
    /// </summary>
    private static async Task Submit(IPage page, ILocator button)
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame)
            {
                answered.TrySetResult();
            }
        }

        page.FrameNavigated += OnNavigated;
        try
        {
            await button.ClickAsync();
            await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
        }

        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    private static async Task Receipt(IPage page, string type)
    {
        var receipt = page.GetByRole(AriaRole.Status);
        await receipt.GetByText(type).First.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Matches("^#[0-9]+$", (await receipt.Locator(".sequence").First.InnerTextAsync()).Trim());
        Assert.Matches("^[0-9a-f]{64}$", (await receipt.Locator("code.hash").First.InnerTextAsync()).Trim());
    }
}
