using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Domain.Deciding;

/// <summary>
/// The one JSON shape of event bodies: camelCase members and snake_case enum names, so the log reads the
/// same words as the API (<c>"kind":"distribution_point"</c>). Numbers are written only when the log will
/// keep them exactly (<see cref="InexactNumberException"/>).
/// </summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>
    /// Whether canonical JSON keeps <paramref name="value"/>: it writes a number as the shortest text of the
    /// nearest IEEE-754 double (RFC 8785), and that text must read back as the same decimal. True of every
    /// decimal of at most 15 significant digits, which the bounds at entry (<c>Bounds</c>) guarantee.
    /// </summary>
    public static bool IsExact(decimal value)
    {
        // At most 15 significant digits (a coefficient below 10^15) always reads back: only longer ones need the round trip.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] == 0 && (((ulong)(uint)bits[1] << 32) | (uint)bits[0]) < 1_000_000_000_000_000UL)
        {
            return true;
        }

        var nearest = double.Parse(value.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return decimal.TryParse(nearest.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var back)
            && back == value;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new ExactDecimalConverter());
        options.Converters.Add(new ExactInt64Converter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Reads decimals as before; refuses to write one the log would sign as another number.</summary>
    private sealed class ExactDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
        {
            if (!IsExact(value))
            {
                throw new InexactNumberException(value.ToString(CultureInfo.InvariantCulture));
            }

            writer.WriteNumberValue(value);
        }
    }

    /// <summary>No event holds a 64-bit integer today; one beyond 2^53 would be signed as its nearest double.</summary>
    private sealed class ExactInt64Converter : JsonConverter<long>
    {
        private const long LargestExact = 1L << 53;

        public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetInt64();

        public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options)
        {
            if (value is > LargestExact or < -LargestExact)
            {
                throw new InexactNumberException(value.ToString(CultureInfo.InvariantCulture));
            }

            writer.WriteNumberValue(value);
        }
    }
}

/// <summary>
/// An event holds a number that canonical JSON would change: a programmer error, since every number is bounded
/// where it enters (docs/log.md, "Numbers"). Thrown instead of signing a rounded value.
/// </summary>
public sealed class InexactNumberException(string value)
    : InvalidOperationException($"the number {value} would not read back exactly from the log's canonical JSON, which writes numbers as doubles; bound it where it enters (at most 15 significant digits)")
{
    /// <summary>The number as the event held it.</summary>
    public string Value { get; } = value;
}
