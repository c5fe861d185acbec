using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Testing;

namespace Lifeline.Server.Tests;

/// <summary>Stock, movements, manifests, delivery, incidents and the situation report through a real Kestrel host.</summary>
public sealed class LogisticsApiTests : IAsyncLifetime
{
    private LoopbackHost _host = null!;
    private Guid _operation;
    private Guid _hub;
    private Guid _helipad;
    private Guid _flour;
    private Guid _kit;

    private HttpClient Client => _host.Client;

    private string Op => $"/operations/{_operation}";

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync();
        _operation = await _host.CreateOperationAsync();
        _hub = await Id(await Client.PostAsJsonAsync($"{Op}/sites", new { name = "Hmeimim air base", kind = "hub", location = new { latitude = 35.40, longitude = 35.95 } }));
        _helipad = await Id(await Client.PostAsJsonAsync($"{Op}/sites", new { name = "Stadium helipad", kind = "helipad", location = new { latitude = 36.21, longitude = 37.13 } }));
        _flour = await Id(await Client.PostAsJsonAsync($"{Op}/commodities", new { code = "WHEAT-FLOUR-50", name = "Wheat flour", category = "food", unit = "bag", massPerUnitKg = 50, kcalPerKg = 3640, volumePerUnitM3 = 0.07 }));
        _kit = await Id(await Client.PostAsJsonAsync($"{Op}/commodities", new { code = "MED-TRAUMA-KIT", name = "Trauma kit", category = "medical", unit = "kit", massPerUnitKg = 38, volumePerUnitM3 = 0.2, lotTracked = true }));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<Guid> Id(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await Json(response)).GetProperty("id").GetGuid();
    }

    private async Task Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> Receive(Guid commodity, string lot, decimal quantity, string? expiry = null) =>
        Client.PostAsJsonAsync($"{Op}/stock/receipts", new { siteId = _hub, commodityId = commodity, lot, expiry, quantity, source = "donor", occurredAt = "2016-07-28T10:00:00+03:00" });

    private async Task<Guid> LoadedConvoy(decimal bags, string lot = "L-1")
    {
        var movement = await Id(await Client.PostAsJsonAsync($"{Op}/movements", new
        {
            mode = "road",
            originSiteId = _hub,
            destinationSiteId = _helipad,
            plannedDeparture = "2016-07-29T06:00:00+03:00",
            crew = 2,
            trucks = new[] { new { id = "KAMAZ-1", payloadKg = 10_000, volumeM3 = 40 } },
        }));
        await Ok(Client.PostAsJsonAsync($"{Op}/movements/{movement}/status", new { status = "approved" }));
        await Ok(Client.PostAsJsonAsync($"{Op}/movements/{movement}/status", new { status = "loading" }));
        await Ok(Client.PostAsJsonAsync($"{Op}/movements/{movement}/manifests", new { vehicleId = "KAMAZ-1", lines = new[] { new { commodityId = _flour, lot, quantity = bags } } }));
        return movement;
    }

    private async Task<JsonElement> Lot(Guid commodity, string lot) =>
        (await Json(await Client.GetAsync($"{Op}/stock?siteId={_hub}&commodityId={commodity}"))).EnumerateArray().Single(l => l.GetProperty("lot").GetString() == lot);

    [Fact]
    public async Task Fifty_parallel_departures_each_for_the_last_ten_tons_of_a_lot_dispatch_it_exactly_once()
    {
        await Ok(Receive(_flour, "L-1", 200));
        var convoys = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            convoys.Add(await LoadedConvoy(200));
        }

        var responses = await Task.WhenAll(convoys.Select(c => Client.PostAsJsonAsync($"{Op}/movements/{c}/depart", new { occurredAt = "2016-07-29T06:00:00+03:00" })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.UnprocessableEntity).ToList();
        Assert.Equal(49, refused.Count);
        Assert.Contains("would go negative", (await Json(refused[0])).GetProperty("errors").GetProperty("manifests")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty((await Json(await Client.GetAsync($"{Op}/stock?siteId={_hub}"))).EnumerateArray());
        var transit = (await Json(await Client.GetAsync($"{Op}/stock/in-transit"))).EnumerateArray().ToList();
        Assert.Equal(10_000m, transit.Sum(t => t.GetProperty("kilograms").GetDecimal()));
        var departed = (await Json(await Client.GetAsync($"{Op}/movements?status=departed"))).EnumerateArray();
        Assert.Single(departed);
    }

    [Fact]
    public async Task Fifty_parallel_issues_of_one_ton_from_ten_tons_leave_exactly_zero()
    {
        await Ok(Receive(_flour, "L-2", 200));

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Client.PostAsJsonAsync($"{Op}/stock/issues", new { siteId = _hub, commodityId = _flour, lot = "L-2", quantity = 20, issuedTo = "Ramouseh distribution point" })));

        Assert.Equal(10, responses.Count(r => r.IsSuccessStatusCode));
        Assert.Equal(40, responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity));
        var ledger = (await Json(await Client.GetAsync($"{Op}/stock/ledger?siteId={_hub}&commodityId={_flour}&lot=L-2"))).EnumerateArray().ToList();
        Assert.Equal(0m, ledger.Sum(l => l.GetProperty("change").GetDecimal()));
    }

    [Fact]
    public async Task A_distribution_officer_issues_only_at_their_distribution_point()
    {
        var point = await Id(await Client.PostAsJsonAsync($"{Op}/sites", new { name = "Bustan al-Qasr point", kind = "distribution_point", location = new { latitude = 36.19, longitude = 37.14 } }));
        await Ok(Receive(_flour, "L-3", 40));
        var officer = _host.ClientFor(Lifeline.Storage.Accounts.Role.DistributionOfficer, _operation, point);

        var atHub = await officer.PostAsJsonAsync($"{Op}/stock/issues", new { siteId = _hub, commodityId = _flour, lot = "L-3", quantity = 5, issuedTo = "households" });
        var receipt = await officer.PostAsJsonAsync($"{Op}/stock/receipts", new { siteId = point, commodityId = _flour, lot = "L-3", quantity = 5, source = "donor" });

        Assert.Equal(HttpStatusCode.Forbidden, atHub.StatusCode);
        Assert.Contains("not assigned", (await Json(atHub)).GetProperty("errors").GetProperty("siteId")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, receipt.StatusCode);
        Assert.Equal(40m, (await Lot(_flour, "L-3")).GetProperty("quantity").GetDecimal());
    }

    [Fact]
    public async Task A_sortie_from_manifest_to_delivery_with_the_seal_in_the_log_a_correction_and_a_discrepancy()
    {
        await Ok(Receive(_flour, "", 500));
        await Ok(Receive(_kit, "TK-1", 50, "2018-03-31"));
        var sortie = await Id(await Client.PostAsJsonAsync($"{Op}/movements", new
        {
            mode = "air",
            originSiteId = _hub,
            destinationSiteId = _helipad,
            plannedDeparture = "2016-07-28T10:00:00+03:00",
            crew = 5,
            aircraft = new { type = "Mi-8AMTSh", tailNumber = "RA-24531", maxPayloadKg = 4000, volumeM3 = 22 },
            derating = new { rangePercent = 10, temperaturePercent = 15, altitudePercent = 0 },
        }));
        await Ok(Client.PostAsJsonAsync($"{Op}/movements/{sortie}/status", new { status = "approved" }));
        await Ok(Client.PostAsJsonAsync($"{Op}/movements/{sortie}/status", new { status = "loading" }));

        var over = await Client.PostAsJsonAsync($"{Op}/movements/{sortie}/manifests", new { vehicleId = "RA-24531", lines = new object[] { new { commodityId = _flour, quantity = 62 } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        Assert.Equal("the manifest weighs 3,100 kg, 40 kg over the derated payload of 3,060 kg of vehicle 'RA-24531'", (await Json(over)).GetProperty("errors").GetProperty("lines")[0].GetString());

        var manifest = await Id(await Client.PostAsJsonAsync($"{Op}/movements/{sortie}/manifests", new { vehicleId = "RA-24531", lines = new object[] { new { commodityId = _flour, quantity = 40 }, new { commodityId = _kit, lot = "TK-1", quantity = 20 } } }));
        var depart = await Client.PostAsJsonAsync($"{Op}/movements/{sortie}/depart", new { occurredAt = "2016-07-28T10:05:00+03:00" });
        Assert.Equal(HttpStatusCode.OK, depart.StatusCode);

        var sealedManifest = await Json(await Client.GetAsync($"{Op}/manifests/{manifest}"));
        var hash = sealedManifest.GetProperty("sealedHash").GetString()!;
        var log = await Json(await Client.GetAsync($"{Op}/log?from=1&limit=100"));
        var departed = log.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "movement.departed.v1");
        Assert.Equal(hash, departed.GetProperty("body").GetProperty("manifests")[0].GetProperty("hash").GetString());
        Assert.Equal(2760m, sealedManifest.GetProperty("totalMassKg").GetDecimal());

        var late = await Client.PostAsJsonAsync($"{Op}/movements/{sortie}/manifests", new { vehicleId = "RA-24531", lines = new object[] { new { commodityId = _flour, quantity = 1 } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        var correction = await Id(await Client.PostAsJsonAsync($"{Op}/manifests/{manifest}/corrections", new { lines = new object[] { new { commodityId = _flour, quantity = 40 }, new { commodityId = _kit, lot = "TK-1", quantity = 18 } }, reason = "two kits left on the apron" }));
        Assert.Equal(manifest, (await Json(await Client.GetAsync($"{Op}/manifests/{correction}"))).GetProperty("corrects").GetGuid());
        await Ok(Client.PostAsJsonAsync($"{Op}/manifests/{manifest}/inspections", new { organisation = "Observer mission", finding = "differs", differences = new[] { new { line = 2, found = 18, note = "two kits short" } } }));

        await Ok(Client.PostAsJsonAsync($"{Op}/movements/{sortie}/status", new { status = "arrived", occurredAt = "2016-07-28T11:15:00+03:00" }));
        var noReason = await Client.PostAsJsonAsync($"{Op}/movements/{sortie}/delivery", new { receivedBy = "helipad team", lines = new object[] { new { manifestId = manifest, line = 1, received = 40 }, new { manifestId = manifest, line = 2, received = 18 } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.True((await Json(noReason)).GetProperty("errors").TryGetProperty("lines[1].reason", out _));
        await Ok(Client.PostAsJsonAsync($"{Op}/movements/{sortie}/delivery", new { receivedBy = "helipad team", occurredAt = "2016-07-28T12:00:00+03:00", lines = new object[] { new { manifestId = manifest, line = 1, received = 40 }, new { manifestId = manifest, line = 2, received = 18, reason = "left on the apron at Hmeimim" } } }));

        var detail = await Json(await Client.GetAsync($"{Op}/movements/{sortie}"));
        Assert.Equal("delivered", detail.GetProperty("movement").GetProperty("status").GetString());
        Assert.Equal("short 2 of 20 departed", detail.GetProperty("delivery")[1].GetProperty("discrepancy").GetString());
        Assert.Equal(0, detail.GetProperty("inTransit").GetArrayLength());
        Assert.Equal(18m, (await Json(await Client.GetAsync($"{Op}/stock?siteId={_helipad}&commodityId={_kit}")))[0].GetProperty("quantity").GetDecimal());

        var report = await Json(await Client.GetAsync($"{Op}/reports/sitrep?from=2016-07-28&to=2016-07-28"));
        Assert.Equal(2.76m, report.GetProperty("total").GetProperty("dispatched").GetDecimal());
        Assert.Equal(2.684m, report.GetProperty("total").GetProperty("delivered").GetDecimal());
        Assert.Equal(0.076m, report.GetProperty("total").GetProperty("short").GetDecimal());
        Assert.Equal(7280000, report.GetProperty("food").GetProperty("kcalDelivered").GetInt64());
        Assert.Equal(3466, report.GetProperty("food").GetProperty("personDays").GetInt64());

        var csv = await Client.GetAsync($"{Op}/exports/sitrep.hxl.csv?from=2016-07-28&to=2016-07-28");
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("#date+start,#date+end,#meta+breakdown", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("2016-07-28,2016-07-28,total,total,2.760,2.684,0.000,0.000,0.000,0.076,0.000,7280000,3466", rows[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shooting_down_a_sortie_in_flight_writes_off_its_cargo_with_the_incident_as_reason()
    {
        await Ok(Receive(_flour, "", 500));
        var sortie = await Id(await Client.PostAsJsonAsync($"{Op}/movements", new { mode = "air", originSiteId = _hub, destinationSiteId = _helipad, plannedDeparture = "2016-08-01T08:00:00+03:00", crew = 5, aircraft = new { type = "Mi-8AMTSh", tailNumber = "RA-24532", maxPayloadKg = 4000 } }));
        await Ok(Client.PostAsJsonAsync($"{Op}/movements/{sortie}/status", new { status = "approved" }));
        await Ok(Client.PostAsJsonAsync($"{Op}/movements/{sortie}/status", new { status = "loading" }));
        await Ok(Client.PostAsJsonAsync($"{Op}/movements/{sortie}/manifests", new { vehicleId = "RA-24532", lines = new object[] { new { commodityId = _flour, quantity = 60 } } }));
        await Ok(Client.PostAsJsonAsync($"{Op}/movements/{sortie}/depart", new { occurredAt = "2016-08-01T08:10:00+03:00" }));

        var incident = await Id(await Client.PostAsJsonAsync($"{Op}/incidents", new { kind = "aircraft_lost", occurredAt = "2016-08-01T09:00:00+03:00", movementId = sortie, latitude = 35.862, longitude = 36.806, place = "near Saraqib", killed = 5, injured = 0, cargoStatus = "lost", narrative = "shot down" }));

        var detail = await Json(await Client.GetAsync($"{Op}/movements/{sortie}"));
        Assert.Equal("lost", detail.GetProperty("movement").GetProperty("status").GetString());
        Assert.Equal(incident, detail.GetProperty("movement").GetProperty("lostIncidentId").GetGuid());
        Assert.Contains(incident.ToString(), detail.GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString(), StringComparison.Ordinal);
        var report = await Json(await Client.GetAsync($"{Op}/reports/sitrep?from=2016-08-01&to=2016-08-01"));
        Assert.Equal(3m, report.GetProperty("total").GetProperty("lost").GetDecimal());
        Assert.Equal(0m, report.GetProperty("total").GetProperty("inTransit").GetDecimal());
        Assert.Equal(5, report.GetProperty("incidents")[0].GetProperty("killed").GetInt32());
        var again = await Client.PostAsJsonAsync($"{Op}/incidents", new { kind = "aircraft_lost", occurredAt = "2016-08-01T09:05:00+03:00", movementId = sortie });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_nothing_is_recorded()
    {
        var before = (await Json(await Client.GetAsync($"{Op}/log?from=1&limit=1000"))).GetProperty("entries").GetArrayLength();

        var unreadable = await Client.PostAsync($"{Op}/stock/receipts", new StringContent($$"""{"siteId":"{{_hub}}","commodityId":"{{_kit}}","quantity":"ten"}""", System.Text.Encoding.UTF8, "application/json"));
        var missingLot = await Receive(_kit, "", 5);
        var badRange = await Client.GetAsync($"{Op}/reports/sitrep?from=2016-08-02&to=2016-08-01");

        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.True((await Json(unreadable)).GetProperty("errors").TryGetProperty("quantity", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingLot.StatusCode);
        Assert.True((await Json(missingLot)).GetProperty("errors").TryGetProperty("lot", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        Assert.Equal(before, (await Json(await Client.GetAsync($"{Op}/log?from=1&limit=1000"))).GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task Numbers_past_their_bounds_are_refused_naming_the_field_and_nothing_is_recorded()
    {
        var before = (await Json(await Client.GetAsync($"{Op}/log?from=1&limit=1000"))).GetProperty("entries").GetArrayLength();

        var receipt = await Receive(_flour, "L-9", 2305843009213693.951m);
        var huge = await Client.PostAsJsonAsync($"{Op}/commodities", new { code = "HUGE", name = "Huge", category = "other", unit = "piece", massPerUnitKg = decimal.MaxValue });
        var tiny = await Client.PostAsJsonAsync($"{Op}/commodities", new { code = "TINY", name = "Tiny", category = "medical", unit = "piece", massPerUnitKg = 0.0000001m });

        Assert.Equal([HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity], new[] { receipt.StatusCode, huge.StatusCode, tiny.StatusCode });
        var refused = await Json(receipt);
        Assert.Equal("quantity must be at most 9,999,999,999.999, got 2305843009213693.951", refused.GetProperty("errors").GetProperty("quantity")[0].GetString());
        Assert.Equal("input.too-many", refused.GetProperty("codes").GetProperty("quantity")[0].GetString());
        Assert.Equal("input.too-large", (await Json(huge)).GetProperty("codes").GetProperty("massPerUnitKg")[0].GetString());
        Assert.Equal("massPerUnitKg is recorded to 0.000001 kg at most, got 0.0000001", (await Json(tiny)).GetProperty("errors").GetProperty("massPerUnitKg")[0].GetString());
        Assert.Equal(before, (await Json(await Client.GetAsync($"{Op}/log?from=1&limit=1000"))).GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task The_largest_quantity_of_the_heaviest_unit_is_recorded_and_the_stock_and_report_pages_answer_it_exactly()
    {
        var heavy = await Id(await Client.PostAsJsonAsync($"{Op}/commodities", new { code = "PREFAB-KITCHEN", name = "Prefabricated kitchen", category = "food", unit = "piece", massPerUnitKg = 100_000m, kcalPerKg = 9_000m, volumePerUnitM3 = 1_000m }));

        await Ok(Receive(heavy, "", 9_999_999_999.999m));

        var lot = await Lot(heavy, "");
        Assert.Equal((9_999_999_999.999m, 999_999_999_999_900m), (lot.GetProperty("quantity").GetDecimal(), lot.GetProperty("kilograms").GetDecimal()));
        var entries = (await Json(await Client.GetAsync($"{Op}/log?from=1&limit=1000"))).GetProperty("entries");
        Assert.Contains("\"quantity\":9999999999.999", entries.EnumerateArray().Last().GetRawText(), StringComparison.Ordinal);
        var report = await Client.GetAsync($"{Op}/reports/sitrep?from=2016-07-28&to=2016-07-28");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(9_999_999_999.999m, (await Json(report)).GetProperty("stockOnHand").EnumerateArray().Single(l => l.GetProperty("commodityId").GetGuid() == heavy).GetProperty("quantity").GetDecimal());
    }

    [Fact]
    public async Task Picking_suggests_the_earliest_expiry_first()
    {
        await Ok(Receive(_kit, "LATE", 30, "2018-01-01"));
        await Ok(Receive(_kit, "SOON", 10, "2016-12-31"));

        var picking = await Json(await Client.GetAsync($"{Op}/stock/picking?siteId={_hub}&commodityId={_kit}&quantity=25&on=2016-07-29"));

        Assert.Equal(["SOON", "LATE"], picking.GetProperty("picks").EnumerateArray().Select(p => p.GetProperty("lot").GetString()));
        Assert.Equal(15m, picking.GetProperty("picks")[1].GetProperty("quantity").GetDecimal());
        Assert.Equal(0m, picking.GetProperty("shortfall").GetDecimal());
    }
}
