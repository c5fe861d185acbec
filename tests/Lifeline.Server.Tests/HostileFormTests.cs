using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Lifeline.Server.Demo;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Movements;
using Lifeline.Testing;

namespace Lifeline.Server.Tests;

/// <summary>
/// Hostile input to every web form, found the way a browser finds them: every page of the demo operation (each
/// list, each movement in each state, each corridor) is read as HTML, every form that posts is filled as the
/// page offers it, and then each of its fields in turn is sent with each hostile value. Any answer is acceptable
/// except a 5xx: a form that cannot read a value says so beside the field.
/// </summary>
public sealed partial class HostileFormTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2016, 7, 30, 12, 0, 0, TimeSpan.FromHours(3));

    /// <summary>What a person or a script can type into a field: past every range, at the calendar's ends, invisible, huge, markup.</summary>
    private static readonly string[] HostileValues =
    [
        "",
        " ",
        "-1",
        "2147483648",
        "-9223372036854775809",
        "79228162514264337593543950336",
        "1e400",
        "NaN",
        "0.00000000001",
        "٣٫٥",
        "0001-01-01T00:00",
        "9999-12-31T23:59",
        "\u0000",
        "\u202Egnp.exe",
        "Dep\u200Bot",
        "<script>alert(1)</script>",
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "not-a-guid",
        "00000000-0000-0000-0000-000000000000",
        new string('x', 70_000),
    ];

    private LoopbackHost _host = null!;
    private HttpClient _browser = null!;
    private Guid _operation;

    private string App => $"/app/operations/{_operation}";

    public async Task InitializeAsync()
    {
        var clock = new FrozenClock(Now);
        _host = await LoopbackHost.StartAsync(clock);
        _operation = DemoOperation.Load(_host.Store, clock, new Random(20160728)).Value;
        _host.Coordinate(_operation);
        _browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress };
        _browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.TokenFor(_host.AdministratorId));
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Every_field_of_every_form_sent_with_each_hostile_value_is_never_a_server_error()
    {
        var forms = await Forms();
        var failures = new List<string>();
        var posts = 0;
        foreach (var form in forms)
        {
            foreach (var field in form.Fields.Where(f => f.Name is not ("__antiforgery" or "idempotencyKey")))
            {
                foreach (var value in HostileValues)
                {
                    var fields = form.Fields.Select(f => f.Name == field.Name && f.Index == field.Index ? f with { Value = value } : f);
                    var (status, body) = await Post(form.Action, fields);
                    posts++;
                    if (status >= 500)
                    {
                        failures.Add($"{form.Template} {field.Name}={Shown(value)}: {status} {body[..Math.Min(200, body.Length)]}");
                    }
                }
            }
        }

        // Every kind of form the pages offer was found and tried: plan, manifest, depart, delivery, status, stock,
        // incident, corridor, pause, setup.
        Assert.True(forms.Count >= 15, $"only {forms.Count} forms found: {string.Join(", ", forms.Select(f => f.Template))}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {posts} posts answered 5xx:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(20))}");
    }

    /// <summary>Every form that posts, on every page of the operation, filled as the page offers it; one per kind of action.</summary>
    private async Task<List<Form>> Forms()
    {
        var (movements, corridors) = _host.Store.Read(session => (
            MovementsProjection.List(session, new Domain.Primitives.OperationId(_operation)).Select(m => m.Id.Value).ToList(),
            CorridorsProjection.List(session, new Domain.Primitives.OperationId(_operation)).Select(c => c.Id.Value).ToList()));
        var pages = new List<string> { "", "/sites", "/zones", "/commodities", "/corridors", "/passages/new", "/stock", "/movements", "/incidents" };
        pages.AddRange(movements.Select(m => $"/movements/{m}"));
        pages.AddRange(corridors.Select(c => $"/corridors/{c}"));

        var parser = new HtmlParser();
        var forms = new Dictionary<string, Form>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            using var response = await _browser.GetAsync(App + page);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            using var document = parser.ParseDocument(await response.Content.ReadAsStringAsync());
            foreach (var form in document.Forms.Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)))
            {
                var action = new Uri(form.GetAttribute("action") ?? App + page, UriKind.RelativeOrAbsolute).ToString();
                var fields = Fields(form);
                var template = $"{Guids().Replace(action, "{id}")} [{string.Join(",", fields.Select(f => f.Name).Distinct().Order(StringComparer.Ordinal))}]";
                forms.TryAdd(template, new Form(template, action, fields));
            }
        }

        return [.. forms.Values.Where(f => f.Action.StartsWith("/app/operations/", StringComparison.Ordinal))];
    }

    /// <summary>The fields a browser would send: inputs with their values (checked boxes only), each select's chosen option, text areas.</summary>
    private static List<Field> Fields(IHtmlFormElement form)
    {
        var fields = new List<Field>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is not ("submit" or "button" or "reset"):
                    if (input.Type is not ("checkbox" or "radio") || input.IsChecked)
                    {
                        fields.Add(new Field(name, fields.Count, input.Value));
                    }

                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.Add(new Field(name, fields.Count, select.SelectedOptions.FirstOrDefault()?.Value ?? select.Options.FirstOrDefault(o => o.Value.Length > 0)?.Value ?? ""));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields.Add(new Field(name, fields.Count, area.Value));
                    break;
            }
        }

        return fields;
    }

    private async Task<(int Status, string Body)> Post(string action, IEnumerable<Field> fields)
    {
        var sent = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Name == "idempotencyKey" ? Guid.NewGuid().ToString() : f.Value)).ToList();
        using var content = new FormUrlEncodedContent(sent);
        using var response = await _browser.PostAsync(action, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Shown(string value) => value.Length > 40 ? $"<{value.Length} characters>" : Regex.Escape(value);

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guids();

    private sealed record Form(string Template, string Action, List<Field> Fields);

    private sealed record Field(string Name, int Index, string Value);
}
