using Lifeline.Domain.Primitives;
using Lifeline.Server.Demo;
using Lifeline.Testing;
using Microsoft.Playwright;

namespace Lifeline.EndToEnd;

/// <summary>
/// The demo operation on a real Kestrel host on loopback, and the system Chromium, shared by the browser
/// tests. The clock is frozen on the third day of the demo, at noon in Aleppo, so "today" and "open now"
/// are the same on every run.
/// </summary>
public sealed class DemoSite : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly DateTimeOffset Now = new(2016, 7, 30, 12, 0, 0, TimeSpan.FromHours(3));

    private readonly Dictionary<string, string> _sessions = new(StringComparer.Ordinal);

    private IPlaywright? _playwright;

    public LoopbackHost Host { get; private set; } = null!;

    /// <summary>The host's clock, at <see cref="Now"/> until a test that has the site to itself moves it on.</summary>
    public FrozenClock Clock { get; } = new(Now);

    public IBrowser Browser { get; private set; } = null!;

    public OperationId Operation { get; private set; }

    public IReadOnlyDictionary<string, string> Passwords { get; private set; } = null!;

    public string OperationPath => $"/app/operations/{Operation.Value}";

    /// <summary>Where the tests leave screenshots for people to look at (not committed): TestResults/screenshots at the repository root.</summary>
    public static string Screenshots
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lifeline.slnx")))
            {
                directory = directory.Parent;
            }

            var path = Path.Combine(directory?.FullName ?? Path.GetTempPath(), "TestResults", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async Task InitializeAsync()
    {
        Host = await LoopbackHost.StartAsync(Clock);
        Operation = DemoOperation.Load(Host.Store, Clock, new Random(20160728));
        Passwords = DemoUsers.Ensure(Host.Store, Operation, Clock).ToDictionary(u => u.Username, u => u.Password);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// A fresh browser context signed in as a demo user, in a language: through the sign-in form the first time,
    /// then with that session's cookies, since the host allows ten sign-ins a minute from one address.
    /// </summary>
    public async Task<IPage> SignInAsync(string username, string locale = "en-GB")
    {
        var options = new BrowserNewContextOptions { BaseURL = Host.BaseAddress.ToString(), Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } };
        if (_sessions.TryGetValue(username, out var session))
        {
            options.StorageState = session;
            var signedIn = await (await Browser.NewContextAsync(options)).NewPageAsync();
            await signedIn.GotoAsync("/app");
            return signedIn;
        }

        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(Passwords[username]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/app");
        _sessions[username] = await context.StorageStateAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(nameof(DemoSite))]
public sealed class DemoSiteCollection : ICollectionFixture<DemoSite>;
