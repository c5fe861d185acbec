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

    [Fact]
    public async Task The_dashboard_shows_the_demo_tonnage_and_its_chart_by_mode()
    {
        var page = await site.SignInAsync("demo-coordinator");
        await page.GotoAsync(site.OperationPath);
        var report = Report();

        // The demo dispatches 18.79 t in five movements; the dashboard's figures are the report's, to the kilogram.
        Assert.Equal(18.79m, report.Total.Dispatched);
        Assert.Equal(report.Total.Dispatched, await Value(page, "#tons-dispatched .value"));
        Assert.Equal(report.Total.Delivered, await Value(page, "#tons-delivered .value"));
        Assert.Equal(report.Total.InTransit, await Value(page, "#tons-in-transit .value"));
        Assert.Equal(report.Total.Lost, await Value(page, "#tons-lost .value"));
        Assert.Equal("18.790 t", (await page.Locator("#tons-dispatched .value").InnerTextAsync()).Trim());
        Assert.EndsWith("/reports/sitrep?from=2016-07-28&to=2016-08-01", await page.Locator("#tons-dispatched").GetAttributeAsync("href"), StringComparison.Ordinal);

        // The chart's table has a column per mode; its numbers add up to the tons dispatched.
        var cells = page.Locator("#tonnage-by-mode tbody td");
        var values = new List<decimal>();
        foreach (var value in await cells.EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.value)"))
        {
            values.Add(decimal.Parse(value, CultureInfo.InvariantCulture));
        }

        Assert.Equal(report.Total.Dispatched, values.Sum());
        Assert.Equal(report.ByMode.Count, await page.Locator("#tonnage-by-mode thead th[scope=col].number").CountAsync());
        Assert.Equal(values.Count(v => v > 0), await page.Locator("svg.bars rect.mode-air, svg.bars rect.mode-road").Locator("xpath=self::*[@height!='0']").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_situation_report_shows_the_demo_figures_and_its_HXL_export_downloads()
    {
        var page = await site.SignInAsync("demo-observer");
        await page.GotoAsync(site.OperationPath);
        await page.Locator("#tons-delivered").ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Situation report", Level = 1 }).WaitForAsync();
        var report = Report();

        Assert.Equal(report.Total.Dispatched, await Value(page, "#sitrep-total td.dispatched"));
        Assert.Equal(report.Total.Delivered, await Value(page, "#sitrep-total td.delivered"));
        Assert.Equal(report.Total.Lost, await Value(page, "#sitrep-total td.lost"));
        foreach (var mode in report.ByMode)
        {
            Assert.Equal(mode.Dispatched, await Value(page, $"#sitrep-modes tr[data-key='{mode.Key}'] td.dispatched"));
        }

        foreach (var category in report.ByCategory)
        {
            Assert.Equal(category.Delivered, await Value(page, $"#sitrep-categories tr[data-key='{category.Key}'] td.delivered"));
        }

        Assert.Equal(report.ByDay.Count, await page.Locator("#sitrep-days tbody tr").CountAsync());
        Assert.Equal(report.Food.PersonDays.ToString(CultureInfo.InvariantCulture), await page.Locator("#person-days").GetAttributeAsync("data-value"));
        Assert.Equal(report.StockOnHand.Count, await page.Locator("#sitrep-stock tbody tr").CountAsync());
        Assert.Equal(report.Incidents.Count, await page.Locator("#sitrep-incidents tbody tr").CountAsync());
        Assert.Equal(report.MovementsByStatus.Sum(s => s.Movements), (await page.Locator("#sitrep-statuses td").AllInnerTextsAsync()).Sum(t => int.Parse(t, CultureInfo.InvariantCulture)));

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-hxl").ClickAsync());
        Assert.Equal("sitrep.hxl.csv", download.SuggestedFilename);
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.StartsWith("#date+start,#date+end,#meta+breakdown", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("2016-07-28,2016-08-01,total,total,18.790,", StringComparison.Ordinal));

        // A range that ends before it starts is refused next to its field.
        await page.Locator("#to").FillAsync("2016-07-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.Locator("#to-error").WaitForAsync();
        Assert.Equal("true", await page.Locator("#to").GetAttributeAsync("aria-invalid"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_movement_shows_its_lifecycle_sealed_manifest_and_discrepancies_on_delivery()
    {
        var page = await site.SignInAsync("demo-observer");
        await page.GotoAsync($"{site.OperationPath}/movements");
        var movements = site.Host.Store.Read(session => Lifeline.Storage.Movements.MovementsProjection.List(session, site.Operation));
        Assert.Equal(movements.Count, await page.Locator("#movements tbody tr").CountAsync());

        // The first road convoy: two bags short and three soaked on delivery.
        await page.Locator("#movements tbody tr[data-status='delivered'] a", new() { HasText = "KAMAZ 13-41 LT" }).ClickAsync();
        await page.Locator("#movement-status").WaitForAsync();
        Assert.Equal("delivered", await page.Locator("#movement-status").GetAttributeAsync("data-status"));
        Assert.True(await page.Locator("#movement-history tbody tr").CountAsync() >= 2);
        Assert.Matches("^[0-9a-f]{64}$", (await page.Locator(".manifest code.hash").First.InnerTextAsync()).Trim());
        Assert.Equal(2, await page.Locator("#delivery tr.discrepancy").CountAsync());
        Assert.Contains("torn tarpaulin", await page.Locator("#delivery").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private Lifeline.Storage.Reports.SituationReport Report() => site.Host.Store.Read(session =>
    {
        var operation = Lifeline.Storage.Operations.OperationsProjection.Find(session, site.Operation)!;
        return Lifeline.Storage.Reports.SituationReports.Build(session, operation, new DateOnly(2016, 7, 28), new DateOnly(2016, 8, 1));
    });

    private static async Task<decimal> Value(IPage page, string selector) =>
        decimal.Parse((await page.Locator(selector).GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_logistics_officer_records_an_incident_and_sees_it_listed_and_a_wrong_count_is_refused_next_to_it()
    {
        var page = await site.SignInAsync("demo-logistics");
        await page.GotoAsync($"{site.OperationPath}/incidents");
        var listed = await page.Locator("#incidents tbody tr").CountAsync();

        // A wrong count: refused next to its field, the rest kept as typed, nothing recorded.
        var head = Head();
        await page.Locator("#incident-kind").SelectOptionAsync("shelling_near_site");
        await page.Locator("#incident-siteId").SelectOptionAsync(new SelectOptionValue { Label = DistributionPoint });
        await page.Locator("#incident-occurredAt").FillAsync("2016-07-30T10:15");
        await page.Locator("#incident-place").FillAsync("Market street, Bustan al-Qasr");
        await page.Locator("#incident-injured").FillAsync("two");
        await page.Locator("#incident-narrative").FillAsync("Shells landed 200 m from the queue; distribution stopped for an hour.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record an incident" }).ClickAsync();
        await page.Locator("#incident-injured-error").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Contains("not a count", await page.Locator("#incident-injured-error").InnerTextAsync());
        Assert.Equal("true", await page.Locator("#incident-injured").GetAttributeAsync("aria-invalid"));
        Assert.Equal("incident-injured-error", await page.Locator("#incident-injured").GetAttributeAsync("aria-describedby"));
        Assert.Equal(0, await page.Locator("#incident-killed-error").CountAsync());
        Assert.Equal("Market street, Bustan al-Qasr", await page.Locator("#incident-place").InputValueAsync());
        Assert.Equal(head, Head());

        // Corrected, it is recorded with its receipt and listed.
        await page.Locator("#incident-injured").FillAsync("٣");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record an incident" }).ClickAsync();
        await Receipt(page, "incident.recorded");
        Assert.Equal(head + 1, Head());
        // The log entry is dated when the shelling happened, 10:15 in Aleppo, not when it was entered.
        Assert.Equal(new DateTimeOffset(2016, 7, 30, 10, 15, 0, TimeSpan.FromHours(3)), site.Host.Store.Read(session => LogReader.Entries(session, site.Operation.Value, head + 1).Single()).OccurredAt);
        Assert.Equal(listed + 1, await page.Locator("#incidents tbody tr").CountAsync());
        var row = page.Locator("#incidents tbody tr", new() { HasText = "Market street, Bustan al-Qasr" });
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("Shelling near a site", await row.InnerTextAsync());
        Assert.Contains(DistributionPoint, await row.InnerTextAsync());
        Assert.Equal("3", (await row.Locator("td.number").Nth(1).InnerTextAsync()).Trim());
        await page.Context.CloseAsync();

        // An observer reads the incidents and is not offered the form.
        var observer = await site.SignInAsync("demo-observer");
        await observer.GotoAsync($"{site.OperationPath}/incidents");
        Assert.Equal(listed + 1, await observer.Locator("#incidents tbody tr").CountAsync());
        Assert.Equal(0, await observer.Locator("#incident-form").CountAsync());
        await observer.Context.CloseAsync();
    }

    [Fact]
    public async Task A_logistics_officer_approves_a_planned_convoy_and_an_abort_without_reason_is_refused_next_to_it()
    {
        var page = await site.SignInAsync("demo-logistics");
        await page.GotoAsync($"{site.OperationPath}/movements");
        await page.Locator("#movements tbody tr[data-status='planned'] a", new() { HasText = "KAMAZ 13-62 LT" }).ClickAsync();
        await page.Locator("#movement-status-form").WaitForAsync();
        Assert.Equal("planned", await page.Locator("#movement-status").GetAttributeAsync("data-status"));
        var url = page.Url;
        Assert.Equal(["approved", "aborted"], await page.Locator("#movement-to option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        var history = await page.Locator("#movement-history tbody tr").CountAsync();

        // Aborting needs its reason: refused next to the reason, nothing recorded, the status unchanged.
        var head = Head();
        await page.Locator("#movement-to").SelectOptionAsync("aborted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await page.Locator("#movement-reason-error").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Contains("needs the reason", await page.Locator("#movement-reason-error").InnerTextAsync());
        Assert.Equal("true", await page.Locator("#movement-reason").GetAttributeAsync("aria-invalid"));
        Assert.Equal("movement-reason-error", await page.Locator("#movement-reason").GetAttributeAsync("aria-describedby"));
        Assert.Equal("aborted", await page.Locator("#movement-to").InputValueAsync());
        Assert.Equal("planned", await page.Locator("#movement-status").GetAttributeAsync("data-status"));
        Assert.Equal(head, Head());

        // Approved with its reason: the receipt, the new status and a line in the history.
        await page.Locator("#movement-to").SelectOptionAsync("approved");
        await page.Locator("#movement-reason").FillAsync("Cleared by the joint coordination centre for 2 August");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Receipt(page, "movement.status-changed");
        Assert.Equal(head + 1, Head());
        Assert.Equal("approved", await page.Locator("#movement-status").GetAttributeAsync("data-status"));
        Assert.Equal(history + 1, await page.Locator("#movement-history tbody tr").CountAsync());
        Assert.Equal(1, await page.Locator("#movement-history tbody tr", new() { HasText = "Cleared by the joint coordination centre for 2 August" }).CountAsync());
        Assert.Equal(["loading", "aborted"], await page.Locator("#movement-to option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        await page.Context.CloseAsync();

        // An observer sees the movement and is not offered the form.
        var observer = await site.SignInAsync("demo-observer");
        await observer.GotoAsync(url);
        Assert.Equal("approved", await observer.Locator("#movement-status").GetAttributeAsync("data-status"));
        Assert.Equal(0, await observer.Locator("#movement-status-form").CountAsync());
        await observer.Context.CloseAsync();
    }

    private long Head() => site.Host.Store.Read(session => LogReader.Head(session, site.Operation.Value)).Sequence;

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
