using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;

namespace Lifeline.Domain.Tests.Primitives;

/// <summary>What an operational note may hold, and what looks like a phone or identity number in it.</summary>
public class OperationalNoteTests
{
    [Theory]
    [InlineData("call Abu Omar on +963 944 123 456")]
    [InlineData("0944-123-456")]
    [InlineData("(011) 2231 4455")]
    [InlineData("national number 01020304050")]
    [InlineData("هاتف ٠٩٤٤١٢٣٤٥٦")]
    [InlineData("هاتف ۰۹۴۴۱۲۳۴۵۶")]
    public void A_number_long_enough_to_be_a_phone_or_identity_number_looks_personal(string note) =>
        Assert.True(OperationalNotes.LooksPersonal(note));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("rats in bay 12")]
    [InlineData("found torn on 2016-07-29 08:30")]
    [InlineData("held from 2016-07-29T08:30:00 to 2016-07-30")]
    [InlineData("lot 20160728 short by 40 bags")]
    [InlineData("convoy of 12 trucks, 240 t")]
    public void Counts_dates_and_short_references_do_not(string? note) =>
        Assert.False(OperationalNotes.LooksPersonal(note));

    [Fact]
    public void Only_the_members_marked_as_notes_are_looked_at_by_their_request_names()
    {
        var adjust = new AdjustStock(new OperationId(Guid.NewGuid()), new SiteId(Guid.NewGuid()), new CommodityId(Guid.NewGuid()), "0944123456", Quantity.Zero, AdjustmentReason.Damage, "ring 0944 123 456", DateTimeOffset.UnixEpoch);

        Assert.Equal(["note"], OperationalNotes.LookingPersonal(adjust));
    }
}
