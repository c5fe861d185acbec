using System.Globalization;
using System.Text.RegularExpressions;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Corridors;
using Microsoft.Playwright;

namespace Lifeline.EndToEnd;

/// <summary>The web application in the system Chromium, over the demo operation on a loopback host.</summary>
[Collection(nameof(DemoSite))]
public sealed partial class WebApplicationTests(DemoSite site)
{
    [Fact]
    public async Task The_demo_loads_and_the_dashboard_shows_its_figures()
    {
        var page = await site.SignInAsync("demo-coordinator");
        await page.GetByRole(AriaRole.Link, new() { Name = Lifeline.Server.Demo.DemoOperation.Name }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 }));

        var totals = site.Host.Store.Read(session => CorridorsProjection.List(session, site.Operation)
            .ToDictionary(c => c.Id.Value, c => PassagesProjection.Totals(session, c.Id).Sum(cell => cell.People)));
        Assert.Equal(4, totals.Count);
        foreach (var (corridor, people) in totals)
        {
            var cell = page.Locator($"#corridor-figures tr[data-corridor='{corridor}'] td.total");
            Assert.Equal(people.ToString("N0", CultureInfo.GetCultureInfo("en-GB")), (await cell.InnerTextAsync()).Trim());
        }

        Assert.Equal(totals.Values.Sum().ToString(CultureInfo.InvariantCulture), await page.Locator("#people-total .value").GetAttributeAsync("data-value"));
        Assert.True(int.Parse((await page.Locator("#people-today .value").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture) > 0, "the demo records passages on 30 July, the frozen today");

        // Noon in Aleppo on 30 July 2016 is inside every corridor's daily 08:00–16:00 window.
        Assert.Equal("4", await page.Locator("#corridors-open .value").GetAttributeAsync("data-value"));
        Assert.Equal(4, await page.Locator(".chart-data tbody tr").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(DemoSite.Screenshots, "dashboard.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_checkpoint_officer_records_a_passage_and_sees_the_corridor_total_change()
    {
        var page = await site.SignInAsync("demo-checkpoint");
        await page.GotoAsync($"{site.OperationPath}/corridors");
        var row = page.Locator("#corridors tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Bustan al-Qasr civilian corridor" }) });
        var before = long.Parse((await row.Locator("td.total").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);

        await page.GetByRole(AriaRole.Link, new() { Name = "Record passage" }).First.ClickAsync();
        await page.GetByLabel("Corridor").SelectOptionAsync(new SelectOptionValue { Label = "Bustan al-Qasr civilian corridor" });
        await page.GetByLabel("Checkpoint").SelectOptionAsync(new SelectOptionValue { Label = "Bustan al-Qasr inner gate" });

        // The keyboard path: type a count, Tab to the next age band, type again.
        await page.Locator("#n-civilians-female-18-59").FocusAsync();
        await page.Keyboard.TypeAsync("3");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("2");
        Assert.Equal("n-civilians-female-60+", await page.EvaluateAsync<string>("document.activeElement.id"));
        await Expect(page.Locator("#grand-total"), "5");

        // Tallied half an hour ago: the log entry is dated when the people passed.
        await page.Locator("#occurredAt").FillAsync("2016-07-30T11:30");
        var head = site.Host.Store.Read(session => Lifeline.Storage.Writing.LogReader.Head(session, site.Operation.Value)).Sequence;
        await page.Locator("#record").ClickAsync();
        var receipt = page.GetByRole(AriaRole.Status);
        await Expect(receipt.GetByRole(AriaRole.Heading, new() { Name = "Recorded" }));
        Assert.Equal(new DateTimeOffset(2016, 7, 30, 11, 30, 0, TimeSpan.FromHours(3)), site.Host.Store.Read(session => Lifeline.Storage.Writing.LogReader.Entries(session, site.Operation.Value, head + 1).Single()).OccurredAt);
        Assert.Matches("^#[0-9]+$", (await receipt.Locator(".sequence").First.InnerTextAsync()).Trim());
        Assert.Matches("^[0-9a-f]{64}$", (await receipt.Locator("code.hash").First.InnerTextAsync()).Trim());
        Assert.Equal((before + 5).ToString(CultureInfo.InvariantCulture), await page.Locator("#corridor-total strong").GetAttributeAsync("data-value"));

        await page.GotoAsync($"{site.OperationPath}/corridors");
        Assert.Equal((before + 5).ToString(CultureInfo.InvariantCulture), await row.Locator("td.total").GetAttributeAsync("data-value"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_entry_shows_the_error_next_to_its_field_and_records_nothing()
    {
        var page = await site.SignInAsync("demo-checkpoint");
        await page.GotoAsync($"{site.OperationPath}/passages/new");
        var head = site.Host.Store.Read(session => Lifeline.Storage.Writing.LogReader.Head(session, site.Operation.Value)).Sequence;

        await page.Locator("#n-civilians-male-0-4").FillAsync("-2");
        await page.Locator("#n-civilians-female-18-59").FillAsync("4");
        await page.Locator("#record").ClickAsync();

        var cell = page.Locator("td", new() { Has = page.Locator("#n-civilians-male-0-4") });
        await Expect(cell.Locator(".field-error"));
        Assert.Contains("whole number", await cell.Locator(".field-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("#n-civilians-male-0-4").GetAttributeAsync("aria-invalid"));
        Assert.Equal("n-civilians-male-0-4-error", await page.Locator("#n-civilians-male-0-4").GetAttributeAsync("aria-describedby"));
        Assert.Equal("4", await page.Locator("#n-civilians-female-18-59").InputValueAsync());
        Assert.Equal(0, await page.Locator("#n-civilians-female-18-59-error").CountAsync());
        Assert.Equal(head, site.Host.Store.Read(session => Lifeline.Storage.Writing.LogReader.Head(session, site.Operation.Value)).Sequence);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_map_renders_its_layers_and_a_click_opens_details()
    {
        var page = await site.SignInAsync("demo-observer");
        await page.GotoAsync($"{site.OperationPath}/map");
        await page.Locator("#map[data-ready='true']").WaitForAsync();

        Assert.Equal(2, await page.Locator("path.zone").CountAsync());
        Assert.Equal(1, await page.Locator("path.zone-besieged_area").CountAsync());
        Assert.Equal(4, await page.Locator("path.corridor.corridor-open").CountAsync());
        Assert.Equal(15, await page.Locator(".leaflet-marker-icon.site").CountAsync());
        Assert.Equal(8, await page.Locator(".leaflet-marker-icon.site-checkpoint").CountAsync());

        // Movements under way (departed or arrived, not yet delivered or lost, as the dashboard counts them): each is
        // a line from its origin to its destination, styled by mode, with its status in the label.
        var underWay = site.Host.Store.Read(session => Lifeline.Storage.Movements.MovementsProjection.List(session, site.Operation))
            .Where(m => Lifeline.Server.Web.Reports.LogisticsFigures.UnderWayStatuses.Contains(m.Status)).ToList();
        Assert.Equal(underWay.Count.ToString(CultureInfo.InvariantCulture), await page.Locator("#map").GetAttributeAsync("data-movements"));
        Assert.Equal(underWay.Count, await page.Locator("path.movement").CountAsync());
        Assert.Equal(underWay.Count(m => m.Mode == Lifeline.Domain.Movements.MovementMode.Air), await page.Locator("path.movement.movement-air").CountAsync());
        var dashboard = await page.APIRequest.GetAsync(site.OperationPath);
        Assert.Contains($"data-value=\"{underWay.Count}\"", Regex.Match(await dashboard.TextAsync(), "id=\"movements-under-way\">\\s*<span class=\"value\" [^>]*>").Value, StringComparison.Ordinal);
        var features = await page.APIRequest.GetAsync($"{site.OperationPath}/map/features");
        Assert.Equal(underWay.Count, Regex.Matches(await features.TextAsync(), "\"layer\":\"movement\"").Count);
        await Expect(page.Locator("#movement-keys .key-line.movement-road"));
        await Expect(page.Locator("#movement-keys .key-line.movement-air"));
        Assert.True(await page.Locator("input[data-layer='movement']").IsCheckedAsync());

        await page.Locator(".leaflet-marker-icon[title^='Aleppo International Airport']").ClickAsync();
        var popup = page.Locator(".leaflet-popup-content");
        await Expect(popup.GetByText("Airfield"));
        await popup.GetByRole(AriaRole.Link, new() { Name = "Details" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/sites#site-"));
        await page.GotoAsync($"{site.OperationPath}/map");
        await page.Locator("#map[data-ready='true']").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(DemoSite.Screenshots, "map.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_Arabic_dashboard_is_right_to_left_and_the_choice_is_remembered()
    {
        var page = await site.SignInAsync("demo-coordinator");
        await page.GotoAsync($"{site.OperationPath}?lang=ar");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal("ar", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('main')).direction"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "لوحة المتابعة", Level = 1 }));
        await page.ScreenshotAsync(new() { Path = Path.Combine(DemoSite.Screenshots, "dashboard-ar.png"), FullPage = true });

        // Without the query the page is English again, until the person chooses Arabic: then every page is Arabic,
        // in this browser and in any other they sign in from, until they choose English.
        await page.GotoAsync(site.OperationPath);
        Assert.Equal("ltr", await page.Locator("html").GetAttributeAsync("dir"));
        await page.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();
        await page.Locator("html[dir='rtl']").WaitForAsync();
        try
        {
            await page.GotoAsync($"{site.OperationPath}/corridors");
            Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "الممرات", Level = 1 }));
            Assert.Equal("ar", site.Host.Store.Read(session => Accounts.Find(session, "demo-coordinator"))?.Language);
            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await page.Locator("html[dir='ltr']").WaitForAsync();
            Assert.Equal("en", site.Host.Store.Read(session => Accounts.Find(session, "demo-coordinator"))?.Language);
        }
        finally
        {
            // The other tests sign in as the same person and expect English.
            site.Host.Store.WriteAside(session =>
            {
                Accounts.SetLanguage(session, Accounts.Find(session, "demo-coordinator")!.Id, "en");
                return 0;
            });
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_request_nothing_from_another_host_and_break_no_content_policy()
    {
        var page = await site.SignInAsync("demo-coordinator");
        var requests = new List<string>();
        var problems = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);

        foreach (var path in new[] { "", "/map", "/corridors", "/sites", "/zones", "/commodities", "/passages/new", "/log", "/stock", "/movements", "/incidents", "/reports/sitrep" })
        {
            // Loaded means every script, style and image has come; the map's features come after, when it is ready.
            await page.GotoAsync(site.OperationPath + path);
            if (path == "/map")
            {
                await page.Locator("#map[data-ready='true']").WaitForAsync();
            }
        }

        await page.Locator("#n-civilians-female-0-4").IsVisibleAsync();
        Assert.Contains(requests, url => url.Contains("/assets/lib/leaflet/leaflet.js", StringComparison.Ordinal));
        Assert.All(requests, url => Assert.Equal(site.Host.BaseAddress.Authority, new Uri(url).Authority));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_coordinator_pauses_a_corridor_with_a_reason_and_sees_the_receipt()
    {
        var page = await site.SignInAsync("demo-coordinator");
        await page.GotoAsync($"{site.OperationPath}/corridors");
        await page.GetByRole(AriaRole.Link, new() { Name = "Salah al-Din civilian corridor" }).ClickAsync();

        await page.GetByLabel("New status").SelectOptionAsync("paused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Expect(page.Locator("#reason-error"));
        Assert.Equal("true", await page.Locator("#reason").GetAttributeAsync("aria-invalid"));
        Assert.Contains("Open", await page.Locator("#corridor-status").InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("#reason").FillAsync("Shelling reported near the crossing");
        await page.Locator("#authority").FillAsync("Crossing liaison officer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("corridor.status-changed", new() { Exact = false }));
        Assert.Contains("Paused", await page.Locator("#corridor-status").InnerTextAsync(), StringComparison.Ordinal);

        // Reopen it: the tests share the demo, and the dashboard test counts the corridors open now.
        await page.GetByLabel("New status").SelectOptionAsync("open");
        await page.Locator("#reason").FillAsync("Shelling stopped");
        await page.Locator("#authority").FillAsync("Crossing liaison officer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Expect(page.Locator("#corridor-status").GetByText("Open"));
        await page.Context.CloseAsync();
    }

    private static Task Expect(ILocator locator) => locator.First.WaitForAsync(new() { Timeout = 10_000 });

    private static async Task Expect(ILocator locator, string text)
    {
        for (var attempt = 0; attempt < 50 && (await locator.InnerTextAsync()).Trim() != text; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(text, (await locator.InnerTextAsync()).Trim());
    }
}
