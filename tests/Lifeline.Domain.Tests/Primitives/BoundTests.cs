using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Tests.Primitives;

public class BoundTests
{
    public static TheoryData<string> Names() => [.. Bounds.All.Select(b => b.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_bound_keeps_its_values_within_15_significant_digits_at_its_step(string name)
    {
        var bound = Bounds.All.Single(b => b.Name == name).Bound;

        Assert.InRange(bound.Digits, 1, Bound.SignificantDigits);
        Assert.Equal(0m, bound.Max % bound.Step);
        Assert.True(EventJson.IsExact(bound.Max) && EventJson.IsExact(bound.Max - bound.Step) && EventJson.IsExact(bound.Step));
    }

    [Fact]
    public void The_largest_quantity_at_the_largest_mass_per_unit_still_fits_64_bits_in_grams_and_in_kcal()
    {
        var kilograms = Bounds.Quantity.Max * Bounds.UnitMass.Max;

        Assert.True(kilograms * 1000m < long.MaxValue);
        Assert.True(kilograms * Bounds.KcalPerKg.Max < long.MaxValue);
        Assert.True(Bounds.Payload.Max <= Bounds.ManifestMass.Max && Bounds.VehicleVolume.Max <= Bounds.ManifestVolume.Max);
        Assert.True(Bounds.Quantity.Step * Bounds.UnitVolume.Step >= Bounds.ManifestVolume.Step);
    }

    [Theory]
    [InlineData("0.000001", null)]
    [InlineData("100000", null)]
    [InlineData("0.0000001", "massPerUnitKg is recorded to 0.000001 kg at most, got 0.0000001")]
    [InlineData("100000.000001", "massPerUnitKg must be at most 100,000 kg, got 100000.000001")]
    [InlineData("79228162514264337593543950335", "massPerUnitKg must be at most 100,000 kg, got 79228162514264337593543950335")]
    [InlineData("0", "massPerUnitKg must be greater than 0 kg, got 0")]
    public void A_value_is_a_whole_number_of_steps_up_to_the_largest_or_refused_naming_the_field(string value, string? reason)
    {
        var validated = Bounds.UnitMass.Positive(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), "massPerUnitKg");

        Assert.Equal(reason, validated.Rejection?.Reason);
        Assert.True(reason is null || validated.Rejection!.Field == "massPerUnitKg");
    }

    [Theory]
    [InlineData("2305843009213694", true)]
    [InlineData("9999999999.999", true)]
    [InlineData("0.000000001", true)]
    [InlineData("2305843009213693.951", false)]
    [InlineData("0.1234567890123456789", false)]
    [InlineData("9007199254740993", false)]
    [InlineData("79228162514264337593543950335", false)]
    public void A_decimal_is_exact_when_the_shortest_text_of_its_double_reads_back_as_itself(string value, bool exact)
    {
        Assert.Equal(exact, EventJson.IsExact(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
