using System.Text;
using Lifeline.Log.Canonical;

namespace Lifeline.Log.Tests;

public class CanonicalJsonTests
{
    private static string Canonical(string json) => Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));

    // Number vectors from RFC 8785 appendix B and ECMAScript's Number::toString layout rules.
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("4.50", "4.5")]
    [InlineData("2e-3", "0.002")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("1E30", "1e+30")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("333333333.33333329", "333333333.3333333")]
    [InlineData("-1.5e-10", "-1.5e-10")]
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("123456789012345680000", "123456789012345680000")]
    [InlineData("36.181", "36.181")]
    public void Numbers_are_written_as_ECMAScript_writes_a_double(string input, string expected)
    {
        Assert.Equal(expected, Canonical(input));
    }

    [Fact]
    public void Members_are_sorted_by_UTF16_code_units_and_white_space_is_dropped()
    {
        // The sorting example of RFC 8785 section 3.2.3.
        var input = "{\n \"\\u20ac\": \"Euro Sign\",\n \"\\r\": \"Carriage Return\",\n \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n \"1\": \"One\",\n \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n \"\\u0080\": \"Control\",\n \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n}";

        var expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        Assert.Equal(expected, Canonical(input));
    }

    [Fact]
    public void Strings_keep_non_ASCII_literal_and_escape_only_what_JSON_requires()
    {
        Assert.Equal("\"tab\\there \\\"q\\\" back\\\\slash \\u001f Ḁ 中\"", Canonical("\"tab\\u0009here \\\"q\\\" back\\\\slash \\u001F \\u1E00 中\""));
    }

    [Fact]
    public void Nested_structures_keep_array_order_and_sort_every_object()
    {
        Assert.Equal("{\"a\":[3,{\"x\":1,\"y\":2},null,true,false],\"b\":\"\"}", Canonical("{ \"b\": \"\", \"a\": [3, {\"y\": 2, \"x\": 1.0}, null, true, false] }"));
    }

    [Fact]
    public void Duplicate_member_names_are_rejected()
    {
        var error = Assert.Throws<FormatException>(() => Canonical("{\"a\":1,\"a\":2}"));
        Assert.Contains("duplicate member name 'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_is_rejected()
    {
        Assert.Throws<FormatException>(() => Canonical("\"\\ud800\""));
    }
}
