using System.Net.Http.Headers;
using System.Net.Http.Json;
using Lifeline.Domain.Primitives;
using Lifeline.Server;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Writing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Testing;

/// <summary>The real Kestrel host on a free loopback port, over a store in a temporary data directory.</summary>
public sealed class LoopbackHost : IAsyncDisposable
{
    public const string AdministratorName = "test-administrator";

    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private readonly List<HttpClient> _clients = [];
    private int _users;

    private LoopbackHost(TempDirectory directory, LogStore store, WebApplication app, TimeProvider clock)
    {
        Directory = directory;
        Store = store;
        _app = app;
        _clock = clock;
        BaseAddress = new Uri(app.Urls.First());
        Anonymous = NewClient(null);
        var administrator = Users.Add(store, AdministratorName, Users.GeneratePassword(AdministratorName), administrator: true, clock.GetUtcNow()).Account!;
        AdministratorId = administrator.Id;
        Client = NewClient(Token(administrator.Id, "test-client"));
    }

    public TempDirectory Directory { get; }

    public LogStore Store { get; }

    public Uri BaseAddress { get; }

    /// <summary>
    /// Signed in (with an API token) as an administrator who is made coordinator of every operation that
    /// <see cref="CreateOperationAsync"/> creates: the client for tests about something other than access.
    /// </summary>
    public HttpClient Client { get; }

    /// <summary>The id of the account behind <see cref="Client"/>, which the log records as its actor.</summary>
    public Guid AdministratorId { get; }

    /// <summary>The application's services (its logger factory, for a test that reads what the server logs).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Every endpoint the application maps, as routing sees them.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    /// <summary>A client that sends no credentials.</summary>
    public HttpClient Anonymous { get; }

    /// <param name="clock">The host's clock (default: the system's).</param>
    /// <param name="database">A shared database for the store (e.g. <see cref="TestPostgres.Schema.ConnectionString"/>); default: SQLite.</param>
    public static async Task<LoopbackHost> StartAsync(TimeProvider? clock = null, string? database = null)
    {
        clock ??= TimeProvider.System;
        var directory = new TempDirectory();
        var data = Lifeline.Storage.DataDirectory.Initialize(System.IO.Path.Combine(directory.Path, "data"), clock, database);
        var store = data.OpenStore(clock);
        var app = LifelineHost.Build(store, clock, "http://127.0.0.1:0", data.Path);
        await app.StartAsync();
        return new LoopbackHost(directory, store, app, clock);
    }

    /// <summary>Creates an operation through the API, makes <see cref="Client"/> its coordinator and returns its id.</summary>
    public async Task<Guid> CreateOperationAsync(string name = "Test operation", string timeZone = "Asia/Damascus")
    {
        using var response = await Client.PostAsJsonAsync("/operations", new { name, description = "for tests", startDate = "2016-07-28", timeZone });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<WriteBody>();
        var operation = body!.Id!.Value;
        Coordinate(operation);
        return operation;
    }

    /// <summary>Makes <see cref="Client"/> coordinator of an operation loaded some other way (the demo).</summary>
    public void Coordinate(Guid operation) => Require(Users.Grant(Store, AdministratorName, new OperationId(operation), Role.Coordinator, []));

    /// <summary>A new user holding one role in one operation (at the given sites), signed in with an API token.</summary>
    public HttpClient ClientFor(Role role, Guid operation, params Guid[] sites) => NewClient(TokenFor(AddUser(role, operation, sites).Id));

    /// <summary>A new user holding one role in one operation; returns the account.</summary>
    public Account AddUser(Role role, Guid operation, params Guid[] sites)
    {
        var username = $"test-{role.Name()}-{Interlocked.Increment(ref _users)}";
        var account = Require(Users.Add(Store, username, Users.GeneratePassword(username), role == Role.Administrator, _clock.GetUtcNow()));
        if (role != Role.Administrator)
        {
            Require(Users.Grant(Store, account.Username, new OperationId(operation), role, sites));
        }

        return account;
    }

    /// <summary>Issues an API token for an account and returns its secret.</summary>
    public string TokenFor(Guid userId) => Token(userId, "test-device");

    /// <summary>A client that sends this bearer token.</summary>
    public HttpClient WithToken(string token) => NewClient(token);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        Store.Dispose();
        Directory.Dispose();
    }

    private static Account Require(UserOutcome outcome) =>
        outcome.Account ?? throw new InvalidOperationException(string.Join("; ", outcome.Rejections));

    private string Token(Guid userId, string device) =>
        Store.WriteAside(session => Accounts.IssueToken(session, userId, device, _clock.GetUtcNow())).Secret;

    private HttpClient NewClient(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _clients.Add(client);
        return client;
    }

    private sealed record WriteBody(Guid? Id);
}
