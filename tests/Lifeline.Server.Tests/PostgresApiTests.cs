using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Storage.Verification;
using Lifeline.Testing;

namespace Lifeline.Server.Tests;

/// <summary>The HTTP API on a shared PostgreSQL store: the same requests, the same answers, a log that verifies.</summary>
public sealed class PostgresApiTests
{
    private static readonly DateTime Tomorrow = DateTime.UtcNow.Date.AddDays(1);

    [SkippableFact]
    public async Task Passages_recorded_at_once_by_many_clients_on_postgres_add_up_and_the_log_verifies()
    {
        using var schema = TestPostgres.CreateSchema();
        await using var host = await LoopbackHost.StartAsync(database: schema.ConnectionString);
        var operation = await host.CreateOperationAsync();
        var client = host.Client;
        var gate = await Created(client.PostAsJsonAsync($"/operations/{operation}/sites", new { name = "Inner gate", kind = "checkpoint", location = new { latitude = 36.20, longitude = 37.17 } }));
        var crossing = await Created(client.PostAsJsonAsync($"/operations/{operation}/sites", new { name = "Crossing", kind = "checkpoint", location = new { latitude = 36.19, longitude = 37.14 } }));
        var corridor = await Created(client.PostAsJsonAsync($"/operations/{operation}/corridors", new
        {
            name = "Civilian corridor",
            route = new { type = "LineString", coordinates = new[] { new[] { 37.17, 36.20 }, [37.14, 36.19] } },
            checkpointIds = new[] { gate, crossing },
            categories = new[] { "civilians" },
            capacityPerHour = 100,
            authority = "Ministry of Defence",
        }));
        (await client.PostAsJsonAsync($"/operations/{operation}/corridors/{corridor}/status", new { status = "open", reason = "announced", authority = "Ministry of Defence" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/operations/{operation}/corridors/{corridor}/windows", new { recurrence = "daily", firstDay = Tomorrow.AddDays(-1).ToString("yyyy-MM-dd"), dailyFrom = "08:00", dailyTo = "16:00" })).EnsureSuccessStatusCode();
        var nine = new DateTimeOffset(Tomorrow.AddHours(6), TimeSpan.Zero);

        var responses = await Task.WhenAll(Enumerable.Range(1, 24).Select(i => client.PostAsJsonAsync($"/operations/{operation}/passages", new
        {
            corridorId = corridor,
            checkpointId = gate,
            direction = "outbound",
            occurredAt = nine.AddMinutes(i),
            counts = new[] { new { category = "civilians", sex = "female", ageBand = "18-59", count = i } },
        })));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        using var summary = JsonDocument.Parse(await client.GetStringAsync($"/operations/{operation}/corridors/{corridor}/flow/summary?at={nine.AddHours(3):yyyy-MM-ddTHH:mm:ssZ}"));
        Assert.Equal(Enumerable.Range(1, 24).Sum(), summary.RootElement.GetProperty("outbound").GetInt64());
        var verification = StoreVerification.Run(host.Store.Database, host.Store.PublicKey);
        Assert.True(verification.Succeeded, verification.FirstFailure?.ToString());
        Assert.Equal(6 + 24, verification.EntriesVerified);
    }

    private static async Task<Guid> Created(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }
}
