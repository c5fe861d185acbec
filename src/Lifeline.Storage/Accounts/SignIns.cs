using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Accounts;

/// <summary>What a sign-in attempt came to.</summary>
public abstract record SignInOutcome
{
    private SignInOutcome()
    {
    }

    public sealed record Succeeded(Account Account) : SignInOutcome;

    /// <summary>Unknown user, wrong password or disabled account: deliberately one outcome, so a caller cannot tell which.</summary>
    public sealed record Refused : SignInOutcome;

    /// <summary>Too many failures in a row; no password is accepted until the lockout ends.</summary>
    public sealed record LockedOut(DateTimeOffset Until) : SignInOutcome;
}

/// <summary>Password sign-in with lockout after repeated failures.</summary>
public static class SignIns
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    public static SignInOutcome Attempt(LogStore store, string? username, string? password, DateTimeOffset now)
    {
        password ??= "";
        var found = store.Read(session => Accounts.Find(session, username ?? "") is { } account
            ? (account, Accounts.PasswordHash(session, account.Id)!)
            : ((Account, string)?)null);
        if (found is not var (account, hash))
        {
            Passwords.VerifyNothing(password);
            return new SignInOutcome.Refused();
        }

        // Verified before anything else about the account is looked at: a locked or disabled account must cost
        // what an unknown user or a wrong password costs, or the time of the answer tells which usernames exist.
        var matches = Passwords.Verify(password, hash);
        return store.WriteAside(session =>
        {
            // Counted inside the write transaction, so concurrent guesses cannot slip past the limit.
            var current = Accounts.Find(session, account.Id)!;
            if (current.LockedUntil is { } until && until > now)
            {
                return new SignInOutcome.LockedOut(until);
            }

            if (matches && !current.Disabled)
            {
                Accounts.RecordFailedSignIn(session, account.Id, 0, null);
                return (SignInOutcome)new SignInOutcome.Succeeded(current);
            }

            var failures = current.FailedSignIns + 1;
            if (failures >= MaxFailures)
            {
                Accounts.RecordFailedSignIn(session, account.Id, 0, now + LockoutPeriod);
                return new SignInOutcome.LockedOut(now + LockoutPeriod);
            }

            Accounts.RecordFailedSignIn(session, account.Id, failures, null);
            return new SignInOutcome.Refused();
        });
    }
}
