using System.Text.RegularExpressions;
using Lifeline.Storage;
using Lifeline.Storage.Accounts;
using Lifeline.Testing;

namespace Lifeline.Cli.Tests;

/// <summary><c>lifeline init</c>'s first administrator and <c>lifeline users</c>, on a real data directory.</summary>
public sealed partial class UserCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _data;
    private readonly string _initOutput;

    public UserCommandTests()
    {
        _data = _temp.File("op");
        var (exit, output, _) = Run("init", "--data", _data, "--operation", "Aleppo 2016", "--administrator", "chief");
        Assert.Equal(ExitCodes.Ok, exit);
        _initOutput = output;
    }

    public void Dispose() => _temp.Dispose();

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = LifelineCommand.RunAsync(args, output, error).GetAwaiter().GetResult();
        return (exit, output.ToString(), error.ToString());
    }

    private T WithStore<T>(Func<Lifeline.Storage.Writing.LogStore, T> use)
    {
        var directory = DataDirectory.Open(_data);
        using var held = directory.Lock();
        using var store = directory.OpenStore(TimeProvider.System);
        return use(store);
    }

    [GeneratedRegex(@"Password for '(?<user>[^']+)' \(shown once; hand it over privately\): (?<password>\S+)")]
    private static partial Regex PasswordLine();

    [GeneratedRegex(@"Token (?<id>[0-9a-f-]+) .*: (?<secret>lifeline_\S+)")]
    private static partial Regex TokenLine();

    [Fact]
    public void Init_creates_the_first_administrator_with_a_password_that_signs_in()
    {
        var printed = PasswordLine().Match(_initOutput);

        Assert.Equal("chief", printed.Groups["user"].Value);
        var outcome = WithStore(store => SignIns.Attempt(store, "chief", printed.Groups["password"].Value, DateTimeOffset.UtcNow));
        Assert.True(Assert.IsType<SignInOutcome.Succeeded>(outcome).Account.Administrator);
    }

    [Fact]
    public void Users_are_added_with_a_role_listed_given_tokens_and_disabled()
    {
        var added = Run("users", "add", "lead-1", "--data", _data, "--role", "coordinator");
        var list = Run("users", "list", "--data", _data);
        var issued = Run("users", "token", "lead-1", "--data", _data, "--device", "tablet-7");
        var token = TokenLine().Match(issued.Output);
        var live = WithStore(store => store.Read(session => Accounts.FindLiveToken(session, token.Groups["secret"].Value)));
        var revoked = Run("users", "token", "lead-1", "--data", _data, "--revoke", token.Groups["id"].Value);
        var afterRevoke = WithStore(store => store.Read(session => Accounts.FindLiveToken(session, token.Groups["secret"].Value)));
        var disabled = Run("users", "disable", "lead-1", "--data", _data);
        var listAfter = Run("users", "list", "--data", _data);

        Assert.Equal(ExitCodes.Ok, added.Exit);
        Assert.Matches(PasswordLine(), added.Output);
        Assert.Contains("is coordinator in 'Aleppo 2016'", added.Output, StringComparison.Ordinal);
        Assert.Matches(@"lead-1\t[0-9a-f-]+\tactive\tcoordinator in 'Aleppo 2016'", list.Output);
        Assert.Matches(@"chief\t[0-9a-f-]+\tactive\tadministrator", list.Output);
        Assert.True(live is not null, issued.Output + issued.Error);
        Assert.Equal(ExitCodes.Ok, revoked.Exit);
        Assert.Null(afterRevoke);
        Assert.Equal(ExitCodes.Ok, disabled.Exit);
        Assert.Matches(@"lead-1\t[0-9a-f-]+\tdisabled", listAfter.Output);
    }

    [Theory]
    [InlineData("--role", "guard", "--role: 'guard' is not a role in an operation")]
    [InlineData("--role", "checkpoint-officer", "--site: a checkpoint-officer is assigned at least one site")]
    public void A_wrong_role_exits_2_naming_the_option(string option, string value, string message)
    {
        var result = Run("users", "add", "officer-2", "--data", _data, option, value);

        Assert.Equal(ExitCodes.Usage, result.Exit);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("officer-2", Run("users", "list", "--data", _data).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_username_is_refused_and_exits_1()
    {
        var result = Run("users", "add", "chief", "--data", _data);

        Assert.Equal(ExitCodes.Failed, result.Exit);
        Assert.Contains("USERNAME: a user 'chief' already exists", result.Error, StringComparison.Ordinal);
    }
}
