using System.Net.Http.Json;
using Lifeline.Server;
using Lifeline.Storage.Writing;
using Microsoft.AspNetCore.Builder;

namespace Lifeline.Testing;

/// <summary>The real Kestrel host on a free loopback port, over a store in a temporary data directory.</summary>
public sealed class LoopbackHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackHost(TempDirectory directory, LogStore store, WebApplication app)
    {
        Directory = directory;
        Store = store;
        _app = app;
        BaseAddress = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public TempDirectory Directory { get; }

    public LogStore Store { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<LoopbackHost> StartAsync(TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var directory = new TempDirectory();
        var data = Lifeline.Storage.DataDirectory.Initialize(System.IO.Path.Combine(directory.Path, "data"), clock);
        var store = data.OpenStore(clock);
        var app = LifelineHost.Build(store, clock, "http://127.0.0.1:0");
        await app.StartAsync();
        return new LoopbackHost(directory, store, app);
    }

    /// <summary>Creates an operation through the API and returns its id.</summary>
    public async Task<Guid> CreateOperationAsync(string name = "Test operation", string timeZone = "Asia/Damascus")
    {
        using var response = await Client.PostAsJsonAsync("/operations", new { name, description = "for tests", startDate = "2016-07-28", timeZone });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<WriteBody>();
        return body!.Id!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Store.Dispose();
        Directory.Dispose();
    }

    private sealed record WriteBody(Guid? Id);
}
