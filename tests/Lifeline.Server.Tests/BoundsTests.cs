using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifeline.Storage.Writing;
using Lifeline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifeline.Server.Tests;

/// <summary>
/// Hostile and out-of-range input through a real Kestrel host: every one is refused as a 4xx naming its field,
/// never a 500; an error body stays bounded; and a 500 that does happen is logged with its trace id.
/// </summary>
public sealed partial class BoundsTests : IAsyncLifetime
{
    private LoopbackHost _host = null!;
    private Guid _operation;
    private Guid _hub;
    private Guid _helipad;
    private Guid _flour;

    private string Api => $"/operations/{_operation}";

    private string App => $"/app/operations/{_operation}";

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync();
        _operation = await _host.CreateOperationAsync();
        _hub = await Id(await _host.Client.PostAsJsonAsync($"{Api}/sites", new { name = "Hub", kind = "hub", location = new { latitude = 35.40, longitude = 35.95 } }));
        _helipad = await Id(await _host.Client.PostAsJsonAsync($"{Api}/sites", new { name = "Helipad", kind = "helipad", location = new { latitude = 36.21, longitude = 37.13 } }));
        _flour = await Id(await _host.Client.PostAsJsonAsync($"{Api}/commodities", new { code = "FLOUR", name = "Flour", category = "food", unit = "bag", massPerUnitKg = 50, kcalPerKg = 3640 }));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01T03:00:00+03:00")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("9999-12-31T20:00:00-05:00")]
    [InlineData("1899-12-31T23:59:59Z")]
    public async Task A_time_in_a_json_body_outside_1900_to_2199_is_refused_naming_the_field_and_the_range(string time)
    {
        var head = Head();
        await AssertRefused(await _host.Client.PostAsJsonAsync($"{Api}/stock/receipts", new { siteId = _hub, commodityId = _flour, lot = "", quantity = 1, source = "donor", occurredAt = time }), "occurredAt");
        await AssertRefused(await _host.Client.PostAsJsonAsync($"{Api}/movements", new { mode = "road", originSiteId = _hub, destinationSiteId = _helipad, plannedDeparture = time, crew = 2, trucks = new[] { new { id = "T1", payloadKg = 1000 } } }), "plannedDeparture");
        Assert.Equal(head, Head());
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task A_date_in_a_json_body_outside_1900_to_2199_is_refused_naming_the_field_and_the_range(string day)
    {
        await AssertRefused(await _host.Client.PostAsJsonAsync("/operations", new { name = "Another", description = "x", startDate = day, timeZone = "Asia/Damascus" }), "startDate");
        await AssertRefused(await _host.Client.PostAsJsonAsync($"{Api}/stock/receipts", new { siteId = _hub, commodityId = _flour, lot = "L1", expiry = day, quantity = 1, source = "donor" }), "expiry");
    }

    [Theory]
    [InlineData("0001-01-01T00:00", "0001-01-01")]
    [InlineData("9999-12-31T23:59", "9999-12-31")]
    public async Task A_time_or_date_typed_into_a_form_outside_1900_to_2199_is_refused_next_to_its_field(string time, string day)
    {
        using var browser = Browser();
        var head = Head();
        var receipt = await Post(browser, $"{App}/stock", $"{App}/stock/receipts", [("siteId", _hub.ToString()), ("commodityId", _flour.ToString()), ("lot", "L1"), ("quantity", "1"), ("source", "donor"), ("occurredAt", time), ("expiry", day)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, receipt.Status);
        Assert.Contains("1900", receipt.Html, StringComparison.Ordinal);
        var plan = await Post(browser, $"{App}/movements", $"{App}/movements", [("mode", "road"), ("originSiteId", _hub.ToString()), ("destinationSiteId", _helipad.ToString()), ("plannedDeparture", time), ("crew", "2"), ("trucks[0].id", "T1"), ("trucks[0].payloadKg", "1000")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, plan.Status);
        Assert.Contains("1900", plan.Html, StringComparison.Ordinal);
        Assert.Equal(head, Head());
    }

    [Fact]
    public async Task A_form_posted_without_its_idempotency_field_is_recorded_as_a_form_without_a_key()
    {
        using var browser = Browser();
        var head = Head();
        var recorded = await Post(browser, $"{App}/stock", $"{App}/stock/receipts", [("siteId", _hub.ToString()), ("commodityId", _flour.ToString()), ("lot", ""), ("quantity", "3"), ("source", "donor")], key: null);
        Assert.Equal(HttpStatusCode.OK, recorded.Status);
        var planned = await Post(browser, $"{App}/movements", $"{App}/movements", [("mode", "road"), ("originSiteId", _hub.ToString()), ("destinationSiteId", _helipad.ToString()), ("plannedDeparture", "2016-07-31T06:00"), ("crew", "2"), ("trucks[0].id", "T1"), ("trucks[0].payloadKg", "1000"), ("trucks[0].volumeM3", "40")], key: null);
        Assert.Equal(HttpStatusCode.OK, planned.Status);
        Assert.Equal(head + 2, Head());
    }

    [Fact]
    public void A_form_lists_the_first_hundred_errors_and_counts_the_rest()
    {
        var errors = new Web.Shared.FormErrors(Enumerable.Range(0, 250).Select(i => Lifeline.Domain.Reasons.Input.Required.Invalid($"cell-{i}", ("field", $"cell-{i}"))));
        Assert.Equal(Http.Problems.MaxRejections, errors.All.Count());
        Assert.Equal(150, errors.More);
        Assert.True(errors.Has("cell-99"));
        Assert.False(errors.Has("cell-100"));
    }

    [Fact]
    public async Task Stock_that_would_pass_what_64_bits_of_thousandths_hold_is_refused_naming_the_quantity_and_the_limit()
    {
        var received = await _host.Client.PostAsJsonAsync($"{Api}/stock/receipts", new { siteId = _hub, commodityId = _flour, lot = "", quantity = 1, source = "donor" });
        Assert.True(received.IsSuccessStatusCode, await received.Content.ReadAsStringAsync());

        // Bodies signed before the bounds may hold quantities up to 2^53 units: a few of them bring a lot near the limit.
        _host.Store.WriteAside(session => session.Execute("UPDATE stock_lots SET on_hand = 9223372036854775000"));
        var head = Head();
        foreach (var (path, body) in new (string, object)[]
        {
            ("stock/receipts", new { siteId = _hub, commodityId = _flour, lot = "", quantity = 1, source = "donor" }),
            ("stock/adjustments", new { siteId = _hub, commodityId = _flour, lot = "", change = 1, reason = "count_correction", note = "recount" }),
        })
        {
            using var response = await _host.Client.PostAsJsonAsync($"{Api}/{path}", body);
            var problem = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var field = path.EndsWith("receipts", StringComparison.Ordinal) ? "quantity" : "change";
            var errors = JsonDocument.Parse(problem).RootElement.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Contains(errors, e => e!.Contains("9,223,372,036,854,775.807", StringComparison.Ordinal));
        }

        Assert.Equal(head, Head());
    }

    [Fact]
    public async Task An_unhandled_exception_is_logged_with_the_trace_id_its_problem_carries_and_nothing_of_the_request()
    {
        var logged = new CapturedLog();
        _host.Services.GetRequiredService<ILoggerFactory>().AddProvider(logged);

        // A tampered database: a projection's table is gone, so reading stock fails unexpectedly.
        _host.Store.WriteAside(session => session.Execute("DROP TABLE stock_lots"));
        using var response = await _host.Client.GetAsync($"{Api}/stock?secret=do-not-log-me");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var traceId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("traceId").GetString();
        Assert.False(string.IsNullOrEmpty(traceId));

        var entry = Assert.Single(logged.Entries, e => e.Level == LogLevel.Error && e.Exception is not null);
        Assert.Contains(traceId, entry.Message, StringComparison.Ordinal);
        Assert.Equal(traceId, entry.State.Single(pair => pair.Key == "TraceId").Value?.ToString());
        Assert.DoesNotContain("do-not-log-me", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_with_thousands_of_invalid_cells_answers_with_the_first_hundred_and_how_many_more()
    {
        var csv = new StringBuilder("corridor,checkpoint,occurred_at,civilians_female_18_59\n");
        for (var line = 0; line < 5000; line++)
        {
            csv.Append("nowhere,nowhere,never,many\n");
        }

        using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        using var response = await _host.Client.PostAsync($"{Api}/passages/import", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(100, problem.GetProperty("errors").EnumerateObject().Sum(field => field.Value.GetArrayLength()));
        Assert.Equal(100, problem.GetProperty("codes").EnumerateObject().Sum(field => field.Value.GetArrayLength()));
        Assert.Equal(20_000 - 100, problem.GetProperty("moreErrors").GetInt32());
        Assert.True(body.Length < 40_000, $"{body.Length} characters");
    }

    private static async Task AssertRefused(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {body}");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var reasons), body);
        Assert.Contains(reasons.EnumerateArray(), r => r.GetString()!.Contains("1900-01-01", StringComparison.Ordinal) && r.GetString()!.Contains("2199-12-31", StringComparison.Ordinal));
        response.Dispose();
    }

    /// <summary>Posts a form as a browser does: the antiforgery token from the page, and the idempotency key the page gives unless <paramref name="key"/> is null.</summary>
    private static async Task<(HttpStatusCode Status, string Html)> Post(HttpClient browser, string page, string action, (string Name, string Value)[] fields, string? key = "fresh")
    {
        var html = await browser.GetStringAsync(page);
        var token = TokenField().Match(html).Groups[1].Value;
        Assert.NotEmpty(token);
        var values = new List<KeyValuePair<string, string>> { new("__antiforgery", token) };
        if (key is not null)
        {
            values.Add(new("idempotencyKey", Guid.NewGuid().ToString()));
        }

        using var content = new FormUrlEncodedContent([.. values, .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
        using var response = await browser.PostAsync(action, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__antiforgery\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    private HttpClient Browser()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.TokenFor(_host.AdministratorId));
        return client;
    }

    private long Head() => _host.Store.Read(session => LogReader.Head(session, _operation)).Sequence;

    private static async Task<Guid> Id(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    private sealed record LogLine(LogLevel Level, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> State);

    /// <summary>What the server logs, kept in memory: the outer boundary a test can read.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        public ConcurrentQueue<LogLine> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Entries.Enqueue(new LogLine(logLevel, formatter(state, exception), exception, state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
        }
    }
}
