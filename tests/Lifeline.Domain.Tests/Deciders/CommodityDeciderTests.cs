using Lifeline.Domain.Commodities;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Tests.Deciders;

public class CommodityDeciderTests
{
    private static readonly CommodityId FlourId = new(Guid.Parse("01900000-0000-7000-8000-000000000004"));

    private static RegisterCommodity? Flour(Validation validation, string code = "WHEAT-FLOUR-50", string category = "food", decimal? kcal = 3640m, string unit = "bag", decimal mass = 50m) =>
        RegisterCommodity.From(OperationDeciderTests.Id, FlourId, code, "Wheat flour", category, unit, mass, kcal, 0.07m, null, validation);

    [Fact]
    public void Given_an_operation_when_a_food_commodity_is_registered_then_its_mass_and_energy_are_recorded()
    {
        var decision = CommodityDecider.Decide(Flour(new Validation())!, OperationDeciderTests.Aleppo, sameCode: null);

        var registered = Assert.IsType<CommodityRegistered>(Assert.Single(Assert.IsType<Decision.Accepted>(decision).Events).Event);
        Assert.Equal(50m, registered.MassPerUnitKg);
        Assert.Equal(3640m, registered.KcalPerKg);
        Assert.Equal(CommodityCategory.Food, registered.Category);
        Assert.False(registered.LotTracked);
    }

    [Fact]
    public void Given_a_commodity_with_the_same_code_when_registered_then_it_is_a_conflict_on_code()
    {
        var existing = new Commodity(FlourId, OperationDeciderTests.Id, "WHEAT-FLOUR-50", "Flour", CommodityCategory.Food, "bag", new UnitMass(50), 3640m, null, false);

        var rejected = Assert.IsType<Decision.Rejected>(CommodityDecider.Decide(Flour(new Validation())!, OperationDeciderTests.Aleppo, existing));

        Assert.Equal(RejectionKind.Conflict, rejected.Rejections[0].Kind);
        Assert.Equal("code", rejected.Rejections[0].Field);
    }

    [Fact]
    public void Food_without_kcal_per_kg_is_rejected()
    {
        var validation = new Validation();

        Assert.Null(Flour(validation, kcal: null));
        Assert.Equal("kcalPerKg", Assert.Single(validation.Rejections).Field);
    }

    [Fact]
    public void Kcal_per_kg_on_a_medical_kit_is_rejected()
    {
        var validation = new Validation();

        Assert.Null(Flour(validation, category: "medical"));
        Assert.Contains("food only", Assert.Single(validation.Rejections).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_commodity_counted_in_kg_must_weigh_one_kg_per_unit()
    {
        var validation = new Validation();

        Assert.Null(Flour(validation, unit: "kg", mass: 50m));
        Assert.Equal("massPerUnitKg", Assert.Single(validation.Rejections).Field);
    }

    [Theory]
    [InlineData("wheat flour")]
    [InlineData("FLOUR.50")]
    public void A_code_must_be_upper_case_letters_digits_dashes_or_underscores(string code)
    {
        var validation = new Validation();

        Assert.Null(Flour(validation, code: code));
        Assert.Equal("code", Assert.Single(validation.Rejections).Field);
    }

    [Fact]
    public void A_zero_mass_per_unit_is_rejected()
    {
        var validation = new Validation();

        Assert.Null(Flour(validation, mass: 0m));
        Assert.Contains("greater than 0 kg", Assert.Single(validation.Rejections).Reason, StringComparison.Ordinal);
    }
}
