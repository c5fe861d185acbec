using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;

namespace Lifeline.Domain.Tests.Primitives;

/// <summary>Names and short texts carry no character that draws nothing or turns the text around.</summary>
public class VisibleTextTests
{
    [Theory]
    [InlineData("Dep\u200Bot A", "U+200B")] // zero-width space
    [InlineData("Depot\u200C A", "U+200C")] // zero-width non-joiner
    [InlineData("Depot\u200D A", "U+200D")] // zero-width joiner
    [InlineData("\uFEFFDepot A", "U+FEFF")] // byte-order mark, not trimmed as white space
    [InlineData("Depot\u2060A", "U+2060")] // word joiner
    [InlineData("Depot \u202Eexe.A", "U+202E")] // right-to-left override
    [InlineData("Depot \u202AA\u202C", "U+202A")] // left-to-right embedding … pop directional formatting
    [InlineData("Depot \u2066A\u2069", "U+2066")] // left-to-right isolate … pop directional isolate
    [InlineData("Depot \u2068A\u2069", "U+2068")] // first-strong isolate
    [InlineData("Depot\u200F A", "U+200F")] // right-to-left mark
    [InlineData("Depot A\uDB40\uDC41", "U+E0041")] // a tag character
    [InlineData("Depot A\uFE0F", "U+FE0F")] // variation selector
    [InlineData("Depot\u3164A", "U+3164")] // Hangul filler: a letter that draws nothing
    [InlineData("Depot \uE000A", "U+E000")] // private use
    [InlineData("مستودع\u200Bالشرق", "U+200B")]
    [InlineData("مستودع\u200Cالشرق", "U+200C")]
    [InlineData("مستودع \u202Bالشرق\u202C", "U+202B")] // right-to-left embedding
    [InlineData("مستودع \u2067الشرق\u2069", "U+2067")] // right-to-left isolate
    [InlineData("\u061Cمستودع الشرق", "U+061C")] // Arabic letter mark
    public void A_name_with_an_invisible_or_direction_character_is_refused_naming_the_field_and_the_character(string name, string code)
    {
        var text = Check.RequiredText(name, "name");

        Assert.False(text.IsValid);
        Assert.Equal("name", text.Rejection!.Field);
        Assert.Equal("input.hidden-character", text.Rejection.Code);
        Assert.Equal($"name must not contain invisible or text-direction characters, got {code}", text.Rejection.Reason);
    }

    [Fact]
    public void Half_of_a_surrogate_pair_is_refused_rather_than_failing_normalisation()
    {
        // Built here, not in theory data: the test runner's serialisation would replace it with U+FFFD.
        var name = "Depot " + '\uD800' + "A";

        Assert.Equal("name must not contain invisible or text-direction characters, got U+D800", Check.RequiredText(name, "name").Rejection!.Reason);
    }

    [Theory]
    [InlineData("Depot A")]
    [InlineData("Bustan al-Qasr crossing (north)")]
    [InlineData("مستودع الشرق")]
    [InlineData("معبر بستان القصر – الشمالي")]
    [InlineData("نقطة توزيع ١٢")]
    [InlineData("مدرسة الـنـور")] // tatweel stretches the letters visibly and stays allowed
    [InlineData("Ḥalab Ṣāliḥīn")]
    public void Latin_and_Arabic_names_without_such_characters_pass_unchanged(string name) =>
        Assert.Equal(name, Check.RequiredText(name, "name").Value);

    [Theory]
    [InlineData("Depot\u2028A")]
    [InlineData("Depot\u2029A")]
    [InlineData("Depot\tA")]
    public void Line_and_paragraph_separators_are_refused_like_a_newline(string name) =>
        Assert.Equal("input.not-single-line", Check.RequiredText(name, "name").Rejection!.Code);

    [Fact]
    public void A_name_typed_with_a_combining_accent_is_kept_in_the_composed_form_so_it_is_one_name()
    {
        var decomposed = Check.RequiredText("Cafe\u0301 Aleppo", "name");
        var composed = Check.RequiredText("Caf\u00E9 Aleppo", "name");

        Assert.Equal("Caf\u00E9 Aleppo", decomposed.Value);
        Assert.Equal(composed.Value, decomposed.Value);
    }

    [Fact]
    public void A_site_whose_name_hides_a_zero_width_space_is_not_registered()
    {
        var validation = new Validation();

        var command = RegisterSite.From(new OperationId(Guid.CreateVersion7()), new SiteId(Guid.CreateVersion7()), "Dep\u200Bot A", "warehouse", 36.2, 37.1, null, validation);

        Assert.Null(command);
        Assert.Equal(("name", "input.hidden-character"), (validation.Rejections.Single().Field, validation.Rejections.Single().Code));
    }
}
