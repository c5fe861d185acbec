using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Protection;
using Lifeline.Storage.Verification;
using Lifeline.Testing;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Tests;

/// <summary>
/// Canary values written through every write path that takes personal data (a receipt's source, an issue's
/// recipient, a delivery's receiver, an incident's narrative) must be found in clear in no database page, no
/// write-ahead log, no log entry, no export and no answer to anyone but a coordinator; erasing a record's key
/// erases its text while the log still verifies.
/// </summary>
public sealed partial class PersonalDataCanaryTests : IAsyncLifetime
{
    private static readonly string[] Canaries =
    [
        "Canary-Source-5e1d Abu Omar +963 944 555 101",
        "Canary-IssuedTo-8b2c Umm Khaled 0933 222 404",
        "Canary-ReceivedBy-3f7a Hassan al-Ali ID 01020304050",
        "Canary-Narrative-a9c4 the pilot Yusuf and two crew were hurt",
    ];

    private LoopbackHost _host = null!;
    private Guid _operation;
    private Guid _hub;
    private Guid _point;
    private Guid _checkpoint;
    private Guid _flour;
    private Guid _movement;
    private Guid _manifest;
    private Guid _incident;

    private HttpClient Client => _host.Client;

    private string Op => $"/operations/{_operation}";

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync();
        _operation = await _host.CreateOperationAsync();
        _hub = await Id(Client.PostAsJsonAsync($"{Op}/sites", new { name = "Hmeimim air base", kind = "hub", location = new { latitude = 35.40, longitude = 35.95 } }));
        _point = await Id(Client.PostAsJsonAsync($"{Op}/sites", new { name = "Bustan al-Qasr point", kind = "distribution_point", location = new { latitude = 36.19, longitude = 37.14 } }));
        _checkpoint = await Id(Client.PostAsJsonAsync($"{Op}/sites", new { name = "Ramouseh crossing", kind = "checkpoint", location = new { latitude = 36.17, longitude = 37.13 } }));
        _flour = await Id(Client.PostAsJsonAsync($"{Op}/commodities", new { code = "WHEAT-FLOUR-50", name = "Wheat flour", category = "food", unit = "bag", massPerUnitKg = 50, kcalPerKg = 3640, volumePerUnitM3 = 0.07 }));

        await Id(Client.PostAsJsonAsync($"{Op}/stock/receipts", new { siteId = _hub, commodityId = _flour, lot = "L-1", quantity = 400, source = Canaries[0], occurredAt = "2016-07-28T10:00:00+03:00" }));
        await Id(Client.PostAsJsonAsync($"{Op}/stock/issues", new { siteId = _hub, commodityId = _flour, lot = "L-1", quantity = 10, issuedTo = Canaries[1], occurredAt = "2016-07-28T11:00:00+03:00" }));
        _movement = await Id(Client.PostAsJsonAsync($"{Op}/movements", new
        {
            mode = "road",
            originSiteId = _hub,
            destinationSiteId = _point,
            plannedDeparture = "2016-07-29T06:00:00+03:00",
            crew = 2,
            trucks = new[] { new { id = "KAMAZ-1", payloadKg = 10_000, volumeM3 = 40 } },
        }));
        await Id(Client.PostAsJsonAsync($"{Op}/movements/{_movement}/status", new { status = "approved" }));
        await Id(Client.PostAsJsonAsync($"{Op}/movements/{_movement}/status", new { status = "loading" }));
        _manifest = await Id(Client.PostAsJsonAsync($"{Op}/movements/{_movement}/manifests", new { vehicleId = "KAMAZ-1", lines = new[] { new { commodityId = _flour, lot = "L-1", quantity = 100 } } }));
        await Id(Client.PostAsJsonAsync($"{Op}/movements/{_movement}/depart", new { occurredAt = "2016-07-29T06:10:00+03:00" }));
        await Id(Client.PostAsJsonAsync($"{Op}/movements/{_movement}/status", new { status = "arrived", occurredAt = "2016-07-29T09:00:00+03:00" }));
        await Id(Client.PostAsJsonAsync($"{Op}/movements/{_movement}/delivery", new { receivedBy = Canaries[2], occurredAt = "2016-07-29T10:00:00+03:00", lines = new[] { new { manifestId = _manifest, line = 1, received = 100 } } }));
        _incident = await Id(Client.PostAsJsonAsync($"{Op}/incidents", new { kind = "shelling_near_site", occurredAt = "2016-07-29T12:00:00+03:00", siteId = _point, place = "Bustan al-Qasr", killed = 0, injured = 3, narrative = Canaries[3] }));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void No_canary_is_in_clear_in_the_database_file_or_its_write_ahead_log()
    {
        var path = _host.Store.Database is Lifeline.Storage.Database.SqliteDatabase file ? file.Path : throw new InvalidOperationException("the host runs on SQLite");
        var files = new[] { path, path + "-wal" }.Where(File.Exists).ToList();

        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        foreach (var bytes in files.Select(Read))
        {
            foreach (var canary in Canaries)
            {
                Assert.False(Contains(bytes, Marker(canary)), $"'{Marker(canary)}' is in clear in the database");
            }
        }
    }

    [Fact]
    public async Task A_coordinator_reads_the_personal_data_and_nobody_else_finds_a_canary_in_any_answer_or_export()
    {
        // The coordinator of the operation reads what was recorded.
        Assert.Equal(Canaries[3], (await Json(Client.GetAsync($"{Op}/incidents/{_incident}"))).GetProperty("narrative").GetString());
        var ledger = (await Json(Client.GetAsync($"{Op}/stock/ledger?siteId={_hub}&commodityId={_flour}&lot=L-1"))).EnumerateArray().Select(l => l.GetProperty("reason").GetString()).ToList();
        Assert.Contains(Canaries[0], ledger);
        Assert.Contains(Canaries[1], ledger);

        // Everyone else reads every answer of the operation, and sees that a value is withheld, never the value.
        var readers = new[] { Role.PartnerObserver, Role.Auditor, Role.LogisticsOfficer, Role.DistributionOfficer, Role.CheckpointOfficer }
            .Select(role => (Role: role, Client: _host.ClientFor(role, _operation, role == Role.CheckpointOfficer ? [_checkpoint] : role.IsLimitedToSites() ? [_point] : [])))
            .Append((Role: Role.Coordinator, Client: Client))
            .ToList();
        var read = 0;
        foreach (var (role, client) in readers)
        {
            foreach (var path in Paths())
            {
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                if (role == Role.Coordinator && !path.Contains("/exports/", StringComparison.Ordinal))
                {
                    continue;
                }

                read += response.IsSuccessStatusCode ? 1 : 0;
                foreach (var canary in Canaries)
                {
                    Assert.False(body.Contains(Marker(canary), StringComparison.Ordinal), $"{role} finds '{Marker(canary)}' in {path}");
                }
            }
        }

        Assert.True(read > 40, $"only {read} answers were read");
        var partner = readers[0].Client;
        Assert.True(Withheld(await Json(partner.GetAsync($"{Op}/incidents/{_incident}")), "narrative"));
    }

    [Fact]
    public async Task The_log_holds_only_sealed_tokens_and_erasing_a_records_key_erases_its_text_while_the_log_still_verifies()
    {
        var log = await Json(Client.GetAsync($"{Op}/log?from=1&limit=1000"));
        var incidentEntry = log.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "incident.recorded.v1");
        Assert.True(incidentEntry.GetProperty("body").TryGetProperty("narrative", out var narrative), incidentEntry.GetRawText());
        var token = narrative.GetString()!;
        Assert.True(SealedText.IsSealed(token), token);
        Assert.DoesNotContain(Marker(Canaries[3]), log.GetRawText(), StringComparison.Ordinal);

        Assert.True(PersonalData.Shred(_host.Store, SealedText.KeyOf(token)!.Value));

        Assert.True(Withheld(await Json(Client.GetAsync($"{Op}/incidents/{_incident}")), "narrative"));
        var ledger = (await Json(Client.GetAsync($"{Op}/stock/ledger?siteId={_hub}&commodityId={_flour}&lot=L-1"))).EnumerateArray().Select(l => l.GetProperty("reason").GetString()).ToList();
        Assert.Contains(Canaries[1], ledger);
        Assert.True(StoreVerification.Run(_host.Store.Database, _host.Store.PublicKey).Succeeded);
    }

    /// <summary>Whether an answer leaves a member out or null: withheld, or erased.</summary>
    private static bool Withheld(JsonElement answer, string member) =>
        !answer.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null;

    /// <summary>The start of a canary, which no encoding of the sealed value can contain by chance.</summary>
    private static string Marker(string canary) => canary[..canary.IndexOf(' ', StringComparison.Ordinal)];

    private static byte[] Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0 || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) >= 0;

    private static async Task<JsonElement> Json(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<Guid> Id(Task<HttpResponseMessage> request)
    {
        var body = await Json(request);
        return body.TryGetProperty("id", out var id) ? id.GetGuid() : Guid.Empty;
    }

    /// <summary>Every GET of the operation, its route filled with the records written above, the ledger with its keys.</summary>
    private IEnumerable<string> Paths() => _host.Endpoints
        .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
        .Select(e => e.RoutePattern.RawText!)
        .Where(route => route.Contains("{operationId", StringComparison.Ordinal))
        .Distinct(StringComparer.Ordinal)
        .Select(route => Parameter().Replace(route, match => match.Groups[1].Value switch
        {
            "operationId" => _operation.ToString(),
            "incidentId" => _incident.ToString(),
            "movementId" => _movement.ToString(),
            "manifestId" => _manifest.ToString(),
            "siteId" => _hub.ToString(),
            "commodityId" => _flour.ToString(),
            _ => Guid.NewGuid().ToString(),
        }))
        .Select(path => path.EndsWith("/stock/ledger", StringComparison.Ordinal) ? $"{path}?siteId={_hub}&commodityId={_flour}&lot=L-1"
            : path.EndsWith("/log", StringComparison.Ordinal) ? $"{path}?from=1&limit=1000"
            : path);

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Parameter();
}
