using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lifeline.Testing;

namespace Lifeline.Server.Tests;

/// <summary>The HTTP API through a real Kestrel host on loopback.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private LoopbackHost _host = null!;
    private Guid _operation;

    private HttpClient Client => _host.Client;

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync();
        _operation = await _host.CreateOperationAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static object Site(string name = "Bustan al-Qasr crossing", double latitude = 36.1962, object? longitude = null) =>
        new { name, kind = "checkpoint", location = new { latitude, longitude = longitude ?? 37.1462 }, pCode = "SY02" };

    [Fact]
    public async Task Health_answers_healthy()
    {
        var health = await Json(await Client.GetAsync("/health"));

        Assert.Equal("healthy", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_feature()
    {
        var document = await Json(await Client.GetAsync("/openapi/v1.json"));

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/operations", paths);
        Assert.Contains("/operations/{operationId}/sites", paths);
        Assert.Contains("/operations/{operationId}/zones/{zoneId}", paths);
        Assert.Contains("/operations/{operationId}/commodities", paths);
        Assert.Contains("/health", paths);
        var responses = document.GetProperty("paths").GetProperty("/operations/{operationId}/sites").GetProperty("post").GetProperty("responses");
        Assert.Equal(["201", "400", "404", "409", "422"], responses.EnumerateObject().Select(r => r.Name).Order());
    }

    [Fact]
    public async Task Operations_are_created_listed_and_read()
    {
        var list = await Json(await Client.GetAsync("/operations"));
        var one = await Json(await Client.GetAsync($"/operations/{_operation}"));

        Assert.Equal(_operation, list.EnumerateArray().Single().GetProperty("id").GetGuid());
        Assert.Equal("Asia/Damascus", one.GetProperty("timeZone").GetString());
        Assert.Equal("2016-07-28", one.GetProperty("startDate").GetString());
    }

    [Fact]
    public async Task An_operation_with_an_unknown_time_zone_is_a_422_naming_the_field()
    {
        var response = await Client.PostAsJsonAsync("/operations", new { name = "Elsewhere", startDate = "2016-07-28", timeZone = "Asia/Aleppo" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await Json(response);
        Assert.Contains("not a known IANA time zone", problem.GetProperty("errors").GetProperty("timeZone")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_site_returns_a_receipt_and_can_be_read_back()
    {
        var response = await Client.PostAsJsonAsync($"/operations/{_operation}/sites", Site());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        var id = body.GetProperty("id").GetGuid();
        var entry = body.GetProperty("receipt").GetProperty("entries")[0];
        Assert.Equal(2, entry.GetProperty("sequence").GetInt64());
        Assert.Equal(64, entry.GetProperty("hash").GetString()!.Length);
        Assert.Equal(entry.GetProperty("hash").GetString(), body.GetProperty("receipt").GetProperty("checkpoint").GetProperty("headHash").GetString());
        Assert.Equal($"/operations/{_operation}/sites/{id}", response.Headers.Location!.OriginalString);

        var site = await Json(await Client.GetAsync(response.Headers.Location));
        Assert.Equal("checkpoint", site.GetProperty("kind").GetString());
        Assert.Equal(36.1962, site.GetProperty("location").GetProperty("latitude").GetDouble());
        Assert.Equal("active", site.GetProperty("status").GetString());
        Assert.Single((await Json(await Client.GetAsync($"/operations/{_operation}/sites"))).EnumerateArray());
    }

    [Fact]
    public async Task A_duplicate_site_name_is_a_409_naming_the_name()
    {
        await Client.PostAsJsonAsync($"/operations/{_operation}/sites", Site());

        var response = await Client.PostAsJsonAsync($"/operations/{_operation}/sites", Site(name: "bustan al-qasr CROSSING"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task A_latitude_out_of_range_is_a_422_naming_location_latitude()
    {
        var response = await Client.PostAsJsonAsync($"/operations/{_operation}/sites", Site(latitude: 136.2));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.Contains("between -90 and 90", errors.GetProperty("location.latitude")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problem_details_give_each_reason_its_code_under_the_same_field_as_the_English()
    {
        var invalid = await Json(await Client.PostAsJsonAsync($"/operations/{_operation}/sites", Site(name: " ", latitude: 136.2)));
        var unreadable = await Json(await Client.PostAsJsonAsync($"/operations/{_operation}/sites", Site(longitude: "east")));
        var outOfRange = await Json(await Client.PostAsJsonAsync($"/operations/{_operation}/sites", Site(latitude: 136.2)));
        var missing = await Json(await Client.GetAsync($"/operations/{_operation}/sites/{Guid.NewGuid()}"));

        Assert.Equal("request.expected-number", unreadable.GetProperty("codes").GetProperty("location.longitude")[0].GetString());
        Assert.Equal("geo.latitude-out-of-range", outOfRange.GetProperty("codes").GetProperty("location.latitude")[0].GetString());
        Assert.Equal("latitude must be between -90 and 90 degrees, got 136.2", outOfRange.GetProperty("errors").GetProperty("location.latitude")[0].GetString());
        Assert.Equal("site.not-found", missing.GetProperty("codes").GetProperty("siteId")[0].GetString());
        Assert.Equal("input.required", invalid.GetProperty("codes").GetProperty("name")[0].GetString());
        Assert.Equal(
            invalid.GetProperty("errors").EnumerateObject().Select(field => (field.Name, field.Value.GetArrayLength())),
            invalid.GetProperty("codes").EnumerateObject().Select(field => (field.Name, field.Value.GetArrayLength())));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_the_member()
    {
        var response = await Client.PostAsJsonAsync($"/operations/{_operation}/sites", Site(longitude: "east"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.Equal("expected a number", errors.GetProperty("location.longitude")[0].GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_400_problem()
    {
        using var content = new StringContent("{\"name\": ", Encoding.UTF8, "application/json");

        var response = await Client.PostAsync($"/operations/{_operation}/sites", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_site_in_an_operation_that_does_not_exist_is_refused_like_a_foreign_one_naming_the_operation()
    {
        var response = await Client.PostAsJsonAsync($"/operations/{Guid.NewGuid()}/sites", Site());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("operationId", out _));
    }

    [Fact]
    public async Task Closing_a_site_records_the_reason_and_closing_it_again_is_refused()
    {
        var created = await Json(await Client.PostAsJsonAsync($"/operations/{_operation}/sites", Site()));
        var id = created.GetProperty("id").GetGuid();

        var closed = await Client.PostAsJsonAsync($"/operations/{_operation}/sites/{id}/status", new { status = "closed", reason = "shelling nearby" });
        var again = await Client.PostAsJsonAsync($"/operations/{_operation}/sites/{id}/status", new { status = "closed", reason = "still" });

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(3, (await Json(closed)).GetProperty("receipt").GetProperty("entries")[0].GetProperty("sequence").GetInt64());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("closed", (await Json(await Client.GetAsync($"/operations/{_operation}/sites/{id}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_returns_the_first_receipt_and_records_once()
    {
        using var first = new HttpRequestMessage(HttpMethod.Post, $"/operations/{_operation}/sites") { Content = JsonContent.Create(Site()) };
        first.Headers.Add("Idempotency-Key", "tablet-7:42");
        using var retry = new HttpRequestMessage(HttpMethod.Post, $"/operations/{_operation}/sites") { Content = JsonContent.Create(Site()) };
        retry.Headers.Add("Idempotency-Key", "tablet-7:42");

        var original = await Json(await Client.SendAsync(first));
        var replayResponse = await Client.SendAsync(retry);
        var replayed = await Json(replayResponse);

        Assert.Equal(original.GetProperty("id").GetGuid(), replayed.GetProperty("id").GetGuid());
        Assert.Equal(original.GetProperty("receipt").GetProperty("entries").GetRawText(), replayed.GetProperty("receipt").GetProperty("entries").GetRawText());
        Assert.Equal("true", replayResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Single((await Json(await Client.GetAsync($"/operations/{_operation}/sites"))).EnumerateArray());
    }

    [Fact]
    public async Task The_same_idempotency_key_with_a_different_body_is_a_409()
    {
        using var first = new HttpRequestMessage(HttpMethod.Post, $"/operations/{_operation}/sites") { Content = JsonContent.Create(Site()) };
        first.Headers.Add("Idempotency-Key", "tablet-7:43");
        using var other = new HttpRequestMessage(HttpMethod.Post, $"/operations/{_operation}/sites") { Content = JsonContent.Create(Site(name: "Other")) };
        other.Headers.Add("Idempotency-Key", "tablet-7:43");

        await Client.SendAsync(first);
        var response = await Client.SendAsync(other);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Single((await Json(await Client.GetAsync($"/operations/{_operation}/sites"))).EnumerateArray());
    }

    [Fact]
    public async Task Zones_go_in_and_come_out_as_GeoJSON()
    {
        var ring = new[] { new[] { 37.16, 36.18 }, [37.22, 36.18], [37.22, 36.24], [37.16, 36.24], [37.16, 36.18] };
        var response = await Client.PostAsJsonAsync($"/operations/{_operation}/zones", new { name = "Eastern districts", kind = "besieged_area", geometry = new { type = "Polygon", coordinates = new[] { ring } } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var collectionResponse = await Client.GetAsync($"/operations/{_operation}/zones");
        var collection = await Json(collectionResponse);

        Assert.Equal("application/geo+json", collectionResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
        var feature = collection.GetProperty("features")[0];
        Assert.Equal("Feature", feature.GetProperty("type").GetString());
        Assert.Equal("Polygon", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(37.16, feature.GetProperty("geometry").GetProperty("coordinates")[0][0][0].GetDouble());
        Assert.Equal("besieged_area", feature.GetProperty("properties").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_self_intersecting_zone_is_a_422_naming_the_coordinates()
    {
        var bowTie = new[] { new[] { 37.16, 36.18 }, [37.22, 36.24], [37.22, 36.18], [37.16, 36.24], [37.16, 36.18] };

        var response = await Client.PostAsJsonAsync($"/operations/{_operation}/zones", new { name = "Bow", kind = "no_fly", geometry = new { type = "Polygon", coordinates = new[] { bowTie } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("intersects itself", (await Json(response)).GetProperty("errors").GetProperty("geometry.coordinates")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zone_or_a_route_past_ten_thousand_positions_is_a_422_naming_the_field_and_the_limit()
    {
        // The probe's zone had 1.3 million positions; one past the limit is refused the same way, and nothing is recorded.
        var circle = Enumerable.Range(0, 10_001).Select(i => new[] { 37.19 + (0.05 * Math.Cos(i * 2 * Math.PI / 10_001)), 36.21 + (0.05 * Math.Sin(i * 2 * Math.PI / 10_001)) }).ToList();
        circle.Add(circle[0]);
        var route = Enumerable.Range(0, 10_001).Select(i => new[] { 37.17 + (i * 0.00003), 36.20 }).ToArray();

        var zone = await Client.PostAsJsonAsync($"/operations/{_operation}/zones", new { name = "Traced", kind = "besieged_area", geometry = new { type = "Polygon", coordinates = new[] { circle } } });
        var corridor = await Client.PostAsJsonAsync($"/operations/{_operation}/corridors", new { name = "Traced", route = new { type = "LineString", coordinates = route }, checkpointIds = Array.Empty<Guid>(), categories = new[] { "civilians" }, authority = "Ministry of Defence" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, zone.StatusCode);
        Assert.Equal("a polygon has at most 10,000 positions over all its rings, got 10,002", (await Json(zone)).GetProperty("errors").GetProperty("geometry.coordinates")[0].GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, corridor.StatusCode);
        Assert.Equal("a route has at most 10,000 positions, got 10,001", (await Json(corridor)).GetProperty("errors").GetProperty("route.coordinates")[0].GetString());
        Assert.Equal(0, (await Json(await Client.GetAsync($"/operations/{_operation}/zones"))).GetProperty("features").GetArrayLength());
    }

    [Fact]
    public async Task Commodities_are_registered_and_food_needs_kcal()
    {
        var ok = await Client.PostAsJsonAsync($"/operations/{_operation}/commodities", new { code = "RICE-25", name = "Rice", category = "food", unit = "bag", massPerUnitKg = 25, kcalPerKg = 3600 });
        var missingKcal = await Client.PostAsJsonAsync($"/operations/{_operation}/commodities", new { code = "SUGAR-50", name = "Sugar", category = "food", unit = "bag", massPerUnitKg = 50 });

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var rice = await Json(await Client.GetAsync(ok.Headers.Location));
        Assert.Equal(25m, rice.GetProperty("massPerUnitKg").GetDecimal());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingKcal.StatusCode);
        Assert.True((await Json(missingKcal)).GetProperty("errors").TryGetProperty("kcalPerKg", out _));
    }

    [Fact]
    public async Task Unknown_ids_are_404_naming_what_is_missing()
    {
        var site = await Client.GetAsync($"/operations/{_operation}/sites/{Guid.NewGuid()}");
        var zone = await Client.GetAsync($"/operations/{_operation}/zones/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, site.StatusCode);
        Assert.True((await Json(site)).GetProperty("errors").TryGetProperty("siteId", out _));
        Assert.Equal(HttpStatusCode.NotFound, zone.StatusCode);
        Assert.True((await Json(zone)).GetProperty("errors").TryGetProperty("zoneId", out _));
    }

    [Fact]
    public async Task Unknown_operations_are_refused_as_foreign_ones_are_naming_the_operation()
    {
        foreach (var path in new[] { "", "/sites", "/zones", "/commodities" })
        {
            var response = await Client.GetAsync($"/operations/{Guid.NewGuid()}{path}");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("operationId", out _));
        }
    }
}
