using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Lifeline.Server.Access;
using Lifeline.Storage.Accounts;
using Lifeline.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Lifeline.Server.Tests;

/// <summary>
/// Every endpoint the application maps, called by every role, by an anonymous caller and by a member of
/// another operation: each is allowed or refused exactly as its declared policy says. An endpoint that
/// declares no policy, or that is missing from the table below, fails the test.
/// </summary>
public sealed partial class AccessMatrixTests : IAsyncLifetime
{
    private const string Anonymous = "anonymous";

    /// <summary>What each endpoint must declare. Add a line here with every new endpoint.</summary>
    private static readonly Dictionary<string, string> Declared = new(StringComparer.Ordinal)
    {
        ["GET /health"] = Anonymous,
        ["GET /openapi/{documentName}.json"] = Anonymous,
        ["GET /log/public-key"] = Anonymous,
        ["GET /account/sign-in"] = Anonymous,
        ["POST /account/sign-in"] = Anonymous,
        ["POST /account/token"] = Anonymous,
        ["POST /account/sign-out"] = Policies.SignedIn,
        ["GET /account/me"] = Policies.SignedIn,
        ["POST /account/tokens/{tokenId:guid}/revoke"] = Policies.SignedIn,
        ["POST /operations/"] = Policies.CreateOperation,
        ["GET /operations/"] = Policies.SignedIn,
        ["GET /operations/{operationId:guid}"] = Policies.ReadOperation,
        ["POST /operations/{operationId:guid}/sites/"] = Policies.ManageOperation,
        ["POST /operations/{operationId:guid}/sites/{siteId:guid}/status"] = Policies.ManageOperation,
        ["GET /operations/{operationId:guid}/sites/"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/sites/{siteId:guid}"] = Policies.ReadOperation,
        ["POST /operations/{operationId:guid}/zones/"] = Policies.ManageOperation,
        ["GET /operations/{operationId:guid}/zones/"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/zones/{zoneId:guid}"] = Policies.ReadOperation,
        ["POST /operations/{operationId:guid}/commodities/"] = Policies.ManageOperation,
        ["GET /operations/{operationId:guid}/commodities/"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/commodities/{commodityId:guid}"] = Policies.ReadOperation,
        ["POST /operations/{operationId:guid}/corridors"] = Policies.ManageOperation,
        ["POST /operations/{operationId:guid}/corridors/{corridorId:guid}/status"] = Policies.ManageOperation,
        ["POST /operations/{operationId:guid}/corridors/{corridorId:guid}/windows"] = Policies.ManageOperation,
        ["POST /operations/{operationId:guid}/corridors/{corridorId:guid}/windows/{windowId:guid}/cancel"] = Policies.ManageOperation,
        ["POST /operations/{operationId:guid}/pauses"] = Policies.ManageOperation,
        ["GET /operations/{operationId:guid}/corridors"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/corridors/{corridorId:guid}"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/corridors/{corridorId:guid}/open"] = Policies.ReadOperation,
        ["POST /operations/{operationId:guid}/passages"] = Policies.RecordPassage,
        ["POST /operations/{operationId:guid}/passages/import"] = Policies.ManageOperation,
        ["GET /operations/{operationId:guid}/corridors/{corridorId:guid}/flow"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/corridors/{corridorId:guid}/flow/summary"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/evacuation-estimate"] = Policies.ReadOperation,
        ["POST /operations/{operationId:guid}/stock/receipts"] = Policies.ManageStock,
        ["POST /operations/{operationId:guid}/stock/adjustments"] = Policies.ManageStock,
        ["POST /operations/{operationId:guid}/stock/quarantine"] = Policies.ManageStock,
        ["POST /operations/{operationId:guid}/stock/release"] = Policies.ManageStock,
        ["POST /operations/{operationId:guid}/stock/daily-needs"] = Policies.ManageStock,
        ["POST /operations/{operationId:guid}/stock/issues"] = Policies.IssueStock,
        ["GET /operations/{operationId:guid}/stock/"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/stock/ledger"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/stock/picking"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/stock/in-transit"] = Policies.ReadOperation,
        ["POST /operations/{operationId:guid}/movements"] = Policies.ManageStock,
        ["POST /operations/{operationId:guid}/movements/{movementId:guid}/status"] = Policies.ManageStock,
        ["POST /operations/{operationId:guid}/movements/{movementId:guid}/manifests"] = Policies.ManageStock,
        ["POST /operations/{operationId:guid}/movements/{movementId:guid}/depart"] = Policies.ManageStock,
        ["POST /operations/{operationId:guid}/movements/{movementId:guid}/delivery"] = Policies.ManageStock,
        ["POST /operations/{operationId:guid}/manifests/{manifestId:guid}/corrections"] = Policies.ManageStock,
        ["POST /operations/{operationId:guid}/manifests/{manifestId:guid}/inspections"] = Policies.ManageStock,
        ["GET /operations/{operationId:guid}/movements"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/movements/{movementId:guid}"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/manifests/{manifestId:guid}"] = Policies.ReadOperation,
        ["POST /operations/{operationId:guid}/incidents/"] = Policies.ManageStock,
        ["GET /operations/{operationId:guid}/incidents/"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/incidents/{incidentId:guid}"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/reports/sitrep"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/exports/sitrep.hxl.csv"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/exports/passages.hxl.csv"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/exports/corridors.geojson"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/exports/windows.ics"] = Policies.ReadOperation,
        ["GET /operations/{operationId:guid}/log"] = Policies.ReadLog,
        ["GET /"] = Anonymous,
        ["POST /app/language"] = Anonymous,
        ["GET /app"] = Policies.SignedIn,
        ["GET /app/operations/{operationId:guid}/"] = Policies.ReadOperation,
        ["GET /app/operations/{operationId:guid}/map"] = Policies.ReadOperation,
        ["GET /app/operations/{operationId:guid}/map/features"] = Policies.ReadOperation,
        ["GET /app/operations/{operationId:guid}/sites"] = Policies.ReadOperation,
        ["GET /app/operations/{operationId:guid}/zones"] = Policies.ReadOperation,
        ["GET /app/operations/{operationId:guid}/commodities"] = Policies.ReadOperation,
        ["POST /app/operations/{operationId:guid}/sites"] = Policies.ManageOperation,
        ["POST /app/operations/{operationId:guid}/commodities"] = Policies.ManageOperation,
        ["POST /app/operations/{operationId:guid}/zones"] = Policies.ManageOperation,
        ["GET /app/operations/{operationId:guid}/corridors"] = Policies.ReadOperation,
        ["GET /app/operations/{operationId:guid}/corridors/{corridorId:guid}"] = Policies.ReadOperation,
        ["POST /app/operations/{operationId:guid}/corridors/{corridorId:guid}/status"] = Policies.ManageOperation,
        ["POST /app/operations/{operationId:guid}/corridors/{corridorId:guid}/windows"] = Policies.ManageOperation,
        ["POST /app/operations/{operationId:guid}/corridors/{corridorId:guid}/windows/{windowId:guid}/cancel"] = Policies.ManageOperation,
        ["POST /app/operations/{operationId:guid}/pauses"] = Policies.ManageOperation,
        ["GET /app/operations/{operationId:guid}/passages/new"] = Policies.RecordPassage,
        ["POST /app/operations/{operationId:guid}/passages"] = Policies.RecordPassage,
        ["GET /app/operations/{operationId:guid}/log"] = Policies.ReadLog,
        ["GET /app/operations/{operationId:guid}/stock"] = Policies.ReadOperation,
        ["POST /app/operations/{operationId:guid}/stock/receipts"] = Policies.ManageStock,
        ["POST /app/operations/{operationId:guid}/stock/daily-needs"] = Policies.ManageStock,
        ["POST /app/operations/{operationId:guid}/stock/issues"] = Policies.IssueStock,
        ["POST /app/operations/{operationId:guid}/stock/adjustments"] = Policies.ManageStock,
        ["POST /app/operations/{operationId:guid}/stock/quarantine"] = Policies.ManageStock,
        ["POST /app/operations/{operationId:guid}/stock/release"] = Policies.ManageStock,
        ["GET /app/operations/{operationId:guid}/reports/sitrep"] = Policies.ReadOperation,
        ["GET /app/operations/{operationId:guid}/movements"] = Policies.ReadOperation,
        ["GET /app/operations/{operationId:guid}/movements/{movementId:guid}"] = Policies.ReadOperation,
        ["POST /app/operations/{operationId:guid}/movements/{movementId:guid}/status"] = Policies.ManageStock,
        ["POST /app/operations/{operationId:guid}/movements"] = Policies.ManageStock,
        ["POST /app/operations/{operationId:guid}/movements/{movementId:guid}/manifests"] = Policies.ManageStock,
        ["POST /app/operations/{operationId:guid}/movements/{movementId:guid}/depart"] = Policies.ManageStock,
        ["POST /app/operations/{operationId:guid}/movements/{movementId:guid}/delivery"] = Policies.ManageStock,
        ["POST /app/operations/{operationId:guid}/manifests/{manifestId:guid}/corrections"] = Policies.ManageStock,
        ["POST /app/operations/{operationId:guid}/manifests/{manifestId:guid}/inspections"] = Policies.ManageStock,
        ["GET /app/operations/{operationId:guid}/incidents"] = Policies.ReadOperation,
        ["POST /app/operations/{operationId:guid}/incidents"] = Policies.ManageStock,
    };

    private LoopbackHost _host = null!;
    private Guid _operation;
    private Dictionary<string, (HttpClient Client, Role? Role)> _callers = null!;

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync();
        _operation = await _host.CreateOperationAsync("Inside");
        var other = await _host.CreateOperationAsync("Elsewhere");
        var checkpoint = await Register("checkpoint");
        var distributionPoint = await Register("distribution_point");
        _callers = new()
        {
            [Anonymous] = (_host.Anonymous, null),
            ["member of another operation"] = (_host.ClientFor(Role.Coordinator, other), null),
            [Role.Administrator.Name()] = (_host.ClientFor(Role.Administrator, _operation), Role.Administrator),
        };
        foreach (var role in Enum.GetValues<Role>().Where(r => r != Role.Administrator))
        {
            Guid[] sites = role switch { Role.CheckpointOfficer => [checkpoint], Role.DistributionOfficer => [distributionPoint], _ => [] };
            _callers[role.Name()] = (_host.ClientFor(role, _operation, sites), role);
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Every_endpoint_declares_the_policy_the_table_expects()
    {
        var problems = new List<string>();
        foreach (var (key, endpoint) in Mapped())
        {
            var declared = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                ? Anonymous
                : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
            if (!Declared.TryGetValue(key, out var expected))
            {
                problems.Add($"{key} is not in the access table; declare its policy and add it to {nameof(Declared)}");
            }
            else if (declared != expected)
            {
                problems.Add($"{key} declares {declared ?? "no policy"}, the table expects {expected}");
            }
        }

        problems.AddRange(Declared.Keys.Except(Mapped().Select(m => m.Key)).Select(key => $"{key} is in the table but not mapped"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Every_endpoint_allows_exactly_the_roles_its_policy_names()
    {
        var wrong = new List<string>();
        foreach (var (key, endpoint) in Mapped())
        {
            var policy = Declared.GetValueOrDefault(key, "undeclared");
            var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            var path = Parameter().Replace(endpoint.RoutePattern.RawText!, match => match.Groups[1].Value switch
            {
                "operationId" => _operation.ToString(),
                "documentName" => "v1",
                _ => Guid.NewGuid().ToString(),
            });
            foreach (var (name, (client, role)) in _callers)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method == "POST")
                {
                    // An empty body of the type the endpoint accepts, so that routing does not answer 415 first.
                    var type = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json";
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, type);
                }

                using var response = await client.SendAsync(request);
                var expected = Expect(policy, name, role);
                // A page opened while signed out leads to the sign-in form: the access layer's 401 for a browser.
                var toSignIn = response.RequestMessage?.RequestUri?.PathAndQuery == $"{AccessDenials.SignInPath}?returnUrl={Uri.EscapeDataString(path)}";
                var allowed = !toSignIn && !await RefusedByAccess(response, path);
                var refusedAsExpected = expected is { } status && (toSignIn ? HttpStatusCode.Unauthorized : response.StatusCode) == status && !allowed;
                if ((expected is null && !allowed) || (expected is not null && !refusedAsExpected))
                {
                    wrong.Add($"{key} as {name}: {(int)response.StatusCode}, expected {(expected is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "allowed")}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>
    /// Whether the access layer refused the request, as opposed to the endpoint answering 401 itself (a
    /// wrong password): access refusals name <c>authorization</c> or <c>operationId</c>.
    /// </summary>
    private static async Task<bool> RefusedByAccess(HttpResponseMessage response, string path)
    {
        // An endpoint that answered with a redirect let the caller through; where the redirect leads is judged as its own endpoint.
        if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) || response.RequestMessage?.RequestUri?.AbsolutePath != path)
        {
            return false;
        }

        var body = await response.Content.ReadAsStringAsync();
        return body.Contains("\"authorization\"", StringComparison.Ordinal) || body.Contains("\"operationId\"", StringComparison.Ordinal);
    }

    /// <summary>Null when the caller must be let through, else the refusal they must get.</summary>
    private static HttpStatusCode? Expect(string policy, string caller, Role? role)
    {
        if (policy == Anonymous)
        {
            return null;
        }

        if (caller == Anonymous)
        {
            return HttpStatusCode.Unauthorized;
        }

        if (policy == Policies.SignedIn)
        {
            return null;
        }

        // The member of another operation holds their role there, never here.
        return role is { } held && Policies.Holders.TryGetValue(policy, out var holders) && holders.Contains(held)
            ? null
            : HttpStatusCode.Forbidden;
    }

    private List<(string Key, RouteEndpoint Endpoint)> Mapped() => _host.Endpoints
        .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => ($"{m} {e.RoutePattern.RawText}", e)))
        .ToList();

    private async Task<Guid> Register(string kind)
    {
        using var response = await _host.Client.PostAsJsonAsync($"/operations/{_operation}/sites", new { name = kind, kind, location = new { latitude = 36.2, longitude = 37.1 } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<WriteBody>())!.Id;
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Parameter();

    private sealed record WriteBody(Guid Id);
}
