using Lifeline.Storage.Accounts;

namespace Lifeline.Storage.Tests;

/// <summary>
/// Browser sessions on both stores: live once started, ended for good once revoked, and only by their user; all of
/// a user's ended by a new password or disabling the account; expired after their lifetime unless renewed, and pruned.
/// </summary>
public abstract class BrowserSessionContract
{
    protected abstract StoreKind Kind { get; }

    [SkippableFact]
    public void A_session_is_live_until_its_own_user_ends_it()
    {
        var at = new DateTimeOffset(2016, 7, 28, 6, 0, 0, TimeSpan.Zero);
        using var fixture = new StoreFixture(Kind);
        var owner = Users.Add(fixture.Store, "field-lead", "copper kettle meadow 2031", administrator: false, at).Account!;
        var other = Users.Add(fixture.Store, "other-lead", "copper kettle meadow 2031", administrator: false, at).Account!;
        var session = fixture.Store.WriteAside(s => Accounts.Accounts.StartSession(s, owner.Id, at));

        fixture.Store.WriteAside(s =>
        {
            Accounts.Accounts.EndSession(s, session.Id, other.Id, at);
            return 0;
        });
        var afterOthers = fixture.Store.Read(s => Accounts.Accounts.IsLiveSession(s, session.Id, owner.Id, at));
        fixture.Store.WriteAside(s =>
        {
            Accounts.Accounts.EndSession(s, session.Id, owner.Id, at);
            return 0;
        });
        var afterOwn = fixture.Store.Read(s => Accounts.Accounts.IsLiveSession(s, session.Id, owner.Id, at));

        Assert.True(afterOthers);
        Assert.False(afterOwn);
        Assert.False(fixture.Store.Read(s => Accounts.Accounts.IsLiveSession(s, Guid.CreateVersion7(), owner.Id, at)));
    }

    [SkippableFact]
    public void A_new_password_or_disabling_the_account_ends_every_session_of_that_user_and_no_one_elses()
    {
        var at = new DateTimeOffset(2016, 7, 28, 6, 0, 0, TimeSpan.Zero);
        using var fixture = new StoreFixture(Kind);
        var owner = Users.Add(fixture.Store, "field-lead", "copper kettle meadow 2031", administrator: false, at).Account!;
        var other = Users.Add(fixture.Store, "other-lead", "copper kettle meadow 2031", administrator: false, at).Account!;
        var laptop = fixture.Store.WriteAside(s => Accounts.Accounts.StartSession(s, owner.Id, at));
        var phone = fixture.Store.WriteAside(s => Accounts.Accounts.StartSession(s, owner.Id, at));
        var others = fixture.Store.WriteAside(s => Accounts.Accounts.StartSession(s, other.Id, at));

        var reset = Users.SetPassword(fixture.Store, "field-lead", "quiet harbour lantern 1984", at.AddMinutes(1));
        var afterReset = fixture.Store.Read(s => (
            Laptop: Accounts.Accounts.IsLiveSession(s, laptop.Id, owner.Id, at.AddMinutes(2)),
            Phone: Accounts.Accounts.IsLiveSession(s, phone.Id, owner.Id, at.AddMinutes(2)),
            Others: Accounts.Accounts.IsLiveSession(s, others.Id, other.Id, at.AddMinutes(2))));
        var signedInAgain = fixture.Store.WriteAside(s => Accounts.Accounts.StartSession(s, owner.Id, at.AddMinutes(3)));
        fixture.Store.WriteAside(s =>
        {
            Accounts.Accounts.Disable(s, owner.Id, at.AddMinutes(4));
            return 0;
        });
        var afterDisable = fixture.Store.Read(s => Accounts.Accounts.IsLiveSession(s, signedInAgain.Id, owner.Id, at.AddMinutes(5)));

        Assert.Empty(reset.Rejections);
        Assert.Equal((false, false, true), afterReset);
        Assert.False(afterDisable);
        Assert.True(fixture.Store.Read(s => Accounts.Accounts.IsLiveSession(s, others.Id, other.Id, at.AddMinutes(5))));
    }

    [SkippableFact]
    public void A_session_expires_a_lifetime_after_its_last_renewal()
    {
        var at = new DateTimeOffset(2016, 7, 28, 6, 0, 0, TimeSpan.Zero);
        var lifetime = Accounts.Accounts.SessionLifetime;
        using var fixture = new StoreFixture(Kind);
        var owner = Users.Add(fixture.Store, "field-lead", "copper kettle meadow 2031", administrator: false, at).Account!;
        var idle = fixture.Store.WriteAside(s => Accounts.Accounts.StartSession(s, owner.Id, at));
        var busy = fixture.Store.WriteAside(s => Accounts.Accounts.StartSession(s, owner.Id, at));

        fixture.Store.WriteAside(s =>
        {
            Accounts.Accounts.RenewSession(s, busy.Id, owner.Id, at + (lifetime * 0.75));
            return 0;
        });
        bool Live(BrowserSession session, DateTimeOffset now) => fixture.Store.Read(s => Accounts.Accounts.IsLiveSession(s, session.Id, owner.Id, now));

        Assert.True(Live(idle, at + lifetime - TimeSpan.FromSeconds(1)));
        Assert.False(Live(idle, at + lifetime));
        Assert.True(Live(busy, at + lifetime + (lifetime * 0.5)));
        Assert.False(Live(busy, at + (lifetime * 1.75)));
    }

    [SkippableFact]
    public void Signing_in_prunes_expired_sessions_a_bounded_number_at_a_time_and_keeps_live_ones()
    {
        var at = new DateTimeOffset(2016, 7, 28, 6, 0, 0, TimeSpan.Zero);
        var later = at + Accounts.Accounts.SessionLifetime + TimeSpan.FromMinutes(1);
        var expired = Accounts.Accounts.SessionsPrunedAtOnce + 20;
        using var fixture = new StoreFixture(Kind);
        var owner = Users.Add(fixture.Store, "field-lead", "copper kettle meadow 2031", administrator: false, at).Account!;
        fixture.Store.WriteAside(s =>
        {
            for (var i = 0; i < expired; i++)
            {
                var session = Accounts.Accounts.StartSession(s, owner.Id, at);
                if (i % 2 == 0)
                {
                    Accounts.Accounts.EndSession(s, session.Id, owner.Id, at);
                }
            }

            return 0;
        });
        var live = fixture.Store.WriteAside(s => Accounts.Accounts.StartSession(s, owner.Id, later - TimeSpan.FromHours(1)));
        long Rows() => fixture.Store.Read(s => s.Scalar<long>("SELECT count(*) FROM user_sessions"));

        fixture.Store.WriteAside(s => Accounts.Accounts.StartSession(s, owner.Id, later));
        var afterFirst = Rows();
        fixture.Store.WriteAside(s => Accounts.Accounts.StartSession(s, owner.Id, later));
        var afterSecond = Rows();

        Assert.Equal(expired - Accounts.Accounts.SessionsPrunedAtOnce + 2, afterFirst);
        Assert.Equal(3, afterSecond);
        Assert.True(fixture.Store.Read(s => Accounts.Accounts.IsLiveSession(s, live.Id, owner.Id, later)));
    }
}

public sealed class SqliteBrowserSessionTests : BrowserSessionContract
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresBrowserSessionTests : BrowserSessionContract
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
