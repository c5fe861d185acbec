using System.Globalization;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;
using Microsoft.Playwright;

namespace Lifeline.EndToEnd;

/// <summary>The relief logistics pages in the system Chromium, over the demo operation: stock, the situation report, the dashboard's tonnage.</summary>
[Collection(nameof(DemoSite))]
public sealed class LogisticsPagesTests(DemoSite site)
{
    private const string DistributionPoint = "Bustan al-Qasr distribution point";

    [Fact]
    public async Task A_logistics_officer_receives_stock_at_a_distribution_point_and_its_officer_issues_from_it()
    {
        var point = site.Host.Store.Read(session => SitesProjection.FindByName(session, site.Operation, DistributionPoint))!.Id.Value;
        var row = $"#stock tr[data-site='{point}'][data-commodity='CANNED-MEAT-12'][data-lot='']";

        var logistics = await site.SignInAsync("demo-logistics");
        await logistics.GotoAsync($"{site.OperationPath}/stock");
        var before = await OnHand(logistics, row);
        await logistics.Locator("#receive-siteId").SelectOptionAsync(new SelectOptionValue { Label = DistributionPoint });
        await logistics.Locator("#receive-commodityId").SelectOptionAsync(new SelectOptionValue { Label = "CANNED-MEAT-12 (carton)" });
        await logistics.Locator("#receive-quantity").FillAsync("40");
        await logistics.Locator("#receive-source").FillAsync("Transfer from the Hamdaniyah warehouse by hand cart");
        await logistics.Locator("#receive").ClickAsync();
        await Receipt(logistics, "stock.received");
        Assert.Equal(before + 40, await OnHand(logistics, row));
        await logistics.Context.CloseAsync();

        // The distribution officer may issue only at their own point, and may not receive.
        var officer = await site.SignInAsync("demo-distribution");
        await officer.GotoAsync($"{site.OperationPath}/stock");
        Assert.Equal([DistributionPoint], await officer.Locator("#issue-siteId option").AllInnerTextsAsync());
        Assert.Equal(0, await officer.Locator("#receive").CountAsync());
        await officer.Locator("#issue-commodityId").SelectOptionAsync(new SelectOptionValue { Label = "CANNED-MEAT-12 (carton)" });
        await officer.Locator("#issue-quantity").FillAsync("15");
        await officer.Locator("#issue-issuedTo").FillAsync("Families of block 4");
        await officer.Locator("#issue").ClickAsync();
        await Receipt(officer, "stock.issued");
        Assert.Equal(before + 25, await OnHand(officer, row));
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task Issuing_more_than_is_on_hand_shows_the_error_next_to_the_quantity_and_records_nothing()
    {
        var page = await site.SignInAsync("demo-distribution");
        await page.GotoAsync($"{site.OperationPath}/stock");
        var head = Head();

        await page.Locator("#issue-commodityId").SelectOptionAsync(new SelectOptionValue { Label = "CANNED-MEAT-12 (carton)" });
        await page.Locator("#issue-quantity").FillAsync("100000");
        await page.Locator("#issue-issuedTo").FillAsync("Families of block 5");
        await page.Locator("#issue").ClickAsync();

        var error = page.Locator("#issue-quantity-error");
        await error.WaitForAsync();
        Assert.Contains("would go negative", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("#issue-quantity").GetAttributeAsync("aria-invalid"));
        Assert.Equal("issue-quantity-error", await page.Locator("#issue-quantity").GetAttributeAsync("aria-describedby"));
        Assert.Equal("100000", await page.Locator("#issue-quantity").InputValueAsync());
        Assert.Equal("Families of block 5", await page.Locator("#issue-issuedTo").InputValueAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Status).CountAsync());
        Assert.Equal(head, Head());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Picking_suggests_the_lot_that_expires_first()
    {
        var page = await site.SignInAsync("demo-observer");
        await page.GotoAsync($"{site.OperationPath}/stock");
        await page.Locator("#pickSite").SelectOptionAsync(new SelectOptionValue { Label = "Hmeimim air base" });
        await page.Locator("#pickCommodity").SelectOptionAsync(new SelectOptionValue { Label = "MED-BASIC-KIT" });
        await page.Locator("#pickQuantity").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suggest lots" }).ClickAsync();

        // The demo leaves 10 kits of BK-2016-094 (expiring end of 2016) and 30 of BK-2016-118 (2017) at the hub.
        var lots = await page.Locator("#picks tbody th").AllInnerTextsAsync();
        Assert.Equal(["BK-2016-094", "BK-2016-118"], lots.Select(l => l.Trim()));
        Assert.Equal(["10 kit", "2 kit"], (await page.Locator("#picks tbody td.number").AllInnerTextsAsync()).Select(t => t.Trim()));
        await page.Context.CloseAsync();
    }

    private long Head() => site.Host.Store.Read(session => LogReader.Head(session, site.Operation.Value))!.Value.Sequence;

    private static async Task<decimal> OnHand(IPage page, string row) =>
        await page.Locator(row).CountAsync() == 0
            ? 0
            : decimal.Parse((await page.Locator($"{row} td.on-hand").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);

    private static async Task Receipt(IPage page, string type)
    {
        var receipt = page.GetByRole(AriaRole.Status);
        await receipt.GetByText(type).First.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Matches("^#[0-9]+$", (await receipt.Locator(".sequence").First.InnerTextAsync()).Trim());
        Assert.Matches("^[0-9a-f]{64}$", (await receipt.Locator("code.hash").First.InnerTextAsync()).Trim());
    }
}
