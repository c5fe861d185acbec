using Lifeline.Domain.Corridors;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Tests;

/// <summary>Handlers load state from the command's own operation: another operation's records are not found.</summary>
public class CommandHandlerTests
{
    [Fact]
    public void A_window_of_another_operation_cannot_be_cancelled_through_a_command_of_this_one()
    {
        using var fixture = new StoreFixture(StoreKind.Sqlite);
        var aleppo = Server.Demo.DemoOperation.Load(fixture.Store, TimeProvider.System);
        var corridor = fixture.Store.Read(s => CorridorsProjection.List(s, aleppo))[0];
        var window = fixture.Store.Read(s => CorridorsProjection.Windows(s, corridor.Id))[0];
        var homs = fixture.NewOperation("Homs 2014");
        var entries = fixture.EntryCount();

        // A coordinator of Homs names Aleppo's corridor and window in a command addressed to Homs's log.
        var outcome = fixture.Store.Execute(new LogCommand(new CancelWindow(homs, corridor.Id, window.Id, "not ours to cancel")), StoreFixture.Officer);

        var refused = Assert.IsType<WriteOutcome.Refused>(outcome);
        Assert.Equal("windowId", Assert.Single(refused.Rejections).Field);
        Assert.Equal(entries, fixture.EntryCount());
        Assert.False(fixture.Store.Read(s => CorridorsProjection.Windows(s, corridor.Id)).Single(w => w.Id == window.Id).Cancelled);
    }
}
