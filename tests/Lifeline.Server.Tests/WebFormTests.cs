using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifeline.Log.Chain;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Writing;
using Lifeline.Testing;

namespace Lifeline.Server.Tests;

/// <summary>
/// The logistics and set-up forms of the web application, posted as a browser posts them (antiforgery token
/// from the page, cookies, form fields) to a real Kestrel host: each records through its decider and shows its
/// receipt, and each refusal is shown next to its field with nothing recorded.
/// </summary>
public sealed partial class WebFormTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2016, 7, 30, 12, 0, 0, TimeSpan.FromHours(3));

    private readonly FrozenClock _clock = new(Now);
    private LoopbackHost _host = null!;
    private HttpClient _browser = null!;
    private Guid _operation;
    private Guid _hub;
    private Guid _helipad;
    private Guid _flour;

    private string Api => $"/operations/{_operation}";

    private string App => $"/app/operations/{_operation}";

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync(_clock);
        _operation = await _host.CreateOperationAsync();
        _hub = await Id(await _host.Client.PostAsJsonAsync($"{Api}/sites", new { name = "Hmeimim air base", kind = "hub", location = new { latitude = 35.40, longitude = 35.95 } }));
        _helipad = await Id(await _host.Client.PostAsJsonAsync($"{Api}/sites", new { name = "Stadium helipad", kind = "helipad", location = new { latitude = 36.21, longitude = 37.13 } }));
        _flour = await Id(await _host.Client.PostAsJsonAsync($"{Api}/commodities", new { code = "WHEAT-FLOUR-50", name = "Wheat flour", category = "food", unit = "bag", massPerUnitKg = 50, kcalPerKg = 3640, volumePerUnitM3 = 0.07 }));
        var received = await _host.Client.PostAsJsonAsync($"{Api}/stock/receipts", new { siteId = _hub, commodityId = _flour, lot = "", quantity = 100, source = "donor" });
        Assert.True(received.IsSuccessStatusCode, await received.Content.ReadAsStringAsync());
        _browser = Browser(_host.TokenFor(_host.AdministratorId));
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Planning_a_convoy_shows_its_receipt_and_a_payload_that_is_not_a_number_next_to_its_truck()
    {
        // A fresh form offers a destination other than the origin.
        var fresh = await _browser.GetStringAsync($"{App}/movements");
        Assert.Matches($"<select id=\"plan-destinationSiteId\"[^>]*>\\s*<option value=\"{_hub}\">[^<]*</option>\\s*<option value=\"{_helipad}\" selected", fresh);

        var head = Head();
        var refused = await Post($"{App}/movements", $"{App}/movements", Plan(("trucks[0].id", "KAMAZ 1"), ("trucks[0].payloadKg", "ten tons")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("not a number", ErrorOf(refused.Html, "plan-trucks-0-payloadKg"), StringComparison.Ordinal);
        Assert.Contains("value=\"ten tons\"", refused.Html, StringComparison.Ordinal);
        Assert.Equal(head, Head());

        // An air sortie without its aircraft: refused next to the aircraft type.
        var noAircraft = await Post($"{App}/movements", $"{App}/movements", Plan(("mode", "air")));
        Assert.Contains("names its aircraft", ErrorOf(noAircraft.Html, "plan-aircraft-type"), StringComparison.Ordinal);

        // The second truck row filled and the first left blank (a browser sends it empty): the error names the second row.
        var rowTwo = await Post($"{App}/movements", $"{App}/movements", Plan(("trucks[0].id", ""), ("trucks[0].payloadKg", ""), ("trucks[0].volumeM3", " "), ("trucks[1].id", "KAMAZ 2")));
        Assert.Contains("payloadKg is required", ErrorOf(rowTwo.Html, "plan-trucks-1-payloadKg"), StringComparison.Ordinal);

        var recorded = await Post($"{App}/movements", $"{App}/movements", Plan(("trucks[0].id", "KAMAZ 1"), ("trucks[0].payloadKg", "10000"), ("trucks[0].volumeM3", "٤٠")));
        Assert.Equal(HttpStatusCode.OK, recorded.Status);
        AssertReceipt(recorded.Html, "movement.planned");
        Assert.Equal(head + 1, Head());
        Assert.Matches($"href=\"{App}/movements/[0-9a-f-]{{36}}\">KAMAZ 1</a>", recorded.Html);
    }

    [Fact]
    public async Task A_movement_is_manifested_departed_and_delivered_through_its_forms_with_errors_next_to_their_fields()
    {
        var movement = await PlannedConvoy();
        var page = $"{App}/movements/{movement}";

        // Too much flour on the second row (the first left blank): refused next to that row's quantity.
        var head = Head();
        var tooMuch = await Post(page, $"{page}/manifests", [("vehicleId", "KAMAZ 1"), ("lines[0].commodityId", ""), ("lines[0].lot", ""), ("lines[0].quantity", ""), ("lines[1].commodityId", _flour.ToString()), ("lines[1].lot", ""), ("lines[1].quantity", "150")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.Status);
        Assert.Contains("would go negative", ErrorOf(tooMuch.Html, "manifest-lines-1-quantity"), StringComparison.Ordinal);
        Assert.Equal(head, Head());

        var manifested = await Post(page, $"{page}/manifests", [("vehicleId", "KAMAZ 1"), ("lines[0].commodityId", ""), ("lines[0].quantity", ""), ("lines[1].commodityId", _flour.ToString()), ("lines[1].quantity", "40")]);
        AssertReceipt(manifested.Html, "manifest.recorded");
        Assert.Contains("data-value=\"2000", manifested.Html, StringComparison.Ordinal);

        // Departure before loading is refused next to the button; after loading it seals the manifest.
        var early = await Post(page, $"{page}/depart", []);
        Assert.Contains("cannot become departed", ErrorOf(early.Html, "depart"), StringComparison.Ordinal);
        await Status(movement, "approved");
        await Status(movement, "loading");
        var departed = await Post(page, $"{page}/depart", []);
        AssertReceipt(departed.Html, "movement.departed");
        Assert.Matches("<code class=\"hash sealed-hash\">[0-9a-f]{64}</code>", departed.Html);
        Assert.Contains("id=\"correct-", departed.Html, StringComparison.Ordinal);

        // Proof of delivery: two bags short without a reason are refused next to that line's reason.
        await Status(movement, "arrived");
        var manifest = ManifestId(departed.Html);
        var unexplained = await Post(page, $"{page}/delivery", [("receivedBy", "helipad team"), ("lines[0].manifestId", manifest.ToString()), ("lines[0].line", "1"), ("lines[0].received", "38"), ("lines[0].damaged", "0")]);
        Assert.Contains("a discrepancy is stated with its reason", ErrorOf(unexplained.Html, "delivery-lines-0-reason"), StringComparison.Ordinal);
        var delivered = await Post(page, $"{page}/delivery", [("receivedBy", "helipad team"), ("lines[0].manifestId", manifest.ToString()), ("lines[0].line", "1"), ("lines[0].received", "38"), ("lines[0].damaged", "0"), ("lines[0].reason", "two bags missing")]);
        AssertReceipt(delivered.Html, "movement.delivered");
        Assert.Contains("two bags missing", delivered.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"discrepancy\"", delivered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sealed_manifest_is_corrected_and_inspected_with_the_findings_shown_and_refusals_next_to_their_fields()
    {
        var movement = await PlannedConvoy();
        var page = $"{App}/movements/{movement}";
        await Post(page, $"{page}/manifests", [("vehicleId", "KAMAZ 1"), ("lines[0].commodityId", _flour.ToString()), ("lines[0].quantity", "20")]);
        await Status(movement, "approved");
        await Status(movement, "loading");
        var departed = await Post(page, $"{page}/depart", []);
        var manifest = ManifestId(departed.Html);

        var noReason = await Post(page, $"{App}/manifests/{manifest}/corrections", [("lines[0].commodityId", _flour.ToString()), ("lines[0].quantity", "22")]);
        Assert.Contains("reason is required", ErrorOf(noReason.Html, $"correct-{manifest}-reason"), StringComparison.Ordinal);
        Assert.Contains("open", Regex.Match(noReason.Html, "<details class=\"manifest-form\"[^>]*>").Value, StringComparison.Ordinal);
        var corrected = await Post(page, $"{App}/manifests/{manifest}/corrections", [("lines[0].commodityId", _flour.ToString()), ("lines[0].quantity", "22"), ("reason", "two more bags loaded at the gate")]);
        AssertReceipt(corrected.Html, "manifest.corrected");
        Assert.Contains("two more bags loaded at the gate", corrected.Html, StringComparison.Ordinal);

        var noDifferences = await Post(page, $"{App}/manifests/{manifest}/inspections", [("organisation", "UN monitors"), ("finding", "differs"), ("differences[0].line", "1"), ("differences[0].found", "")]);
        Assert.Contains("lists the differing lines", ErrorOf(noDifferences.Html, $"inspect-{manifest}-differences"), StringComparison.Ordinal);
        var noCommodity = await Post(page, $"{App}/manifests/{manifest}/inspections", [("organisation", "UN monitors"), ("finding", "differs"), ("differences[0].line", "1"), ("differences[0].found", ""), ("differences[1].commodityId", ""), ("differences[1].found", "3")]);
        Assert.Contains("name the manifest line, or the commodity", ErrorOf(noCommodity.Html, $"inspect-{manifest}-differences-1-found"), StringComparison.Ordinal);
        var notCounted = await Post(page, $"{App}/manifests/{manifest}/inspections", [("organisation", "UN monitors"), ("finding", "differs"), ("differences[0].line", "1"), ("differences[0].found", "many")]);
        Assert.Contains("not a number", ErrorOf(notCounted.Html, $"inspect-{manifest}-differences-0-found"), StringComparison.Ordinal);
        var inspected = await Post(page, $"{App}/manifests/{manifest}/inspections", [("organisation", "UN monitors"), ("finding", "differs"), ("differences[0].line", "1"), ("differences[0].found", "22"), ("differences[0].note", "two extra bags"), ("differences[1].commodityId", _flour.ToString()), ("differences[1].lot", "FL-9"), ("differences[1].found", "3")]);
        AssertReceipt(inspected.Html, "manifest.inspected");
        Assert.Contains("data-finding=\"differs\"", inspected.Html, StringComparison.Ordinal);
        Assert.Contains("line 1: manifested 20, found 22", inspected.Html, StringComparison.Ordinal);
        Assert.Contains("not on the manifest: WHEAT-FLOUR-50 FL-9, found 3", inspected.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lot_is_adjusted_quarantined_and_released_from_the_stock_page_and_refusals_show_next_to_their_fields()
    {
        var stock = $"{App}/stock";
        (string, string)[] Lot(params (string, string)[] more) => [("siteId", _hub.ToString()), ("commodityId", _flour.ToString()), ("lot", ""), .. more];

        var head = Head();
        var damageIn = await Post(stock, $"{stock}/adjustments", Lot(("change", "3"), ("reason", "damage")));
        Assert.Contains("takes stock out", ErrorOf(damageIn.Html, "adjust-change"), StringComparison.Ordinal);
        Assert.Equal(head, Head());
        var adjusted = await Post(stock, $"{stock}/adjustments", Lot(("change", "-3"), ("reason", "damage"), ("note", "rats")));
        AssertReceipt(adjusted.Html, "stock.adjusted");
        Assert.Contains("data-value=\"97\"", adjusted.Html, StringComparison.Ordinal);

        var noReason = await Post(stock, $"{stock}/quarantine", Lot());
        Assert.Contains("reason is required", ErrorOf(noReason.Html, "hold-reason"), StringComparison.Ordinal);
        var quarantined = await Post(stock, $"{stock}/quarantine", Lot(("reason", "weevils found")));
        AssertReceipt(quarantined.Html, "stock.lot-quarantined");
        Assert.Contains("weevils found", quarantined.Html, StringComparison.Ordinal);
        var again = await Post(stock, $"{stock}/quarantine", Lot(("reason", "weevils found")));
        Assert.Contains("already quarantined", ErrorOf(again.Html, "hold-lot"), StringComparison.Ordinal);
        var released = await Post(stock, $"{stock}/release", Lot(("reason", "fumigated and cleared")));
        AssertReceipt(released.Html, "stock.lot-released");
    }

    [Fact]
    public async Task A_note_that_looks_like_a_phone_number_is_sent_back_once_with_a_warning_and_recorded_when_the_officer_confirms()
    {
        var stock = $"{App}/stock";
        (string, string)[] Adjust(params (string, string)[] more) => [("siteId", _hub.ToString()), ("commodityId", _flour.ToString()), ("lot", ""), ("change", "-1"), ("reason", "damage"), .. more];
        var page = await _browser.GetStringAsync(stock);
        Assert.Contains("id=\"adjust-note-hint\"", page, StringComparison.Ordinal);

        var head = Head();
        var warned = await Post(stock, $"{stock}/adjustments", Adjust(("note", "ask Abu Omar on +963 944 123 456")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, warned.Status);
        Assert.Contains("phone or identity number", ErrorOf(warned.Html, "adjust-note"), StringComparison.Ordinal);
        Assert.Contains($"name=\"{Web.Shared.FormWrites.NotPersonalField}\"", warned.Html, StringComparison.Ordinal);
        Assert.Equal(head, Head());

        // A number that is not personal (a waybill) is recorded as typed once the officer says so; dates never warn.
        var confirmed = await Post(stock, $"{stock}/adjustments", Adjust(("note", "waybill 2016 0728 0042"), (Web.Shared.FormWrites.NotPersonalField, "on")));
        AssertReceipt(confirmed.Html, "stock.adjusted");
        var dated = await Post(stock, $"{stock}/adjustments", Adjust(("note", "found torn on 2016-07-29 08:30")));
        AssertReceipt(dated.Html, "stock.adjusted");
    }

    [Fact]
    public async Task Stock_forms_record_the_time_typed_in_the_operations_zone_or_the_time_of_sending_and_refuse_one_that_is_not_a_time()
    {
        var stock = $"{App}/stock";
        (string, string)[] Flour(params (string, string)[] more) => [("siteId", _hub.ToString()), ("commodityId", _flour.ToString()), ("lot", ""), .. more];

        // A receipt copied from yesterday's paper log: 18:45 in Damascus (UTC+3 in summer) is 15:45 UTC.
        var received = await Post(stock, $"{stock}/receipts", Flour(("quantity", "10"), ("source", "paper log of 29 July"), ("occurredAt", "2016-07-29T18:45")));
        AssertReceipt(received.Html, "stock.received");
        Assert.Equal(new DateTimeOffset(2016, 7, 29, 15, 45, 0, TimeSpan.Zero), LastEntry().OccurredAt);
        var issued = await Post(stock, $"{stock}/issues", Flour(("quantity", "4"), ("issuedTo", "Bab al-Hadid point"), ("occurredAt", "٢٠١٦-٠٧-٢٩T١٩:٠٠")));
        AssertReceipt(issued.Html, "stock.issued");
        var adjusted = await Post(stock, $"{stock}/adjustments", Flour(("change", "-1"), ("reason", "damage"), ("occurredAt", "")));
        AssertReceipt(adjusted.Html, "stock.adjusted");
        Assert.Equal(Now, LastEntry().OccurredAt);

        var head = Head();
        var unreadable = await Post(stock, $"{stock}/adjustments", Flour(("change", "-1"), ("reason", "damage"), ("occurredAt", "yesterday evening")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unreadable.Status);
        Assert.Contains("'yesterday evening' is not a date and time", ErrorOf(unreadable.Html, "adjust-occurredAt"), StringComparison.Ordinal);
        Assert.Contains("value=\"yesterday evening\"", unreadable.Html, StringComparison.Ordinal);
        Assert.Equal(head, Head());

        var ledger = await _host.Client.GetFromJsonAsync<JsonElement>($"{Api}/stock/ledger?siteId={_hub}&commodityId={_flour}");
        Assert.Equal(
            [("receipt", Now), ("receipt", new DateTimeOffset(2016, 7, 29, 15, 45, 0, TimeSpan.Zero)), ("issue", new DateTimeOffset(2016, 7, 29, 16, 0, 0, TimeSpan.Zero)), ("adjustment", Now)],
            ledger.EnumerateArray().Select(l => (l.GetProperty("kind").GetString(), l.GetProperty("occurredAt").GetDateTimeOffset())).ToList());
    }

    [Fact]
    public async Task Movement_forms_record_the_time_typed_for_a_status_a_departure_an_inspection_and_a_delivery()
    {
        // Planned and manifested at noon; the rest of the day is entered at six in the evening, from the log book.
        var movement = await PlannedConvoy();
        var page = $"{App}/movements/{movement}";
        await Post(page, $"{page}/manifests", [("vehicleId", "KAMAZ 1"), ("lines[0].commodityId", _flour.ToString()), ("lines[0].quantity", "20")]);
        _clock.Advance(TimeSpan.FromHours(6));
        AssertReceipt((await Post(page, $"{page}/status", [("status", "approved"), ("occurredAt", "2016-07-30T13:10")])).Html, "movement.status-changed");
        AssertReceipt((await Post(page, $"{page}/status", [("status", "loading"), ("occurredAt", "2016-07-30T13:40")])).Html, "movement.status-changed");

        // A time that is not one keeps the departure form, with the time as typed, and records nothing.
        var head = Head();
        var garbled = await Post(page, $"{page}/depart", [("occurredAt", "1400")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbled.Status);
        Assert.Contains("'1400' is not a date and time", ErrorOf(garbled.Html, "depart-occurredAt"), StringComparison.Ordinal);
        Assert.Contains("value=\"1400\"", garbled.Html, StringComparison.Ordinal);
        Assert.Equal(head, Head());

        var departed = await Post(page, $"{page}/depart", [("occurredAt", "2016-07-30T14:00")]);
        AssertReceipt(departed.Html, "movement.departed");
        var manifest = ManifestId(departed.Html);
        AssertReceipt((await Post(page, $"{App}/manifests/{manifest}/inspections", [("organisation", "UN monitors"), ("finding", "matches"), ("occurredAt", "2016-07-30T15:30")])).Html, "manifest.inspected");
        AssertReceipt((await Post(page, $"{page}/status", [("status", "arrived"), ("occurredAt", "2016-07-30T17:00")])).Html, "movement.status-changed");
        var delivered = await Post(page, $"{page}/delivery", [("receivedBy", "helipad team"), ("lines[0].manifestId", manifest.ToString()), ("lines[0].line", "1"), ("lines[0].received", "20"), ("lines[0].damaged", "0"), ("occurredAt", "2016-07-30T17:20")]);
        AssertReceipt(delivered.Html, "movement.delivered");

        // Damascus is UTC+3 in summer: 13:10 there is 10:10 UTC.
        static DateTimeOffset Utc(int hour, int minute) => new(2016, 7, 30, hour, minute, 0, TimeSpan.Zero);
        var detail = await _host.Client.GetFromJsonAsync<JsonElement>($"{Api}/movements/{movement}");
        Assert.Equal(
            [("planned", Now), ("approved", Utc(10, 10)), ("loading", Utc(10, 40)), ("departed", Utc(11, 0)), ("arrived", Utc(14, 0)), ("delivered", Utc(14, 20))],
            detail.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("to").GetString(), h.GetProperty("occurredAt").GetDateTimeOffset())).ToList());
        Assert.Equal(Utc(11, 0), detail.GetProperty("movement").GetProperty("departedAt").GetDateTimeOffset());
        Assert.Equal(Utc(14, 20), detail.GetProperty("movement").GetProperty("deliveredAt").GetDateTimeOffset());
        Assert.Equal(Utc(12, 30), detail.GetProperty("manifests")[0].GetProperty("inspections")[0].GetProperty("occurredAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_daily_need_is_set_from_the_stock_page_for_the_days_of_supply_and_a_wrong_quantity_is_refused_next_to_it()
    {
        var stock = $"{App}/stock";
        (string, string)[] Need(string quantity) => [("siteId", _hub.ToString()), ("commodityId", _flour.ToString()), ("quantity", quantity)];

        var head = Head();
        var notANumber = await Post(stock, $"{stock}/daily-needs", Need("lots"));
        Assert.Contains("'lots' is not a number", ErrorOf(notANumber.Html, "need-quantityPerDay"), StringComparison.Ordinal);
        var zero = await Post(stock, $"{stock}/daily-needs", Need("0"));
        Assert.Contains("greater than 0", ErrorOf(zero.Html, "need-quantityPerDay"), StringComparison.Ordinal);
        Assert.Equal(head, Head());

        var set = await Post(stock, $"{stock}/daily-needs", Need("20"));
        AssertReceipt(set.Html, "stock.daily-need-set");
        var onHand = _host.Store.Read(session => Storage.Stock.StockProjection.OnHand(session, new Domain.Primitives.OperationId(_operation), new DateOnly(2100, 1, 1)))
            .Single(s => s.SiteId.Value == _hub && s.CommodityId.Value == _flour);
        Assert.Equal(20m, onHand.DailyNeed?.Units);
    }

    [Fact]
    public async Task A_commodity_is_registered_and_a_wrong_code_or_mass_is_refused_next_to_its_field()
    {
        var page = $"{App}/commodities";
        var head = Head();
        var wrong = await Post(page, page, [("code", "lentils"), ("name", "Red lentils"), ("category", "food"), ("unit", "bag"), ("massPerUnitKg", "twenty-five"), ("kcalPerKg", "3520")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        Assert.Contains("upper-case letters", ErrorOf(wrong.Html, "commodity-code"), StringComparison.Ordinal);
        Assert.Contains("not a number", ErrorOf(wrong.Html, "commodity-massPerUnitKg"), StringComparison.Ordinal);
        Assert.Contains("href=\"#commodity-code\"", wrong.Html, StringComparison.Ordinal);
        Assert.Equal(head, Head());

        var recorded = await Post(page, page, [("code", "LENTILS-25"), ("name", "Red lentils, 25 kg bag"), ("category", "food"), ("unit", "bag"), ("massPerUnitKg", "25"), ("kcalPerKg", "3520"), ("volumePerUnitM3", "0.035"), ("lotTracked", "true")]);
        AssertReceipt(recorded.Html, "commodity.registered");
        Assert.Contains("data-code=\"LENTILS-25\"", recorded.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_is_registered_with_coordinates_typed_in_Arabic_Indic_digits()
    {
        var page = $"{App}/sites";
        var registered = await Post(page, page, [("name", "Jibreen warehouse"), ("kind", "warehouse"), ("latitude", "٣٦٫١٩٨"), ("longitude", "37.2251")]);

        AssertReceipt(registered.Html, "site.registered");
        var site = _host.Store.Read(session => Lifeline.Storage.Sites.SitesProjection.List(session, new Domain.Primitives.OperationId(_operation))).Single(s => s.Name == "Jibreen warehouse");
        Assert.Equal(36.198, site.Location.Latitude);
        Assert.Equal(37.2251, site.Location.Longitude);
    }

    [Fact]
    public async Task A_zone_is_drawn_from_corners_as_text_and_a_line_that_is_not_a_corner_is_refused_next_to_the_area()
    {
        var page = $"{App}/zones";
        var head = Head();
        var wrong = await Post(page, page, [("name", "Eastern Aleppo"), ("kind", "besieged_area"), ("area", "36.20, 37.15\n36.21 north\n36.18, 37.18")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        Assert.Contains("line 2", ErrorOf(wrong.Html, "zone-area"), StringComparison.Ordinal);
        Assert.DoesNotContain("outer ring", wrong.Html, StringComparison.Ordinal);
        Assert.Equal(head, Head());

        var crossing = await Post(page, page, [("name", "Eastern Aleppo"), ("kind", "besieged_area"), ("area", "36.20, 37.15\n36.22, 37.17\n36.20, 37.17\n36.22, 37.15")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, crossing.Status);
        Assert.NotEmpty(ErrorOf(crossing.Html, "zone-area"));

        var drawn = await Post(page, page, [("name", "Eastern Aleppo"), ("kind", "besieged_area"), ("area", "36.20, 37.15\n٣٦٫٢٢، ٣٧٫١٧\n36.18, 37.18")]);
        AssertReceipt(drawn.Html, "zone.drawn");
        var zone = _host.Store.Read(session => Lifeline.Storage.Zones.ZonesProjection.List(session, new Domain.Primitives.OperationId(_operation))).Single();
        Assert.Equal([37.15, 36.20], zone.Area.ToGeoJsonCoordinates()[0][0]);
        Assert.Equal([37.17, 36.22], zone.Area.ToGeoJsonCoordinates()[0][1]);
        Assert.Equal(4, zone.Area.ToGeoJsonCoordinates()[0].Length);
    }

    [Fact]
    public async Task An_observer_is_offered_none_of_the_forms_and_is_refused_when_posting_one()
    {
        var observer = _host.AddUser(Role.PartnerObserver, _operation);
        using var browser = Browser(_host.TokenFor(observer.Id));
        foreach (var (path, form) in new[] { ("movements", "plan-form"), ("stock", "adjust-form"), ("stock", "hold-form"), ("commodities", "commodity-form"), ("zones", "zone-form") })
        {
            var html = await browser.GetStringAsync($"{App}/{path}");
            Assert.DoesNotContain($"id=\"{form}\"", html, StringComparison.Ordinal);
        }

        var refused = await Post($"{App}/stock", $"{App}/stock/adjustments", [("siteId", _hub.ToString()), ("commodityId", _flour.ToString()), ("change", "-1"), ("reason", "loss")], browser);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("data-refused=\"operationId\"", refused.Html, StringComparison.Ordinal);
    }

    private (string, string)[] Plan(params (string Name, string Value)[] more)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mode"] = "road",
            ["originSiteId"] = _hub.ToString(),
            ["destinationSiteId"] = _helipad.ToString(),
            ["plannedDeparture"] = "2016-07-31T06:00",
            ["crew"] = "2",
        };
        foreach (var (name, value) in more)
        {
            fields[name] = value;
        }

        return [.. fields.Select(f => (f.Key, f.Value))];
    }

    private async Task<Guid> PlannedConvoy()
    {
        var recorded = await Post($"{App}/movements", $"{App}/movements", Plan(("trucks[0].id", "KAMAZ 1"), ("trucks[0].payloadKg", "10000"), ("trucks[0].volumeM3", "40")));
        AssertReceipt(recorded.Html, "movement.planned");
        return Guid.Parse(Regex.Match(recorded.Html, "id=\"planned-movement\" href=\"[^\"]*/movements/([0-9a-f-]{36})\"").Groups[1].Value);
    }

    private async Task Status(Guid movement, string status)
    {
        var changed = await Post($"{App}/movements/{movement}", $"{App}/movements/{movement}/status", [("status", status)]);
        AssertReceipt(changed.Html, "movement.status-changed");
    }

    private static Guid ManifestId(string html) => Guid.Parse(Regex.Match(html, "<article class=\"manifest\" id=\"manifest-([0-9a-f-]{36})\"").Groups[1].Value);

    /// <summary>Posts a form as a browser does: the antiforgery token from the page it is on, a fresh idempotency key.</summary>
    private async Task<(HttpStatusCode Status, string Html)> Post(string page, string action, (string Name, string Value)[] fields, HttpClient? browser = null)
    {
        browser ??= _browser;
        var html = await browser.GetStringAsync(page);
        var token = Regex.Match(html, "name=\"__antiforgery\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        using var content = new FormUrlEncodedContent([new("__antiforgery", token), new("idempotencyKey", Guid.NewGuid().ToString()), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
        using var response = await browser.PostAsync(action, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The error shown next to a field, after checking the field points at it and says it is wrong.</summary>
    private static string ErrorOf(string html, string field)
    {
        Assert.Matches($"id=\"{Regex.Escape(field)}\"[^>]*aria-(invalid=\"true\"[^>]*aria-describedby=\"[^\"]*{Regex.Escape(field)}-error|describedby=\"[^\"]*{Regex.Escape(field)}-error)", html);
        var error = Regex.Match(html, $"<span class=\"field-error\" id=\"{Regex.Escape(field)}-error\">((?:\\s*<span[^>]*>.*?</span>)+)\\s*</span>", RegexOptions.Singleline);
        Assert.True(error.Success, $"no error next to {field}: {Regex.Match(html, "<section class=\"error-summary\".*?</section>", RegexOptions.Singleline).Value}");
        Assert.Contains($"href=\"#{field}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<li><a href=\"#{field}\"><span data-code=", html, StringComparison.Ordinal);
        return WebUtility.HtmlDecode(error.Groups[1].Value);
    }

    private static void AssertReceipt(string html, string type)
    {
        var receipt = Regex.Match(html, "<section class=\"receipt\" role=\"status\".*?</section>", RegexOptions.Singleline).Value;
        Assert.True(receipt.Length > 0, $"no receipt: {Regex.Match(html, "<section class=\"error-summary\".*?</section>", RegexOptions.Singleline).Value}");
        Assert.Contains($"<code>{type}.v1</code>", receipt, StringComparison.Ordinal);
        Assert.Matches("data-sequence=\"[0-9]+\"", receipt);
        Assert.Matches("<code class=\"hash\">[0-9a-f]{64}</code>", receipt);
    }

    private long Head() => _host.Store.Read(session => LogReader.Head(session, _operation)).Sequence;

    private LogEntry LastEntry() => _host.Store.Read(session => LogReader.Entries(session, _operation, Head()).Single());

    /// <summary>A client that keeps cookies (the antiforgery cookie) and signs in with an API token, as a browser keeps its session.</summary>
    private HttpClient Browser(string token)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<Guid> Id(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }
}
