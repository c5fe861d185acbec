using Lifeline.Storage.Accounts;
using Lifeline.Storage.Writing;
using Microsoft.Playwright;

namespace Lifeline.EndToEnd;

/// <summary>Refusals reach an Arabic page in Arabic, next to their fields, with their values in place.</summary>
[Collection(nameof(DemoSite))]
public sealed class ArabicReasonsTests(DemoSite site) : IDisposable
{
    private static readonly string[] People = ["demo-checkpoint", "demo-distribution"];

    /// <summary>Choosing Arabic is kept with the account; the other tests sign in as the same people and expect English.</summary>
    public void Dispose() => site.Host.Store.WriteAside(session =>
    {
        foreach (var name in People)
        {
            Accounts.SetLanguage(session, Accounts.Find(session, name)!.Id, "en");
        }

        return 0;
    });

    [Fact]
    public async Task The_checkpoint_officers_tally_refused_in_Arabic_shows_each_reason_in_Arabic_next_to_its_field()
    {
        var page = await site.SignInAsync("demo-checkpoint");
        await InArabic(page, $"{site.OperationPath}/passages/new");
        var head = Head();

        await page.Locator("#n-civilians-male-0-4").FillAsync("-2");
        await page.Locator("#n-civilians-female-18-59").FillAsync("4");
        await page.Locator("#medicalEvacuations").FillAsync("9");
        await page.Locator("#record").ClickAsync();

        var cell = page.Locator("#n-civilians-male-0-4-error");
        await cell.WaitForAsync();
        Assert.Equal("ar", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("أدخل عدداً صحيحاً من الأشخاص، 0 أو أكثر", await cell.InnerTextAsync());
        Assert.Equal("form.whole-number-of-people", await cell.Locator("span").GetAttributeAsync("data-code"));
        Assert.Equal("عدد من يحتاجون إلى إجلاء طبي أكبر من عدد العابرين", await page.Locator("#medicalEvacuations-error").InnerTextAsync());
        Assert.Equal("medicalEvacuations-error", await page.Locator("#medicalEvacuations").GetAttributeAsync("aria-describedby"));
        Assert.Contains("عدد من يحتاجون إلى إجلاء طبي", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".field-error [lang='en'], .error-summary [lang='en']").CountAsync());
        Assert.Equal(head, Head());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Issuing_more_than_the_lot_holds_is_refused_in_Arabic_with_the_amounts_next_to_the_quantity()
    {
        // Some cartons on hand first, so that the refusal is about too many, not none.
        var logistics = await site.SignInAsync("demo-logistics");
        await logistics.GotoAsync($"{site.OperationPath}/stock");
        await logistics.Locator("#receive-siteId").SelectOptionAsync(new SelectOptionValue { Label = "Bustan al-Qasr distribution point" });
        await logistics.Locator("#receive-commodityId").SelectOptionAsync(new SelectOptionValue { Label = "CANNED-MEAT-12 (carton)" });
        await logistics.Locator("#receive-quantity").FillAsync("12");
        await logistics.Locator("#receive-source").FillAsync("Transfer from the Hamdaniyah warehouse");
        await logistics.Locator("#receive").ClickAsync();
        await logistics.GetByRole(AriaRole.Status).WaitForAsync();
        await logistics.Context.CloseAsync();

        var page = await site.SignInAsync("demo-distribution");
        await InArabic(page, $"{site.OperationPath}/stock");
        var head = Head();

        var meat = await page.Locator("#issue-commodityId option", new() { HasText = "CANNED-MEAT-12" }).GetAttributeAsync("value");
        await page.Locator("#issue-commodityId").SelectOptionAsync(meat!);
        await page.Locator("#issue-quantity").FillAsync("100000");
        await page.Locator("#issue-issuedTo").FillAsync("عائلات المربع 6");
        await page.Locator("#issue").ClickAsync();

        var error = page.Locator("#issue-quantity-error");
        await error.WaitForAsync();
        var text = await error.InnerTextAsync();
        Assert.Equal("stock.would-go-negative", await error.Locator("span").GetAttributeAsync("data-code"));
        Assert.StartsWith("سيصبح مخزون (بلا رقم دفعة) من CANNED-MEAT-12 في «Bustan al-Qasr distribution point» سالباً: المتوفر ", text, StringComparison.Ordinal);
        Assert.Contains("والمطلوب 100٬000 كرتونة (", text, StringComparison.Ordinal);
        Assert.Null(await error.Locator("span").GetAttributeAsync("lang"));
        Assert.Equal("issue-quantity-error", await page.Locator("#issue-quantity").GetAttributeAsync("aria-describedby"));
        Assert.Equal(head, Head());
        Assert.Contains(await page.Locator("td.on-hand").AllInnerTextsAsync(), cell => cell.EndsWith(" كرتونة", StringComparison.Ordinal));
        Assert.DoesNotContain(await page.Locator("td.on-hand").AllInnerTextsAsync(), cell => cell.EndsWith(" carton", StringComparison.Ordinal));
        await page.Locator("#issue-quantity").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(DemoSite.Screenshots, "stock-refused-ar.png") });
        await page.Context.CloseAsync();
    }

    /// <summary>Chooses Arabic the way a person does (the language switch keeps it with the account), so the form's answer is Arabic too.</summary>
    private static async Task InArabic(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();
        await page.Locator("html[dir='rtl']").WaitForAsync();
    }

    private long Head() => site.Host.Store.Read(session => LogReader.Head(session, site.Operation.Value)).Sequence;
}
