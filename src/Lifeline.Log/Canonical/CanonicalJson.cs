using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lifeline.Log.Canonical;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): members sorted by their UTF-16 code units, no insignificant
/// white space, strings with the minimal escaping, numbers as ECMAScript prints an IEEE 754 double.
/// Any party can recompute an entry's hash from its body with any conforming implementation.
/// </summary>
public static class CanonicalJson
{
    private static readonly byte[] HexDigits = "0123456789abcdef"u8.ToArray();

    /// <summary>Canonicalizes a UTF-8 JSON text.</summary>
    /// <exception cref="FormatException">The text is not I-JSON: duplicate member names, lone surrogates, non-finite numbers.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        using var document = JsonDocument.ParseValue(ref reader);
        return Canonicalize(document.RootElement);
    }

    public static byte[] Canonicalize(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        try
        {
            Write(element, buffer);
        }
        catch (InvalidOperationException exception)
        {
            // System.Text.Json refuses to decode a string holding a lone surrogate, which has no UTF-8 form.
            throw new FormatException($"the JSON holds a string that is not valid Unicode: {exception.Message}", exception);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serializes a value as its runtime type with the given options, then canonicalizes the result.</summary>
    public static byte[] Serialize(object value, JsonSerializerOptions options) =>
        Canonicalize(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), options));

    private static void Write(JsonElement element, ArrayBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Write(","u8);
                    }

                    first = false;
                    Write(item, output);
                }

                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                WriteAscii(FormatNumber(double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)), output);
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            case JsonValueKind.Null:
                output.Write("null"u8);
                break;
            default:
                throw new FormatException($"unexpected JSON value kind {element.ValueKind}");
        }
    }

    private static void WriteObject(JsonElement element, ArrayBufferWriter<byte> output)
    {
        var members = new List<JsonProperty>();
        foreach (var property in element.EnumerateObject())
        {
            members.Add(property);
        }

        members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        output.Write("{"u8);
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(members[i - 1].Name, members[i].Name, StringComparison.Ordinal))
                {
                    throw new FormatException($"duplicate member name '{members[i].Name}'");
                }

                output.Write(","u8);
            }

            WriteString(members[i].Name, output);
            output.Write(":"u8);
            Write(members[i].Value, output);
        }

        output.Write("}"u8);
    }

    private static void WriteString(string value, ArrayBufferWriter<byte> output)
    {
        output.Write("\""u8);
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                throw new FormatException("a string holds a lone surrogate, which has no UTF-8 form");
            }

            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            WriteUtf8(value.AsSpan(start, i - start), output);
            switch (c)
            {
                case '"': output.Write("\\\""u8); break;
                case '\\': output.Write("\\\\"u8); break;
                case '\b': output.Write("\\b"u8); break;
                case '\f': output.Write("\\f"u8); break;
                case '\n': output.Write("\\n"u8); break;
                case '\r': output.Write("\\r"u8); break;
                case '\t': output.Write("\\t"u8); break;
                default:
                    var span = output.GetSpan(6);
                    "\\u00"u8.CopyTo(span);
                    span[4] = HexDigits[c >> 4];
                    span[5] = HexDigits[c & 0xF];
                    output.Advance(6);
                    break;
            }

            start = i + 1;
        }

        WriteUtf8(value.AsSpan(start), output);
        output.Write("\""u8);
    }

    private static void WriteUtf8(ReadOnlySpan<char> text, ArrayBufferWriter<byte> output)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static void WriteAscii(string text, ArrayBufferWriter<byte> output)
    {
        var span = output.GetSpan(text.Length);
        output.Advance(Encoding.ASCII.GetBytes(text, span));
    }

    /// <summary>ECMAScript's Number.prototype.toString for a finite double (ECMA-262, Number::toString).</summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new FormatException("NaN and infinities have no JSON form");
        }

        if (value == 0)
        {
            return "0";
        }

        // .NET's round-trip format gives the shortest digits that read back to the same double;
        // only the layout differs from ECMAScript, so take the digits and the exponent and lay them out again.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var k = digits.Length;
        var n = exponent;
        var sign = value < 0 ? "-" : string.Empty;
        var builder = new StringBuilder(sign, 32);
        if (k <= n && n <= 21)
        {
            builder.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            builder.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            builder.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            builder.Append(digits[0]);
            if (k > 1)
            {
                builder.Append('.').Append(digits, 1, k - 1);
            }

            var e = n - 1;
            builder.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>Splits a positive round-trip text into significant digits and n, where value = 0.digits × 10^n.</summary>
    private static (string Digits, int Exponent) Decompose(string text)
    {
        var exponent = 0;
        var ePosition = text.IndexOfAny(['E', 'e']);
        var mantissa = text;
        if (ePosition >= 0)
        {
            exponent = int.Parse(text.AsSpan(ePosition + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = text[..ePosition];
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = point >= 0 ? mantissa[..point] : mantissa;
        var fractionPart = point >= 0 ? mantissa[(point + 1)..] : string.Empty;
        var allDigits = integerPart + fractionPart;
        var n = integerPart.Length + exponent;
        var leading = 0;
        while (leading < allDigits.Length - 1 && allDigits[leading] == '0')
        {
            leading++;
        }

        n -= leading;
        var digits = allDigits[leading..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, n);
    }
}
