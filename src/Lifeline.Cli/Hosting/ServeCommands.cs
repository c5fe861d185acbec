using System.CommandLine;
using Lifeline.Cli.Setup;
using Lifeline.Server;
using Lifeline.Server.Demo;
using Lifeline.Storage;
using Lifeline.Storage.Operations;
using Microsoft.Extensions.Hosting;

namespace Lifeline.Cli.Hosting;

/// <summary><c>lifeline serve</c> and <c>lifeline demo</c>: run the HTTP API over a data directory.</summary>
public static class ServeCommands
{
    public const string DefaultUrls = "http://127.0.0.1:5080";
    public const string DefaultDemoData = "lifeline-demo";

    private static Option<string> UrlsOption() => new("--urls")
    {
        Description = "Where to listen, e.g. http://127.0.0.1:5080 (port 0 picks a free port)",
        DefaultValueFactory = _ => DefaultUrls,
    };

    public static Command Serve(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var urls = UrlsOption();
        var command = new Command("serve", "Serve the HTTP API over a data directory") { data, urls };
        command.SetAction((result, cancellation) => CliErrors.Guard(result.InvocationConfiguration.Error, async () =>
        {
            var directory = DataDirectory.Open(result.GetRequiredValue(data));
            await Run(directory, clock, result.GetRequiredValue(urls), result.InvocationConfiguration.Output, load: null, cancellation);
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Demo(TimeProvider clock)
    {
        var data = SetupCommands.DataOption(required: false);
        data.Description = $"The demo's data directory, created if absent (default: ./{DefaultDemoData})";
        var urls = UrlsOption();
        var command = new Command("demo", "Create (if absent), load and serve the demo operation") { data, urls };
        command.SetAction((result, cancellation) => CliErrors.Guard(result.InvocationConfiguration.Error, async () =>
        {
            var path = result.GetValue(data) ?? DefaultDemoData;
            var output = result.InvocationConfiguration.Output;
            var directory = File.Exists(Path.Combine(path, "lifeline.db"))
                ? DataDirectory.Open(path)
                : DataDirectory.Initialize(path, clock);
            await Run(directory, clock, result.GetRequiredValue(urls), output, load: store =>
            {
                var id = DemoOperation.Load(store, clock);
                var operation = store.Read(session => OperationsProjection.Find(session, id))!;
                output.WriteLine($"Demo operation '{operation.Name}' ({id}) in {directory.Path}");
                output.WriteLine("Demo users, one per role, with passwords made for this start (shown once):");
                foreach (var user in DemoUsers.Ensure(store, id, clock))
                {
                    output.WriteLine($"  {user.Role,-21} {user.Username,-20} {user.Password}");
                }
            }, cancellation);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task Run(DataDirectory directory, TimeProvider clock, string urls, TextWriter output, Action<Lifeline.Storage.Writing.LogStore>? load, CancellationToken cancellation)
    {
        using var held = directory.Lock();
        using var store = directory.OpenStore(clock);
        load?.Invoke(store);
        await using var app = LifelineHost.Build(store, clock, urls, directory.Path);
        await app.StartAsync(cancellation);
        foreach (var url in app.Urls)
        {
            output.WriteLine($"Lifeline is serving {url} (health: {url}/health, API description: {url}/openapi/v1.json)");
            output.WriteLine($"Sign in at {url}/account/sign-in, or get an API token: POST {url}/account/token {{\"username\",\"password\",\"device\"}}");
        }

        output.WriteLine($"Signing key {store.PublicKey.KeyId}; public key (Ed25519, base64): {store.PublicKey.Base64}");
        output.WriteLine("Press Ctrl+C to stop.");
        output.Flush();
        // Returns on Ctrl+C or SIGTERM (the host's own lifetime) as well as on the caller's cancellation, and
        // stops the host either way.
        await app.WaitForShutdownAsync(cancellation);
    }
}
