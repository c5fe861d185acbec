using System.CommandLine;
using Lifeline.Cli.Corridors;
using Lifeline.Cli.Setup;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Primitives;
using Lifeline.Storage;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;

namespace Lifeline.Cli.Access;

/// <summary><c>lifeline users add|grant|list|disable|token</c>: accounts, their roles and their API tokens.</summary>
public static class UserCommands
{
    public static Command Create(TimeProvider clock) => new("users", "Add users, grant them roles, disable them, issue and revoke API tokens")
    {
        Add(clock),
        GrantCommand(clock),
        List(clock),
        Disable(clock),
        Token(clock),
    };

    /// <summary>Prints a new password once, with what to do with it.</summary>
    public static void PrintPassword(TextWriter output, string username, string password) =>
        output.WriteLine($"Password for '{username}' (shown once; hand it over privately): {password}");

    private static Argument<string> UsernameArgument() => new("USERNAME") { Description = "The username: 3 to 64 of a-z, 0-9, '.', '_', '-'; prefer a role or call sign to a person's name" };

    private static Option<string> RoleOption(bool required) => new("--role")
    {
        Description = $"The role in the operation: {string.Join(", ", Roles.AllNames.Where(n => n != Role.Administrator.Name()))}",
        Required = required,
    };

    private static Option<string[]> SiteOption() => new("--site")
    {
        Description = "A checkpoint (checkpoint officers) or distribution point (distribution officers) assigned to the user, by name or id; repeat for several",
        AllowMultipleArgumentsPerToken = true,
    };

    private static Command Add(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var username = UsernameArgument();
        var administrator = new Option<bool>("--administrator") { Description = "Make the user an administrator (users, tokens and keys; no operational writes)" };
        var operation = OperationScope.OperationOption();
        var role = RoleOption(required: false);
        var sites = SiteOption();
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of generating one" };
        var command = new Command("add", "Add a user, with a generated password printed once, and optionally a role in an operation") { username, data, administrator, operation, role, sites, passwordStdin };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            var output = result.InvocationConfiguration.Output;
            var name = result.GetRequiredValue(username);
            var password = result.GetValue(passwordStdin) ? Console.In.ReadLine() : Users.GeneratePassword(name);
            using var held = Open(result.GetRequiredValue(data), clock, out var store);
            // The grant is checked before the user is added, so that a wrong role leaves no user behind.
            var grant = result.GetValue(role) is { } roleText ? ResolveGrant(store, result.GetValue(operation), roleText, result.GetValue(sites) ?? []) : default;
            var added = Users.Add(store, name, password, result.GetValue(administrator), clock.GetUtcNow());
            if (added.Account is null)
            {
                return Refused(result, added);
            }

            output.WriteLine($"Added user '{name}' ({added.Account.Id}){(added.Account.Administrator ? ", administrator" : "")}");
            if (!result.GetValue(passwordStdin))
            {
                PrintPassword(output, name, password!);
            }

            return grant.Operation is null ? ExitCodes.Ok : Apply(result, store, name, grant);
        }));
        return command;
    }

    private static Command GrantCommand(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var username = UsernameArgument();
        var operation = OperationScope.OperationOption();
        var role = RoleOption(required: true);
        var sites = SiteOption();
        var command = new Command("grant", "Grant a user a role in an operation (a user may hold different roles in different operations)") { username, data, operation, role, sites };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var held = Open(result.GetRequiredValue(data), clock, out var store);
            return Apply(result, store, result.GetRequiredValue(username), ResolveGrant(store, result.GetValue(operation), result.GetRequiredValue(role), result.GetValue(sites) ?? []));
        }));
        return command;
    }

    private static Command List(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var command = new Command("list", "List users with their state and roles") { data };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            var output = result.InvocationConfiguration.Output;
            using var held = Open(result.GetRequiredValue(data), clock, out var store);
            store.Read(session =>
            {
                foreach (var account in Accounts.List(session))
                {
                    var state = account.Disabled ? "disabled" : account.LockedUntil > clock.GetUtcNow() ? "locked" : "active";
                    var grants = Accounts.Grants(session, account.Id)
                        .GroupBy(g => (g.OperationId, g.Role))
                        .Select(g => $"{g.Key.Role.Name()} in '{OperationsProjection.Find(session, new OperationId(g.Key.OperationId))?.Name ?? g.Key.OperationId.ToString()}'"
                            + (g.Any(x => x.SiteId is not null) ? $" at {string.Join(", ", g.Select(x => SitesProjection.Find(session, new OperationId(g.Key.OperationId), new SiteId(x.SiteId!.Value))?.Name ?? x.SiteId.ToString()))}" : ""))
                        .ToList();
                    if (account.Administrator)
                    {
                        grants.Insert(0, "administrator");
                    }

                    output.WriteLine($"{account.Username}\t{account.Id}\t{state}\t{(grants.Count == 0 ? "no roles" : string.Join("; ", grants))}");
                }

                return 0;
            });
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Disable(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var username = UsernameArgument();
        var command = new Command("disable", "Disable a user, revoke their tokens and end their browser sessions; their next request is refused") { username, data };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            var name = result.GetRequiredValue(username);
            using var held = Open(result.GetRequiredValue(data), clock, out var store);
            var disabled = store.WriteAside(session =>
            {
                var account = Accounts.Find(session, name);
                if (account is not null)
                {
                    Accounts.Disable(session, account.Id, clock.GetUtcNow());
                }

                return account is not null;
            });
            if (!disabled)
            {
                throw new UsageException($"USERNAME: there is no user '{name}'");
            }

            result.InvocationConfiguration.Output.WriteLine($"Disabled '{name}', revoked their tokens and ended their browser sessions");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Token(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var username = UsernameArgument();
        var device = new Option<string?>("--device") { Description = "Issue a token for this device (printed once)" };
        var revoke = new Option<Guid?>("--revoke") { Description = "Revoke the token with this id" };
        var command = new Command("token", "Issue an API token for a device (--device), revoke one (--revoke), or list the user's tokens") { username, data, device, revoke };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            var output = result.InvocationConfiguration.Output;
            var name = result.GetRequiredValue(username);
            using var held = Open(result.GetRequiredValue(data), clock, out var store);
            var account = store.Read(session => Accounts.Find(session, name)) ?? throw new UsageException($"USERNAME: there is no user '{name}'");
            if (result.GetValue(device) is { } deviceName)
            {
                if (deviceName.Trim() is not { Length: >= 1 and <= 100 } trimmed)
                {
                    throw new UsageException("--device: name the device, 1 to 100 characters");
                }

                if (account.Disabled)
                {
                    throw new UsageException($"USERNAME: '{name}' is disabled");
                }

                var (token, secret) = store.WriteAside(session => Accounts.IssueToken(session, account.Id, trimmed, clock.GetUtcNow()));
                output.WriteLine($"Token {token.Id} for '{name}' on '{trimmed}' (shown once; send it as 'Authorization: Bearer <token>'): {secret}");
                return ExitCodes.Ok;
            }

            if (result.GetValue(revoke) is { } tokenId)
            {
                var found = store.WriteAside(session =>
                {
                    var token = Accounts.FindToken(session, tokenId);
                    if (token?.UserId != account.Id)
                    {
                        return false;
                    }

                    Accounts.RevokeToken(session, tokenId, clock.GetUtcNow());
                    return true;
                });
                if (!found)
                {
                    throw new UsageException($"--revoke: '{name}' has no token {tokenId}");
                }

                output.WriteLine($"Revoked token {tokenId} of '{name}'");
                return ExitCodes.Ok;
            }

            foreach (var token in store.Read(session => Accounts.Tokens(session, account.Id)))
            {
                output.WriteLine($"{token.Id}\t{token.Device}\tissued {token.CreatedAt:u}\t{(token.RevokedAt is { } at ? $"revoked {at:u}" : "live")}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Reads the operation, role and sites of a grant, or throws naming the option at fault.</summary>
    private static (Operation? Operation, Role Role, List<Guid> Sites, string[] SiteTexts) ResolveGrant(LogStore store, string? operationText, string roleText, string[] siteTexts)
    {
        if (!Roles.TryParse(roleText, out var role) || role == Role.Administrator)
        {
            throw new UsageException($"--role: '{roleText}' is not a role in an operation; roles are {string.Join(", ", Roles.AllNames.Where(n => n != Role.Administrator.Name()))} (administrators: --administrator)");
        }

        if (role.IsLimitedToSites() != (siteTexts.Length > 0))
        {
            throw new UsageException(role.IsLimitedToSites()
                ? $"--site: a {role.Name()} is assigned at least one site"
                : $"--site: a {role.Name()} acts across the operation; sites are assigned to checkpoint and distribution officers only");
        }

        var operation = store.Read(session => OperationScope.Find(session, operationText)) ?? throw new UsageException(operationText is null
            ? "--operation: the data directory holds no operation, or several; name one"
            : $"--operation: no operation '{operationText}'");
        var sites = siteTexts.Select(text => store.Read(session => Guid.TryParse(text, out var id)
            ? SitesProjection.Find(session, operation.Id, new SiteId(id))
            : SitesProjection.FindByName(session, operation.Id, text))?.Id.Value
            ?? throw new UsageException($"--site: no site '{text}' in operation '{operation.Name}'")).ToList();
        return (operation, role, sites, siteTexts);
    }

    private static int Apply(ParseResult result, LogStore store, string username, (Operation? Operation, Role Role, List<Guid> Sites, string[] SiteTexts) grant)
    {
        var (operation, role, sites, siteTexts) = grant;
        var granted = Users.Grant(store, username, operation!.Id, role, sites);
        if (granted.Account is null)
        {
            return Refused(result, granted);
        }

        result.InvocationConfiguration.Output.WriteLine($"'{username}' is {role.Name()} in '{operation.Name}'{(sites.Count > 0 ? $" at {string.Join(", ", siteTexts)}" : "")}");
        return ExitCodes.Ok;
    }

    private static int Refused(ParseResult result, UserOutcome outcome)
    {
        foreach (var rejection in outcome.Rejections)
        {
            var field = rejection.Field switch { "username" => "USERNAME", "password" => "password", var other => $"--{other}" };
            result.InvocationConfiguration.Error.WriteLine($"error: {field}: {rejection.Reason}");
        }

        return outcome.Rejections.All(r => r.Kind == RejectionKind.Invalid) ? ExitCodes.Usage : ExitCodes.Failed;
    }

    private static IDisposable Open(string data, TimeProvider clock, out LogStore store)
    {
        var directory = DataDirectory.Open(data);
        var held = directory.Lock();
        try
        {
            store = directory.OpenStore(clock);
            return new Held(held, store);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    private sealed class Held(IDisposable held, LogStore store) : IDisposable
    {
        public void Dispose()
        {
            store.Dispose();
            held.Dispose();
        }
    }
}
