using System.Diagnostics.Metrics;
using Lifeline.Storage.Accounts;

namespace Lifeline.Storage.Tests;

/// <summary>
/// Every way a sign-in can fail does the same work, so the time of the answer does not tell which usernames
/// exist. Proved by counting the Argon2id derivations each attempt makes, not by timing it.
/// </summary>
public sealed class SignInTests : IDisposable
{
    private const string Password = "copper kettle meadow 2031";
    private const string Wrong = "not the password at all";

    private readonly DateTimeOffset _now = new(2016, 7, 28, 6, 0, 0, TimeSpan.Zero);
    private readonly StoreFixture _fixture = new();

    public SignInTests()
    {
        foreach (var name in new[] { "field-lead", "locked-lead", "gone-lead" })
        {
            Users.Add(_fixture.Store, name, Password, administrator: false, _now);
        }

        for (var i = 0; i < SignIns.MaxFailures; i++)
        {
            SignIns.Attempt(_fixture.Store, "locked-lead", Wrong, _now);
        }

        _fixture.Store.WriteAside(session =>
        {
            Accounts.Accounts.Disable(session, Accounts.Accounts.Find(session, "gone-lead")!.Id, _now);
            return 0;
        });
    }

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("nobody-here", Wrong, typeof(SignInOutcome.Refused))]
    [InlineData("field-lead", Wrong, typeof(SignInOutcome.Refused))]
    [InlineData("locked-lead", Wrong, typeof(SignInOutcome.LockedOut))]
    [InlineData("locked-lead", Password, typeof(SignInOutcome.LockedOut))]
    [InlineData("gone-lead", Password, typeof(SignInOutcome.Refused))]
    [InlineData("field-lead", Password, typeof(SignInOutcome.Succeeded))]
    public void Every_sign_in_verifies_one_password_whether_the_user_is_unknown_locked_disabled_or_real(string username, string password, Type outcome)
    {
        SignInOutcome? answer = null;

        var derivations = DerivationsDuring(() => answer = SignIns.Attempt(_fixture.Store, username, password, _now));

        Assert.IsType(outcome, answer);
        Assert.Equal(1, derivations);
    }

    /// <summary>Argon2id derivations made on this thread while <paramref name="attempt"/> runs (other tests run on other threads).</summary>
    private static long DerivationsDuring(Action attempt)
    {
        var thread = Environment.CurrentManagedThreadId;
        long count = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (instrument.Meter.Name == Passwords.MeterName)
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                count += value;
            }
        });
        listener.Start();
        attempt();
        return count;
    }
}
