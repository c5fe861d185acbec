using System.Text;
using System.Text.Json;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Stock;
using Lifeline.Log.Canonical;

namespace Lifeline.Log.Tests;

/// <summary>The log signs numbers exactly: what an event holds is what its canonical body reads back as.</summary>
public sealed class ExactNumberTests
{
    private static readonly Guid Operation = Guid.Parse("01900000-0000-7000-8000-000000000001");
    private static readonly Guid Site = Guid.Parse("01900000-0000-7000-8000-0000000000a1");
    private static readonly Guid Commodity = Guid.Parse("01900000-0000-7000-8000-0000000000c1");

    private static byte[] Sign(object value) => CanonicalJson.Serialize(value, EventJson.Options);

    private static T Read<T>(byte[] body) => JsonSerializer.Deserialize<T>(body, EventJson.Options)!;

    [Theory]
    [InlineData("2305843009213693.951")]
    [InlineData("0.1234567890123456789")]
    [InlineData("9007199254740993")]
    [InlineData("79228162514264337593543950335")]
    public void A_decimal_the_log_would_sign_as_another_number_is_refused_instead_of_rounded(string value)
    {
        var quantity = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        var refused = Assert.Throws<InexactNumberException>(() => Sign(new StockReceived(Operation, Site, Commodity, "", null, quantity, "donor")));

        Assert.Equal(value, refused.Value);
    }

    [Fact]
    public void A_64_bit_integer_past_2_to_the_53_is_refused_too()
    {
        Assert.Equal("{\"n\":9007199254740992}", Encoding.UTF8.GetString(Sign(new { n = 9_007_199_254_740_992L })));
        Assert.Throws<InexactNumberException>(() => Sign(new { n = 9_007_199_254_740_993L }));
    }

    [Fact]
    public void A_v1_body_keeps_its_bytes_and_bodies_signed_before_the_bounds_still_read()
    {
        var body = Sign(new StockReceived(Operation, Site, Commodity, "", null, 120.500m, "donor"));
        var oldReceipt = Encoding.UTF8.GetBytes("{\"commodityId\":\"01900000-0000-7000-8000-0000000000c1\",\"expiry\":null,\"lot\":\"\",\"operationId\":\"01900000-0000-7000-8000-000000000001\",\"quantity\":2305843009213694,\"siteId\":\"01900000-0000-7000-8000-0000000000a1\",\"source\":\"donor\"}");

        Assert.Equal("{\"commodityId\":\"01900000-0000-7000-8000-0000000000c1\",\"expiry\":null,\"lot\":\"\",\"operationId\":\"01900000-0000-7000-8000-000000000001\",\"quantity\":120.5,\"siteId\":\"01900000-0000-7000-8000-0000000000a1\",\"source\":\"donor\"}", Encoding.UTF8.GetString(body));
        Assert.Equal(2305843009213694m, Read<StockReceived>(oldReceipt).Quantity);
        Assert.Equal(oldReceipt, Sign(Read<StockReceived>(oldReceipt)));
    }
}
