using System.Buffers;
using System.Globalization;
using System.Text;

namespace Lifeline.Domain.Primitives;

/// <summary>
/// Characters a name or short text may not carry because they draw nothing or change how the text around them
/// is shown: with them, "Dep\u200Bot A" passes for a second "Depot A", and a right-to-left override makes a
/// name read backwards in a report. Refused: every format character (Unicode category Cf: zero-width space,
/// joiner and non-joiner, word joiner, byte-order mark, the left-to-right and right-to-left marks, the Arabic
/// letter mark, the embeddings, overrides and isolates LRE/RLE/PDF/LRO/RLO/LRI/RLI/FSI/PDI, tag characters),
/// private-use characters, half of a surrogate pair, the combining grapheme joiner, variation selectors, and
/// the Hangul fillers and the braille blank, which are letters or symbols that draw nothing.
/// </summary>
/// <remarks>
/// Arabic names need none of these: the script joins its letters by itself. The zero-width non-joiner is
/// refused too, though Persian and Kurdish spelling use it: the names of an operation's places, corridors and
/// commodities are typed in Arabic or English, and a visible space does the same work without hiding anything.
/// </remarks>
public static class VisibleText
{
    /// <summary>The code point of the first such character in <paramref name="text"/>, or null when there is none.</summary>
    public static int? FirstHidden(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                return rest[0];
            }

            if (Hides(rune))
            {
                return rune.Value;
            }

            rest = rest[used..];
        }

        return null;
    }

    private static bool Hides(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.PrivateUse
        || rune.Value is 0x034F or 0x115F or 0x1160 or 0x2800 or 0x3164 or 0xFFA0
        || rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);
}
