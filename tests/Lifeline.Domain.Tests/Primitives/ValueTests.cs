using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Tests.Primitives;

public class ValueTests
{
    [Fact]
    public void An_unknown_time_zone_is_rejected_naming_the_field()
    {
        var zone = IanaTimeZone.Create("Asia/Aleppo");

        Assert.False(zone.IsValid);
        Assert.Equal("timeZone", zone.Rejection!.Field);
        Assert.Contains("not a known IANA time zone", zone.Rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Damascus_is_a_known_time_zone()
    {
        Assert.Equal("Asia/Damascus", IanaTimeZone.Create(" Asia/Damascus ").Value.Id);
    }

    [Fact]
    public void Mass_is_kept_to_the_gram_and_never_negative()
    {
        Assert.Equal(12.346m, Mass.FromKilograms(12.3456m)!.Value.Kilograms);
        Assert.Null(Mass.FromKilograms(-0.001m));
        Assert.Equal(18.5m, (Mass.FromKilograms(18_000m)!.Value + Mass.FromKilograms(500m)!.Value).MetricTons);
    }

    [Theory]
    [InlineData("SY02", true)]
    [InlineData("SY020000", true)]
    [InlineData("sy02", false)]
    [InlineData("S02", false)]
    [InlineData("SY-02", false)]
    public void P_codes_are_country_letters_then_admin_digits(string code, bool valid)
    {
        var pcode = Check.PCode(code, "pCode");

        Assert.Equal(valid, pcode.IsValid);
        if (!valid)
        {
            Assert.Equal("pCode", pcode.Rejection!.Field);
        }
    }

    [Fact]
    public void Required_text_names_the_missing_field_and_limits_length()
    {
        Assert.Equal("name is required", Check.RequiredText("  ", "name").Rejection!.Reason);
        Assert.Contains("at most 5 characters", Check.RequiredText("abcdef", "name", 5).Rejection!.Reason, StringComparison.Ordinal);
        Assert.Contains("single line", Check.RequiredText("a\nb", "name").Rejection!.Reason, StringComparison.Ordinal);
    }
}
