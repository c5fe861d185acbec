using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Log.Canonical;

namespace Lifeline.Domain.Tests;

/// <summary>The log signs numbers exactly: what an event holds is what its canonical body reads back as.</summary>
public sealed class ExactNumberTests
{
    private static readonly Guid Operation = Guid.Parse("01900000-0000-7000-8000-000000000001");
    private static readonly Guid Site = Guid.Parse("01900000-0000-7000-8000-0000000000a1");
    private static readonly Guid Commodity = Guid.Parse("01900000-0000-7000-8000-0000000000c1");

    private sealed record Sample(decimal Value, decimal? Optional, decimal[] Values);

    private static byte[] Sign(object value) => CanonicalJson.Serialize(value, EventJson.Options);

    private static T Read<T>(byte[] body) => JsonSerializer.Deserialize<T>(body, EventJson.Options)!;

    /// <summary>
    /// A whole number of a bound's steps up to its largest value, of either sign: its largest, its smallest, or
    /// any value of 1 to all of its digits, so that small amounts are tried at full precision too.
    /// </summary>
    private static readonly Gen<decimal> WithinABound =
        from bound in Gen.Elements(Bounds.All.Select(b => b.Bound).ToArray())
        from high in Gen.Choose(0, int.MaxValue)
        from low in Gen.Choose(0, int.MaxValue)
        from digits in Gen.Choose(1, Bound.SignificantDigits)
        from kind in Gen.Choose(0, 9)
        from negative in Gen.Elements(false, true)
        select Value(bound, ((decimal)high * int.MaxValue) + low, digits, kind, negative);

    private static decimal Value(Bound bound, decimal random, int digits, int kind, bool negative)
    {
        var steps = decimal.Truncate(bound.Max / bound.Step);
        var count = kind switch
        {
            0 => steps,
            1 => steps - 1,
            2 => 1,
            3 => 0,
            _ => random % Math.Min(steps + 1, (decimal)Math.Pow(10, digits)),
        };
        return (negative ? -count : count) * bound.Step;
    }

    [Fact]
    public void Every_decimal_within_the_bounds_reads_back_exactly_from_its_canonical_body()
    {
        Prop.ForAll(WithinABound.ToArbitrary(), value =>
        {
            var sample = Read<Sample>(Sign(new Sample(value, value, [value, -value])));
            var adjusted = Read<StockAdjusted>(Sign(new StockAdjusted(Operation, Site, Commodity, "L-1", value, AdjustmentReason.CountCorrection, "")));

            return (sample.Value == value && sample.Optional == value && sample.Values.SequenceEqual([value, -value]) && adjusted.Change == value)
                .Label($"{value} read back as {sample.Value}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5000));
    }

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
