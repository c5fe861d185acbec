using System.Globalization;
using Lifeline.Domain;
using Lifeline.Domain.Primitives;
using Lifeline.Server.Web;

namespace Lifeline.Server.Tests;

/// <summary>Every reason of the catalogue can be shown in Arabic, with only the values the reason supplies.</summary>
public sealed class ReasonTranslationTests
{
    private static readonly CultureInfo Arabic = Languages.Arabic;

    public static TheoryData<string> Codes() => [.. ServerReasons.Everything.Select(r => r.Code)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_an_Arabic_text_using_only_the_placeholders_its_reason_supplies(string code)
    {
        var reason = ServerReasons.Everything.Single(r => r.Code == code);

        var arabic = ReasonTexts.Template(reason, Arabic);

        Assert.NotNull(arabic);
        Assert.Subset(reason.Placeholders.ToHashSet(StringComparer.Ordinal), ReasonTemplate.Placeholders(arabic).ToHashSet(StringComparer.Ordinal));
        if (reason.English.Any(char.IsLetter))
        {
            Assert.Contains(arabic, c => c is >= '\u0600' and <= '\u06FF');
        }
    }

    [Fact]
    public void The_Arabic_resources_hold_no_text_for_a_code_the_catalogue_does_not_have()
    {
        var codes = ServerReasons.Everything.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var resources = new System.Resources.ResourceManager("Lifeline.Server.Web.Reasons", typeof(ReasonTexts).Assembly);

        var keys = resources.GetResourceSet(Arabic.Parent, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().Select(entry => (string)entry.Key).ToList();

        Assert.Equal(codes.Count, keys.Count);
        Assert.DoesNotContain(keys, key => !codes.Contains(key));
    }

    [Fact]
    public void The_servers_reasons_and_the_domains_share_no_code()
    {
        var codes = ServerReasons.Everything.Select(r => r.Code).ToList();

        Assert.NotEmpty(ServerReasons.All);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_stock_refusal_reads_in_Arabic_with_numbers_and_dates_formatted_for_Syria()
    {
        var what = Reasons.Phrases.LotAtSite("L-7", "WHEAT-FLOUR-50", "Bustan al-Qasr");
        var negative = Reasons.Stock.NoneOnHand.With(("what", what), ("wanted", Reasons.Phrases.Amount.With(("units", 2500.5m), ("unit", Reasons.Term("commodity-unit", "bag")), ("kg", 125025m))));
        var expired = Reasons.Stock.LotExpired.With(("what", what), ("expiry", new DateOnly(2016, 7, 28)));

        Assert.Equal("سيصبح مخزون الدفعة L-7 من WHEAT-FLOUR-50 في «Bustan al-Qasr» سالباً: لا شيء متوفر، والمطلوب 2٬500٫5 كيس (125٬025 كغ)", ReasonTexts.Render(negative, Arabic, Arabic));
        Assert.Equal("انتهت صلاحية الدفعة L-7 من WHEAT-FLOUR-50 في «Bustan al-Qasr» في 28 تموز 2016 ولا يجوز إرسالها أو صرفها", ReasonTexts.Render(expired, Arabic, Arabic));
        Assert.Equal(negative.English, ReasonTexts.Render(negative, Languages.English, Languages.English));
    }

    [Fact]
    public void A_geometry_limit_reads_in_Arabic_with_the_limit_and_the_count()
    {
        var refusal = Reasons.Geo.PolygonTooManyPositions.With(("max", 10_000), ("count", 1_300_000));

        Assert.Equal("للمضلع 10٬000 موقع على الأكثر في جميع حلقاته، والمُدخل 1٬300٬000", ReasonTexts.Render(refusal, Arabic, Arabic));
    }

    [Fact]
    public void A_reason_without_a_translation_renders_as_nothing_so_the_page_can_fall_back_to_English()
    {
        var untranslated = new Reason("test.untranslated", "no Arabic for {what}").With(("what", "this"));

        Assert.Null(ReasonTexts.Render(untranslated, Arabic, Arabic));
        Assert.Equal("no Arabic for this", ReasonTexts.Render(untranslated, Languages.English, Languages.English));
    }
}
