using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Writing;
using Lifeline.Testing;

namespace Lifeline.Server.Tests;

/// <summary>
/// No write reaches across operations. Authorization checks the route's operation, so the dangerous caller is
/// one authorised here who names the other operation's site, commodity, corridor, window, passage, movement or
/// manifest in this operation's route or body: the write must be refused naming that field, neither log may
/// gain an entry and the other operation's picture must not change. Both operations hold a real target for
/// every such write, and the same write through the other operation's own route is recorded there, so each
/// refusal is about the operation and nothing else. Idempotency keys belong to one operation and one user.
/// </summary>
public sealed class CrossOperationTests : IAsyncLifetime
{
    private const string HereOnly = "a member of this operation only";
    private const string Both = "a coordinator of both operations";

    // The corridors open at ten in the morning in Damascus (UTC+3), inside their 08:00-16:00 daily window.
    private static readonly DateTimeOffset Now = new(2016, 7, 30, 10, 0, 0, TimeSpan.FromHours(3));

    /// <summary>
    /// Every API write that takes an id in its route or body, with the role that may send it here and the
    /// fields a refusal may name. The request is built from the route's operation ("here") and the operation
    /// whose ids it names ("there"): the other operation for the attack, the same one for the control.
    /// </summary>
    private static readonly Dictionary<string, Crossing> Crossings = new(StringComparer.Ordinal)
    {
        ["sites/{siteId}/status, the other's site"] = new(Role.Coordinator, (_, there) => ($"sites/{there.Warehouse}/status", new { status = "closed", reason = "shelling nearby" }), "siteId"),
        ["corridors, through the other's checkpoint"] = new(Role.Coordinator, (here, there) => ("corridors", Corridor("Northern corridor", here.Gate, there.OuterCrossing)), "checkpointIds[1]"),
        ["corridors/{corridorId}/status, the other's corridor"] = new(Role.Coordinator, (_, there) => ($"corridors/{there.Corridor}/status", new { status = "paused", reason = "shelling near the crossing", authority = "Ministry of Defence" }), "corridorId"),
        ["corridors/{corridorId}/windows, the other's corridor"] = new(Role.Coordinator, (_, there) => ($"corridors/{there.Corridor}/windows", new { recurrence = "once", start = "2016-08-11T18:00", end = "2016-08-11T20:00" }), "corridorId"),
        ["corridors/{corridorId}/windows/{windowId}/cancel, this corridor and the other's window"] = new(Role.Coordinator, (here, there) => ($"corridors/{here.Corridor}/windows/{there.Window}/cancel", new { reason = "convoy delayed" }), "windowId"),
        ["corridors/{corridorId}/windows/{windowId}/cancel, the other's corridor and window"] = new(Role.Coordinator, (_, there) => ($"corridors/{there.Corridor}/windows/{there.Window}/cancel", new { reason = "convoy delayed" }), "corridorId", "windowId"),
        ["pauses, over a corridor here and the other's"] = new(Role.Coordinator, (here, there) => ("pauses", new { corridorIds = new[] { here.SecondCorridor, there.Corridor }, start = "2016-08-10T20:00", end = "2016-08-10T23:00", reason = "UN-requested pause" }), "corridorIds[1]"),
        ["passages, on the other's corridor"] = new(Role.Coordinator, (_, there) => ("passages", Passage(there.Corridor, there.Gate)), "corridorId"),
        ["passages, at the other's checkpoint"] = new(Role.Coordinator, (here, there) => ("passages", Passage(here.Corridor, there.Gate)), "checkpointId"),
        ["passages, correcting the other's passage"] = new(Role.Coordinator, (here, there) => ("passages", Passage(here.Corridor, here.Gate, corrects: there.Passage)), "corrects"),
        ["passages/import, naming the other's corridor and checkpoint by id"] = new(Role.Coordinator, (_, there) => ("passages/import", new Csv($"meta/instanceID,corridor,checkpoint,occurred_at,direction,tally/civilians_female_18_59\nuuid:crossing-1,{there.Corridor},{there.Gate},2016-07-30T11:00:00+03:00,outbound,7\n")), "line 2: corridor", "line 2: checkpoint"),
        ["stock/receipts, at the other's site"] = new(Role.LogisticsOfficer, (here, there) => ("stock/receipts", new { siteId = there.Hub, commodityId = here.Flour, lot = "", quantity = 10, source = "WFP" }), "siteId"),
        ["stock/receipts, of the other's commodity"] = new(Role.LogisticsOfficer, (here, there) => ("stock/receipts", new { siteId = here.Hub, commodityId = there.Flour, lot = "", quantity = 10, source = "WFP" }), "commodityId"),
        ["stock/issues, at the other's site"] = new(Role.LogisticsOfficer, (here, there) => ("stock/issues", new { siteId = there.Hub, commodityId = here.Flour, lot = "", quantity = 5, issuedTo = "Ramouseh families" }), "siteId"),
        ["stock/issues, of the other's commodity"] = new(Role.LogisticsOfficer, (here, there) => ("stock/issues", new { siteId = here.Hub, commodityId = there.Flour, lot = "", quantity = 5, issuedTo = "Ramouseh families" }), "commodityId"),
        ["stock/adjustments, at the other's site"] = new(Role.LogisticsOfficer, (here, there) => ("stock/adjustments", new { siteId = there.Hub, commodityId = here.Flour, lot = "", change = -1, reason = "damage" }), "siteId"),
        ["stock/adjustments, of the other's commodity"] = new(Role.LogisticsOfficer, (here, there) => ("stock/adjustments", new { siteId = here.Hub, commodityId = there.Flour, lot = "", change = -1, reason = "damage" }), "commodityId"),
        ["stock/quarantine, at the other's site"] = new(Role.LogisticsOfficer, (here, there) => ("stock/quarantine", new { siteId = there.Hub, commodityId = here.Flour, lot = "", reason = "weevils found" }), "siteId"),
        ["stock/quarantine, of the other's commodity"] = new(Role.LogisticsOfficer, (here, there) => ("stock/quarantine", new { siteId = here.Hub, commodityId = there.Flour, lot = "", reason = "weevils found" }), "commodityId"),
        ["stock/release, at the other's site"] = new(Role.LogisticsOfficer, (here, there) => ("stock/release", new { siteId = there.Hub, commodityId = here.Kit, lot = "TK-1", reason = "cold chain checked" }), "siteId"),
        ["stock/release, of the other's commodity"] = new(Role.LogisticsOfficer, (here, there) => ("stock/release", new { siteId = here.Hub, commodityId = there.Kit, lot = "TK-1", reason = "cold chain checked" }), "commodityId"),
        ["stock/daily-needs, at the other's site"] = new(Role.LogisticsOfficer, (here, there) => ("stock/daily-needs", new { siteId = there.Hub, commodityId = here.Flour, quantityPerDay = 20 }), "siteId"),
        ["stock/daily-needs, of the other's commodity"] = new(Role.LogisticsOfficer, (here, there) => ("stock/daily-needs", new { siteId = here.Hub, commodityId = there.Flour, quantityPerDay = 20 }), "commodityId"),
        ["movements, from the other's site"] = new(Role.LogisticsOfficer, (here, there) => ("movements", Convoy(there.Hub, here.Point, null, "KAMAZ-9")), "originSiteId"),
        ["movements, to the other's site"] = new(Role.LogisticsOfficer, (here, there) => ("movements", Convoy(here.Hub, there.Point, null, "KAMAZ-9")), "destinationSiteId"),
        ["movements, through the other's corridor"] = new(Role.LogisticsOfficer, (here, there) => ("movements", Convoy(here.Hub, here.Point, there.Corridor, "KAMAZ-9")), "corridorId"),
        ["movements/{movementId}/status, the other's movement"] = new(Role.LogisticsOfficer, (_, there) => ($"movements/{there.Planned}/status", new { status = "approved" }), "movementId"),
        ["movements/{movementId}/manifests, on the other's movement"] = new(Role.LogisticsOfficer, (_, there) => ($"movements/{there.Loading}/manifests", Manifest("KAMAZ-2", there.Flour, 10)), "movementId"),
        ["movements/{movementId}/manifests, of the other's commodity"] = new(Role.LogisticsOfficer, (here, there) => ($"movements/{here.Loading}/manifests", Manifest("KAMAZ-2", there.Flour, 10)), "lines[0].commodityId"),
        ["movements/{movementId}/depart, the other's movement"] = new(Role.LogisticsOfficer, (_, there) => ($"movements/{there.Loading}/depart", new { }), "movementId"),
        ["movements/{movementId}/delivery, the other's movement"] = new(Role.LogisticsOfficer, (_, there) => ($"movements/{there.Arrived}/delivery", Delivery(there.Sealed)), "movementId"),
        ["movements/{movementId}/delivery, of the other's manifest"] = new(Role.LogisticsOfficer, (here, there) => ($"movements/{here.Arrived}/delivery", Delivery(there.Sealed)), "lines[0].manifestId", "lines[0].line"),
        ["manifests/{manifestId}/corrections, the other's manifest"] = new(Role.LogisticsOfficer, (_, there) => ($"manifests/{there.Sealed}/corrections", Correction(there.Flour)), "manifestId", "corrects"),
        ["manifests/{manifestId}/corrections, with the other's commodity"] = new(Role.LogisticsOfficer, (here, there) => ($"manifests/{here.Sealed}/corrections", Correction(there.Flour)), "lines[0].commodityId"),
        ["manifests/{manifestId}/inspections, the other's manifest"] = new(Role.LogisticsOfficer, (_, there) => ($"manifests/{there.Sealed}/inspections", new { organisation = "UN monitors", finding = "matches" }), "manifestId"),
        ["manifests/{manifestId}/inspections, finding the other's commodity"] = new(Role.LogisticsOfficer, (here, there) => ($"manifests/{here.Sealed}/inspections", new { organisation = "UN monitors", finding = "differs", differences = new[] { new { commodityId = there.Kit, lot = "TK-1", found = 3 } } }), "differences[0].commodityId"),
        ["incidents, on the other's movement"] = new(Role.LogisticsOfficer, (_, there) => ("incidents", new { kind = "vehicle_hit", occurredAt = "2016-07-30T09:00:00+03:00", movementId = there.Loading, injured = 1, narrative = "hit by shrapnel" }), "movementId"),
        ["incidents, at the other's site"] = new(Role.LogisticsOfficer, (_, there) => ("incidents", new { kind = "shelling_near_site", occurredAt = "2016-07-30T09:00:00+03:00", siteId = there.Warehouse, narrative = "shells near the warehouse" }), "siteId"),
    };

    /// <summary>
    /// The web forms that take an id, posted to this operation's pages with the other's ids. A form refused
    /// with 422 links the field's input from its error summary; one whose route names the other's corridor or
    /// movement may answer 404, since the page it would show back is not in this operation.
    /// </summary>
    private static readonly Dictionary<string, FormCrossing> FormCrossings = new(StringComparer.Ordinal)
    {
        ["window cancel form, this corridor and the other's window"] = new(Role.Coordinator, here => $"corridors/{here.Corridor}", (here, there) => $"corridors/{here.Corridor}/windows/{there.Window}/cancel", (_, _) => [("reason", "convoy delayed")], there => $"cancel-{there.Window}-windowId"),
        ["window cancel form, the other's corridor and window"] = new(Role.Coordinator, here => $"corridors/{here.Corridor}", (_, there) => $"corridors/{there.Corridor}/windows/{there.Window}/cancel", (_, _) => [("reason", "convoy delayed")], there => $"cancel-{there.Window}-windowId"),
        ["corridor status form, the other's corridor"] = new(Role.Coordinator, here => $"corridors/{here.Corridor}", (_, there) => $"corridors/{there.Corridor}/status", (_, _) => [("status", "paused"), ("reason", "shelling near the crossing"), ("authority", "Ministry of Defence")], _ => "corridorId"),
        ["passage form, the other's corridor"] = new(Role.Coordinator, _ => "passages/new", (_, _) => "passages", (_, there) => PassageForm(there.Corridor, there.Gate), _ => "corridorId"),
        ["passage form, the other's checkpoint"] = new(Role.Coordinator, _ => "passages/new", (_, _) => "passages", (here, there) => PassageForm(here.Corridor, there.Gate), _ => "checkpointId"),
        ["stock receipt form, at the other's site"] = new(Role.LogisticsOfficer, _ => "stock", (_, _) => "stock/receipts", (here, there) => [("siteId", $"{there.Hub}"), ("commodityId", $"{here.Flour}"), ("lot", ""), ("quantity", "10"), ("source", "WFP")], _ => "receive-siteId"),
        ["stock adjustment form, of the other's commodity"] = new(Role.LogisticsOfficer, _ => "stock", (_, _) => "stock/adjustments", (here, there) => [("siteId", $"{here.Hub}"), ("commodityId", $"{there.Flour}"), ("lot", ""), ("change", "-1"), ("reason", "damage")], _ => "adjust-commodityId"),
        ["quarantine form, at the other's site"] = new(Role.LogisticsOfficer, _ => "stock", (_, _) => "stock/quarantine", (here, there) => [("siteId", $"{there.Hub}"), ("commodityId", $"{here.Flour}"), ("lot", ""), ("reason", "weevils found")], _ => "hold-siteId"),
        ["movement status form, the other's movement"] = new(Role.LogisticsOfficer, here => $"movements/{here.Planned}", (_, there) => $"movements/{there.Planned}/status", (_, _) => [("status", "approved")], _ => "movement-to"),
        ["incident form, at the other's site"] = new(Role.LogisticsOfficer, _ => "incidents", (_, _) => "incidents", (_, there) => [("kind", "shelling_near_site"), ("occurredAt", "2016-07-30T09:00"), ("siteId", $"{there.Warehouse}"), ("narrative", "shells near the warehouse")], _ => "incident-siteId"),
    };

    private readonly FrozenClock _clock = new(Now);
    private LoopbackHost _host = null!;
    private Ids _here = null!;
    private Ids _there = null!;

    public static TheoryData<string, string> CrossingsByCaller() => ByCaller(Crossings.Keys);

    public static TheoryData<string> CrossingNames() => Names(Crossings.Keys);

    public static TheoryData<string, string> FormCrossingsByCaller() => ByCaller(FormCrossings.Keys);

    public static TheoryData<string> FormCrossingNames() => Names(FormCrossings.Keys);

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync(_clock);
        _here = await SetUp(await _host.CreateOperationAsync("Aleppo"));
        _there = await SetUp(await _host.CreateOperationAsync("Madaya"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(CrossingsByCaller))]
    public async Task A_write_through_this_operations_route_naming_the_other_operations_id_is_refused_and_recorded_nowhere(string write, string caller)
    {
        var crossing = Crossings[write];
        var client = caller == Both ? _host.Client : _host.ClientFor(crossing.Role, _here.Operation);
        var (path, body) = crossing.Request(_here, _there);
        var before = await Picture();

        using var response = await Send(client, $"/operations/{_here.Operation}/{path}", body);

        var problems = await RefusalProblems(response, crossing.Fields);
        problems.AddRange(Changes(before, await Picture()));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(CrossingNames))]
    public async Task The_same_write_through_the_other_operations_own_route_is_recorded_there(string write)
    {
        var (path, body) = Crossings[write].Request(_there, _there);
        var before = Head(_there.Operation);

        using var response = await Send(_host.Client, $"/operations/{_there.Operation}/{path}", body);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.True(Head(_there.Operation) > before);
    }

    [Fact]
    public async Task A_checkpoint_officer_cannot_record_at_their_own_checkpoint_on_the_other_operations_corridor()
    {
        var officer = _host.ClientFor(Role.CheckpointOfficer, _here.Operation, _here.Gate);
        var before = await Picture();

        using var response = await Send(officer, $"/operations/{_here.Operation}/passages", Passage(_there.Corridor, _here.Gate));

        var problems = await RefusalProblems(response, ["corridorId"]);
        problems.AddRange(Changes(before, await Picture()));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task A_checkpoint_officer_cannot_record_at_the_other_operations_checkpoint_on_their_own_corridor()
    {
        var officer = _host.ClientFor(Role.CheckpointOfficer, _here.Operation, _here.Gate);
        var before = await Picture();

        using var response = await Send(officer, $"/operations/{_here.Operation}/passages", Passage(_here.Corridor, _there.Gate));

        // An officer limited to assigned checkpoints is refused with 403 naming the checkpoint, before any lookup.
        var problems = await RefusalProblems(response, ["checkpointId"], HttpStatusCode.Forbidden);
        problems.AddRange(Changes(before, await Picture()));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(FormCrossingsByCaller))]
    public async Task A_form_posted_to_this_operations_pages_naming_the_other_operations_id_is_refused_and_recorded_nowhere(string form, string caller)
    {
        var crossing = FormCrossings[form];
        using var browser = Browser(caller == Both ? _host.AdministratorId : _host.AddUser(crossing.Role, _here.Operation).Id);
        var before = await Picture();

        var (status, html) = await PostForm(browser, _here.Operation, crossing.Page(_here), crossing.Action(_here, _there), crossing.Fields(_here, _there));

        var problems = new List<string>();
        var field = crossing.Field(_there);
        if (status is not (HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity))
        {
            problems.Add($"answered {(int)status} {status}, not 404 or 422: {Summary(html)}");
        }
        else if (status == HttpStatusCode.UnprocessableEntity && !html.Contains($"<li><a href=\"#{field}\">", StringComparison.Ordinal))
        {
            problems.Add($"the refusal does not point at {field}: {Summary(html)}");
        }

        if (html.Contains("<section class=\"receipt\"", StringComparison.Ordinal))
        {
            problems.Add($"the page shows a receipt: {Regex.Match(html, "<section class=\"receipt\".*?</section>", RegexOptions.Singleline).Value}");
        }

        problems.AddRange(Changes(before, await Picture()));
        Assert.True(problems.Count == 0, $"answered {(int)status} {status}{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Theory]
    [MemberData(nameof(FormCrossingNames))]
    public async Task The_same_form_posted_to_the_other_operations_own_pages_is_recorded_there(string form)
    {
        var crossing = FormCrossings[form];
        using var browser = Browser(_host.AdministratorId);
        var before = Head(_there.Operation);

        var (status, html) = await PostForm(browser, _there.Operation, crossing.Page(_there), crossing.Action(_there, _there), crossing.Fields(_there, _there));

        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {Summary(html)}");
        Assert.Contains("<section class=\"receipt\"", html, StringComparison.Ordinal);
        Assert.True(Head(_there.Operation) > before);
    }

    [Theory]
    [InlineData("the same coordinator of both")]
    [InlineData("a coordinator of each")]
    public async Task An_idempotency_key_used_in_one_operation_records_the_same_body_again_in_the_other(string senders)
    {
        var (first, second) = senders == "the same coordinator of both"
            ? (_host.Client, _host.Client)
            : (_host.ClientFor(Role.Coordinator, _here.Operation), _host.ClientFor(Role.Coordinator, _there.Operation));
        var site = new { name = "Field clinic", kind = "warehouse", location = new { latitude = 36.2, longitude = 37.15 } };
        var (here, there) = (Head(_here.Operation), Head(_there.Operation));

        using var inHere = await Send(first, $"/operations/{_here.Operation}/sites", site, "tablet-7:42");
        using var inThere = await Send(second, $"/operations/{_there.Operation}/sites", site, "tablet-7:42");

        Assert.Equal(HttpStatusCode.Created, inHere.StatusCode);
        Assert.True(inThere.StatusCode == HttpStatusCode.Created, $"the other operation answered {(int)inThere.StatusCode}: {await inThere.Content.ReadAsStringAsync()}");
        Assert.False(inThere.Headers.Contains("Idempotent-Replayed"), "the other operation replayed this operation's receipt");
        Assert.Equal(_there.Operation, (await Json(inThere)).GetProperty("receipt").GetProperty("operationId").GetGuid());
        Assert.Equal((here + 1, there + 1), (Head(_here.Operation), Head(_there.Operation)));
        Assert.Contains("Field clinic", await _host.Client.GetStringAsync($"/operations/{_there.Operation}/sites"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_users_sending_the_same_idempotency_key_in_one_operation_each_record_and_neither_receives_the_others_receipt()
    {
        var firstOfficer = _host.AddUser(Role.LogisticsOfficer, _here.Operation);
        var secondOfficer = _host.AddUser(Role.LogisticsOfficer, _here.Operation);
        var receipt = new { siteId = _here.Hub, commodityId = _here.Flour, lot = "", quantity = 10, source = "WFP" };
        var before = Head(_here.Operation);

        using var first = await Send(_host.WithToken(_host.TokenFor(firstOfficer.Id)), $"/operations/{_here.Operation}/stock/receipts", receipt, "tablet-1:1");
        using var second = await Send(_host.WithToken(_host.TokenFor(secondOfficer.Id)), $"/operations/{_here.Operation}/stock/receipts", receipt, "tablet-1:1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(second.StatusCode == HttpStatusCode.Created, $"the second user got {(int)second.StatusCode}: {await second.Content.ReadAsStringAsync()}");
        Assert.False(second.Headers.Contains("Idempotent-Replayed"), "the second user was handed the first user's receipt");
        Assert.NotEqual(
            (await Json(first)).GetProperty("receipt").GetProperty("entries")[0].GetProperty("sequence").GetInt64(),
            (await Json(second)).GetProperty("receipt").GetProperty("entries")[0].GetProperty("sequence").GetInt64());
        var recorded = _host.Store.Read(session => LogReader.Entries(session, _here.Operation, before + 1).Select(e => e.Actor).ToList());
        Assert.Equal([$"user:{firstOfficer.Id}", $"user:{secondOfficer.Id}"], recorded);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_same_passage_import_records_in_both_operations(bool submissionIds)
    {
        // The same tally sheet, by names both operations use: each row's submission id (or the file's hash
        // and the line) is its idempotency key.
        var csv = new Csv(submissionIds
            ? "meta/instanceID,corridor,checkpoint,occurred_at,direction,tally/civilians_female_18_59\nuuid:kobo-1,Civilian corridor,Inner gate,2016-07-30T11:00:00+03:00,outbound,7\n"
            : "corridor,checkpoint,occurred_at,direction,tally/civilians_female_18_59\nCivilian corridor,Inner gate,2016-07-30T11:00:00+03:00,outbound,7\n");
        var (here, there) = (Head(_here.Operation), Head(_there.Operation));

        using var inHere = await Send(_host.Client, $"/operations/{_here.Operation}/passages/import", csv);
        using var inThere = await Send(_host.Client, $"/operations/{_there.Operation}/passages/import", csv);

        Assert.Equal(HttpStatusCode.OK, inHere.StatusCode);
        Assert.Equal(1, (await Json(inHere)).GetProperty("recorded").GetInt32());
        Assert.Equal(HttpStatusCode.OK, inThere.StatusCode);
        var imported = await Json(inThere);
        Assert.True(imported.GetProperty("recorded").GetInt32() == 1, $"the other operation answered {imported}");
        Assert.Equal(0, imported.GetProperty("alreadyImported").GetInt32());
        Assert.Equal((here + 1, there + 1), (Head(_here.Operation), Head(_there.Operation)));
    }

    private static TheoryData<string, string> ByCaller(IEnumerable<string> names)
    {
        var data = new TheoryData<string, string>();
        foreach (var name in names)
        {
            data.Add(name, HereOnly);
            data.Add(name, Both);
        }

        return data;
    }

    private static TheoryData<string> Names(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Sets up one operation with a real target for every write that names an id.</summary>
    private async Task<Ids> SetUp(Guid operation)
    {
        var client = _host.Client;
        async Task<JsonElement> Post(string path, object body)
        {
            using var response = await client.PostAsJsonAsync($"/operations/{operation}/{path}", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"setting up {path}: {text}");
            return JsonDocument.Parse(text).RootElement;
        }

        async Task<Guid> Id(string path, object body) => (await Post(path, body)).GetProperty("id").GetGuid();
        async Task Status(Guid movement, params string[] statuses)
        {
            foreach (var status in statuses)
            {
                await Post($"movements/{movement}/status", new { status });
            }
        }

        // The same names in both operations, as two operations in one country would have.
        var hub = await Id("sites", new { name = "Hmeimim air base", kind = "hub", location = new { latitude = 35.40, longitude = 35.95 } });
        var warehouse = await Id("sites", new { name = "Jibreen warehouse", kind = "warehouse", location = new { latitude = 36.198, longitude = 37.225 } });
        var gate = await Id("sites", new { name = "Inner gate", kind = "checkpoint", location = new { latitude = 36.20, longitude = 37.17 } });
        var crossing = await Id("sites", new { name = "Outer crossing", kind = "checkpoint", location = new { latitude = 36.19, longitude = 37.14 } });
        var point = await Id("sites", new { name = "Ramouseh distribution point", kind = "distribution_point", location = new { latitude = 36.17, longitude = 37.13 } });
        var flour = await Id("commodities", new { code = "WHEAT-FLOUR-50", name = "Wheat flour", category = "food", unit = "bag", massPerUnitKg = 50, kcalPerKg = 3640, volumePerUnitM3 = 0.07 });
        var kit = await Id("commodities", new { code = "MED-TRAUMA-KIT", name = "Trauma kit", category = "medical", unit = "kit", massPerUnitKg = 38, volumePerUnitM3 = 0.2, lotTracked = true });

        var corridor = await Id("corridors", Corridor("Civilian corridor", gate, crossing));
        var second = await Id("corridors", Corridor("Medical corridor", gate, crossing));
        foreach (var opened in new[] { corridor, second })
        {
            await Post($"corridors/{opened}/status", new { status = "open", reason = "announced", authority = "Ministry of Defence" });
        }

        await Post($"corridors/{corridor}/windows", new { recurrence = "daily", firstDay = "2016-07-28", dailyFrom = "08:00", dailyTo = "16:00" });
        var window = await Id($"corridors/{corridor}/windows", new { recurrence = "once", start = "2016-08-05T18:00", end = "2016-08-05T20:00" });
        var passage = await Id("passages", Passage(corridor, gate));

        await Post("stock/receipts", new { siteId = hub, commodityId = flour, lot = "", quantity = 1000, source = "WFP" });
        await Post("stock/receipts", new { siteId = hub, commodityId = kit, lot = "TK-1", expiry = "2018-03-31", quantity = 50, source = "ICRC" });
        await Post("stock/quarantine", new { siteId = hub, commodityId = kit, lot = "TK-1", reason = "cold chain broken" });

        var planned = await Id("movements", Convoy(hub, point, null, "KAMAZ-P"));
        var loading = await Id("movements", Convoy(hub, point, null, "KAMAZ-1", "KAMAZ-2"));
        await Status(loading, "approved", "loading");
        await Post($"movements/{loading}/manifests", Manifest("KAMAZ-1", flour, 20));
        var arrived = await Id("movements", Convoy(hub, point, null, "KAMAZ-3"));
        await Status(arrived, "approved", "loading");
        var sealedManifest = await Id($"movements/{arrived}/manifests", Manifest("KAMAZ-3", flour, 40));
        await Post($"movements/{arrived}/depart", new { });
        await Status(arrived, "arrived");

        return new Ids(operation, hub, warehouse, gate, crossing, point, flour, kit, corridor, second, window, passage, planned, loading, arrived, sealedManifest);
    }

    private static object Corridor(string name, params Guid[] checkpoints) => new
    {
        name,
        route = new { type = "LineString", coordinates = new[] { new[] { 37.17, 36.20 }, [37.14, 36.19] } },
        checkpointIds = checkpoints,
        categories = new[] { "civilians", "wounded_and_sick" },
        capacityPerHour = 400,
        authority = "Ministry of Defence",
        directions = "outbound",
    };

    private static object Passage(Guid corridor, Guid checkpoint, Guid? corrects = null) => new
    {
        corridorId = corridor,
        checkpointId = checkpoint,
        direction = "outbound",
        occurredAt = "2016-07-30T10:30:00+03:00",
        counts = new[] { new { category = "civilians", sex = "female", ageBand = "18-59", count = 5 } },
        corrects,
    };

    private static object Convoy(Guid origin, Guid destination, Guid? corridor, params string[] trucks) => new
    {
        mode = "road",
        originSiteId = origin,
        destinationSiteId = destination,
        corridorId = corridor,
        plannedDeparture = "2016-07-31T06:00:00+03:00",
        crew = 2,
        trucks = trucks.Select(id => new { id, payloadKg = 10_000, volumeM3 = 40 }).ToArray(),
    };

    private static object Manifest(string vehicle, Guid commodity, decimal quantity) =>
        new { vehicleId = vehicle, lines = new[] { new { commodityId = commodity, lot = "", quantity } } };

    private static object Delivery(Guid manifest) =>
        new { receivedBy = "distribution point team", lines = new[] { new { manifestId = manifest, line = 1, received = 40 } } };

    private static object Correction(Guid commodity) =>
        new { lines = new[] { new { commodityId = commodity, lot = "", quantity = 38 } }, reason = "two bags left at the gate" };

    private static (string, string)[] PassageForm(Guid corridor, Guid checkpoint) =>
        [("corridorId", $"{corridor}"), ("checkpointId", $"{checkpoint}"), ("direction", "outbound"), ("occurredAt", "2016-07-30T10:45"), ("n-civilians-female-18-59", "4")];

    private static async Task<HttpResponseMessage> Send(HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is Csv csv)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.Text));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        }
        else
        {
            request.Content = JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    /// <summary>What is wrong with a response that should refuse naming one of the fields (404 or 422, or the status given).</summary>
    private static async Task<List<string>> RefusalProblems(HttpResponseMessage response, string[] fields, HttpStatusCode? alsoAccepted = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity) && response.StatusCode != alsoAccepted)
        {
            return [$"answered {(int)response.StatusCode} {response.StatusCode}, not a refusal: {body}"];
        }

        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        return fields.Any(field => errors.TryGetProperty(field, out _))
            ? []
            : [$"refused with {(int)response.StatusCode} naming {string.Join(", ", errors.EnumerateObject().Select(e => e.Name))}, not {string.Join(" or ", fields)}: {body}"];
    }

    /// <summary>Both logs' heads, every log's length, and what the other operation's reads answer.</summary>
    private async Task<Snapshot> Picture()
    {
        var op = $"/operations/{_there.Operation}";
        string[] reads =
        [
            "sites", "commodities", "corridors", $"corridors/{_there.Corridor}", $"corridors/{_there.SecondCorridor}", $"corridors/{_there.Corridor}/flow?by=hour",
            "stock", $"stock/ledger?siteId={_there.Hub}&commodityId={_there.Flour}&lot=", $"stock/ledger?siteId={_there.Hub}&commodityId={_there.Kit}&lot=TK-1", "stock/in-transit",
            "movements", $"movements/{_there.Planned}", $"movements/{_there.Loading}", $"movements/{_there.Arrived}", $"manifests/{_there.Sealed}", "incidents",
            "reports/sitrep?from=2016-07-28&to=2016-08-15",
        ];
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var read in reads)
        {
            using var response = await _host.Client.GetAsync($"{op}/{read}");
            answers[read] = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        return new Snapshot(Head(_here.Operation), Head(_there.Operation), _host.Store.Read(session => session.Scalar<long>("SELECT count(*) FROM log_entries")), answers);
    }

    private List<string> Changes(Snapshot before, Snapshot after)
    {
        var changes = new List<string>();
        if (after.Here != before.Here)
        {
            changes.Add($"this operation's log gained {NewEntries(_here.Operation, before.Here)}");
        }

        if (after.There != before.There)
        {
            changes.Add($"the other operation's log gained {NewEntries(_there.Operation, before.There)}");
        }

        if (after.Entries - before.Entries != (after.Here - before.Here) + (after.There - before.There))
        {
            changes.Add($"the store gained {after.Entries - before.Entries} entries in some other log");
        }

        changes.AddRange(before.ThereReads.Where(read => after.ThereReads[read.Key] != read.Value).Select(read =>
            $"the other operation's {read.Key} changed: {Difference(read.Value, after.ThereReads[read.Key])}"));
        return changes;
    }

    /// <summary>Where two answers part: a little of what they share, then what each says from there.</summary>
    private static string Difference(string before, string after)
    {
        var at = 0;
        while (at < before.Length && at < after.Length && before[at] == after[at])
        {
            at++;
        }

        var from = Math.Max(0, at - 80);
        string From(string text) => text[from..Math.Min(text.Length, at + 160)];
        return $"was …{From(before)}…, is now …{From(after)}…";
    }

    private string NewEntries(Guid operation, long after) =>
        string.Join("; ", _host.Store.Read(session => LogReader.Entries(session, operation, after + 1).Select(e => $"#{e.Sequence} {e.Type} on {e.Stream}").ToList()));

    private static string Shorten(string text) => text.Length <= 400 ? text : $"{text[..400]}…";

    private long Head(Guid operation) => _host.Store.Read(session => LogReader.Head(session, operation)).Sequence;

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Posts a form as a browser does: the antiforgery token from the page it is on, a fresh idempotency key.</summary>
    private static async Task<(HttpStatusCode Status, string Html)> PostForm(HttpClient browser, Guid operation, string page, string action, (string Name, string Value)[] fields)
    {
        var html = await browser.GetStringAsync($"/app/operations/{operation}/{page}");
        var token = Regex.Match(html, "name=\"__antiforgery\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        using var content = new FormUrlEncodedContent([new("__antiforgery", token), new("idempotencyKey", Guid.NewGuid().ToString()), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
        using var response = await browser.PostAsync($"/app/operations/{operation}/{action}", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Summary(string html)
    {
        var summary = Regex.Match(html, "<section class=\"error-summary\".*?</section>", RegexOptions.Singleline).Value;
        return summary.Length > 0 ? summary : Shorten(Regex.Match(html, "<main.*?</main>", RegexOptions.Singleline).Value);
    }

    /// <summary>A client that keeps cookies (the antiforgery cookie) and signs in with an API token, as a browser keeps its session.</summary>
    private HttpClient Browser(Guid account)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.TokenFor(account));
        return client;
    }

    /// <summary>What one operation holds: a real target for every write that names an id.</summary>
    private sealed record Ids(
        Guid Operation,
        Guid Hub,
        Guid Warehouse,
        Guid Gate,
        Guid OuterCrossing,
        Guid Point,
        Guid Flour,
        Guid Kit,
        Guid Corridor,
        Guid SecondCorridor,
        Guid Window,
        Guid Passage,
        Guid Planned,
        Guid Loading,
        Guid Arrived,
        Guid Sealed);

    /// <summary>A CSV body, sent as text/csv.</summary>
    private sealed record Csv(string Text);

    /// <param name="Role">The role that may send this write here (for the member of this operation only).</param>
    /// <param name="Request">The path under the route's operation and the body, from the route's ids and the named ones.</param>
    /// <param name="Fields">The fields a refusal may name, any one of them.</param>
    private sealed record Crossing(Role Role, Func<Ids, Ids, (string Path, object Body)> Request, params string[] Fields);

    /// <param name="Role">The role that may post this form here.</param>
    /// <param name="Page">The page the form is on, under the operation's pages.</param>
    /// <param name="Action">Where the form posts, from the route's ids and the named ones.</param>
    /// <param name="Fields">The form's fields.</param>
    /// <param name="Field">The input a 422 must point at, from the named ids.</param>
    private sealed record FormCrossing(Role Role, Func<Ids, string> Page, Func<Ids, Ids, string> Action, Func<Ids, Ids, (string Name, string Value)[]> Fields, Func<Ids, string> Field);

    private sealed record Snapshot(long Here, long There, long Entries, Dictionary<string, string> ThereReads);
}
