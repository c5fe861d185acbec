using System.Globalization;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Tests.Primitives;

public sealed class ReasonTests
{
    [Fact]
    public void Every_code_in_the_catalogue_is_unique_and_shaped_area_dot_words()
    {
        var codes = Reasons.All.Select(r => r.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches(@"^[a-z][a-z0-9-]*(\.[a-z0-9_+-]+)+$", code));
    }

    [Fact]
    public void The_domain_gives_no_reason_about_requests_access_forms_or_imports_which_are_the_servers()
    {
        string[] edges = ["request.", "access.", "token.", "form.", "import.", "trail.", "sitrep.", "flow."];

        var misplaced = Reasons.All.Select(r => r.Code).Where(code => edges.Any(edge => code.StartsWith(edge, StringComparison.Ordinal))).ToList();

        Assert.True(misplaced.Count == 0, $"reasons about the server's edges belong in Lifeline.Server.ServerReasons: {string.Join(", ", misplaced)}");
    }

    [Fact]
    public void The_catalogue_includes_the_words_of_each_vocabulary_as_terms()
    {
        var codes = Reasons.All.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("term.movement-status.departed", codes);
        Assert.Contains("term.person-category.wounded_and_sick", codes);
        Assert.Contains("term.commodity-unit.bag", codes);
        Assert.Contains("stock.would-go-negative", codes);
    }

    [Fact]
    public void A_message_must_supply_exactly_the_values_its_reason_names()
    {
        Assert.Throws<ArgumentException>(() => Reasons.Stock.SiteClosed.With());
        Assert.Throws<ArgumentException>(() => Reasons.Stock.SiteClosed.With(("site", "Hub"), ("commodity", "FLOUR")));
        Assert.Throws<ArgumentException>(() => Reasons.Stock.SiteClosed.With(("place", "Hub")));
    }

    [Fact]
    public void A_rejection_keeps_its_code_and_says_its_reason_in_English_with_invariant_formats()
    {
        var rejection = Reasons.Stock.ExpiryDiffers.Conflict(
            "expiry",
            ("lot", Reasons.Phrases.LotOf("L-7")),
            ("commodity", "WHEAT-FLOUR-50"),
            ("site", "Hub"),
            ("expiry", Reasons.Phrases.DayOf(new DateOnly(2018, 3, 31))),
            ("given", Reasons.Phrases.DayOf(null)));

        Assert.Equal("stock.expiry-differs", rejection.Code);
        Assert.Equal(RejectionKind.Conflict, rejection.Kind);
        Assert.Equal("lot L-7 of WHEAT-FLOUR-50 at 'Hub' expires on 2018-03-31, not (no date)", rejection.Reason);
    }

    [Fact]
    public void Another_language_renders_the_same_values_with_its_templates_and_formats()
    {
        var templates = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["passage.count-negative"] = "count {value:#,0} < 0",
            ["corridor.status-transition"] = "{corridor}: {status} -> {to} | {allowed}",
            ["term.corridor-status.open"] = "OPEN",
            ["term.corridor-status.closed"] = "CLOSED",
            ["term.corridor-status.paused"] = "PAUSED",
            ["list.or"] = " / ",
        };
        var status = Reasons.Corridors.StatusTransition.With(
            ("corridor", "North"),
            ("status", Reasons.Term("corridor-status", "open")),
            ("to", Reasons.Term("corridor-status", "planned")),
            ("allowed", Reasons.Terms("corridor-status", ["paused", "closed"], Reasons.Lists.Or)));

        Assert.Equal("count -1,500 < 0", Reasons.Passages.CountNegative.With(("value", -1500)).Render(r => templates.GetValueOrDefault(r.Code), CultureInfo.GetCultureInfo("en-GB")));
        Assert.Null(status.Render(r => templates.GetValueOrDefault(r.Code), CultureInfo.GetCultureInfo("en-GB")));
        templates["term.corridor-status.planned"] = "PLANNED";
        Assert.Equal("North: OPEN -> PLANNED | PAUSED / CLOSED", status.Render(r => templates.GetValueOrDefault(r.Code), CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("corridor 'North' is open and cannot become planned; it can become paused or closed", status.English);
    }
}
