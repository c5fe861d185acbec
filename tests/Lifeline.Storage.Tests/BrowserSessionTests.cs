using Lifeline.Storage.Accounts;

namespace Lifeline.Storage.Tests;

/// <summary>Browser sessions on both stores: live once started, ended for good once revoked, and only by their user.</summary>
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
        var afterOthers = fixture.Store.Read(s => Accounts.Accounts.IsLiveSession(s, session.Id, owner.Id));
        fixture.Store.WriteAside(s =>
        {
            Accounts.Accounts.EndSession(s, session.Id, owner.Id, at);
            return 0;
        });
        var afterOwn = fixture.Store.Read(s => Accounts.Accounts.IsLiveSession(s, session.Id, owner.Id));

        Assert.True(afterOthers);
        Assert.False(afterOwn);
        Assert.False(fixture.Store.Read(s => Accounts.Accounts.IsLiveSession(s, Guid.CreateVersion7(), owner.Id)));
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
