using System.Security.Cryptography;
using Lifeline.Domain;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Accounts;

/// <summary>What administering a user came to: the account, or the rejections naming the field at fault.</summary>
public sealed record UserOutcome(Account? Account, IReadOnlyList<Rejection> Rejections)
{
    public static UserOutcome Refused(Rejection rejection) => new(null, [rejection]);
}

/// <summary>Adding users, granting roles and setting passwords, with their rules, in one transaction each.</summary>
public static class Users
{
    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>A random password of 24 characters (about 120 bits) in groups of four, easy to read out and type.</summary>
    /// <remarks>Drawn again in the unlikely case that it breaks a rule for this username.</remarks>
    public static string GeneratePassword(string username)
    {
        while (true)
        {
            var text = RandomNumberGenerator.GetString(PasswordAlphabet, 24);
            var password = string.Join('-', Enumerable.Range(0, 6).Select(i => text.Substring(i * 4, 4)));
            if (Passwords.Refusal(password, username) is null)
            {
                return password;
            }
        }
    }

    public static UserOutcome Add(LogStore store, string? username, string? password, bool administrator, DateTimeOffset at)
    {
        if (Accounts.UsernameRefusal(username) is { } badName)
        {
            return UserOutcome.Refused(new Rejection(RejectionKind.Invalid, "username", badName));
        }

        if (Passwords.Refusal(password, username!) is { } badPassword)
        {
            return UserOutcome.Refused(new Rejection(RejectionKind.Invalid, "password", badPassword));
        }

        var hash = Passwords.Hash(password!);
        return store.WriteAside(session => Accounts.Find(session, username!) is not null
            ? UserOutcome.Refused(Reasons.Accounts.UsernameTaken.Conflict("username", ("username", username!)))
            : new UserOutcome(Accounts.Add(session, username!, hash, administrator, at), []));
    }

    /// <summary>Sets a user's password (an administrator's reset); every browser session of theirs ends.</summary>
    public static UserOutcome SetPassword(LogStore store, string username, string? password, DateTimeOffset at)
    {
        if (Passwords.Refusal(password, username) is { } badPassword)
        {
            return UserOutcome.Refused(new Rejection(RejectionKind.Invalid, "password", badPassword));
        }

        var hash = Passwords.Hash(password!);
        return store.WriteAside(session =>
        {
            var account = Accounts.Find(session, username);
            if (account is null)
            {
                return UserOutcome.Refused(Reasons.Accounts.UserNotFound.NotFound("username", ("username", username)));
            }

            Accounts.SetPassword(session, account.Id, hash, at);
            return new UserOutcome(account, []);
        });
    }

    /// <summary>
    /// Grants a role in an operation. Checkpoint officers are assigned checkpoints, distribution officers
    /// distribution points: at least one, each a site of that kind in the operation.
    /// </summary>
    public static UserOutcome Grant(LogStore store, string username, OperationId operation, Role role, IReadOnlyList<Guid> sites)
    {
        if (role == Role.Administrator)
        {
            return UserOutcome.Refused(Reasons.Accounts.AdministratorNotARole.Invalid("role"));
        }

        if (role.IsLimitedToSites() != (sites.Count > 0))
        {
            return UserOutcome.Refused((role.IsLimitedToSites() ? Reasons.Accounts.RoleNeedsSites : Reasons.Accounts.RoleTakesNoSites).Invalid("site", ("role", role.Name())));
        }

        var kind = role == Role.CheckpointOfficer ? SiteKind.Checkpoint : SiteKind.DistributionPoint;
        return store.WriteAside(session =>
        {
            var account = Accounts.Find(session, username);
            if (account is null)
            {
                return UserOutcome.Refused(Reasons.Accounts.UserNotFound.NotFound("username", ("username", username)));
            }

            if (OperationsProjection.Find(session, operation) is null)
            {
                return UserOutcome.Refused(Reasons.Setup.OperationNotFound.NotFound("operation", ("operation", operation)));
            }

            foreach (var site in sites)
            {
                var found = SitesProjection.Find(session, operation, new SiteId(site));
                if (found is null || found.Kind != kind)
                {
                    return UserOutcome.Refused(Reasons.Accounts.SiteNotOfKind.Invalid("site", ("site", site), ("kind", Reasons.Term("site-kind", kind.Name())), ("operation", operation)));
                }
            }

            if (sites.Count == 0)
            {
                Accounts.AddGrant(session, account.Id, new Grant(operation.Value, role, null));
            }

            foreach (var site in sites)
            {
                Accounts.AddGrant(session, account.Id, new Grant(operation.Value, role, site));
            }

            return new UserOutcome(account, []);
        });
    }
}
