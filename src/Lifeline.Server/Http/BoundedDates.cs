using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lifeline.Domain.Primitives;

namespace Lifeline.Server.Http;

/// <summary>
/// A date or time in a JSON body outside <see cref="DateBounds"/>: refused while reading, with what was written, so
/// that no endpoint ever computes with a time near the ends of <see cref="DateTimeOffset"/>.
/// </summary>
public sealed class DateOutOfBoundsException(string text) : JsonException
{
    public string Text { get; } = text;
}

/// <summary>Reads dates and times as System.Text.Json does (ISO 8601), refusing those outside <see cref="DateBounds"/>.</summary>
public static class BoundedDates
{
    public static void Add(JsonSerializerOptions options)
    {
        options.Converters.Add(new InstantConverter());
        options.Converters.Add(new DayConverter());
    }

    /// <summary>A text that does not read as a date may still say which year it meant (0001-01-01T03:00+03:00 is before DateTimeOffset's first instant).</summary>
    private static void RefuseYearOutOfBounds(string text)
    {
        if (text.Length >= 5 && text[4] == '-' && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && !DateBounds.HoldsYear(year))
        {
            throw new DateOutOfBoundsException(text);
        }
    }

    private sealed class InstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var instant))
            {
                return DateBounds.Holds(instant) ? instant : throw new DateOutOfBoundsException(reader.GetString()!);
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                RefuseYearOutOfBounds(reader.GetString()!);
            }

            throw new JsonException();
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    private sealed class DayConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException();
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return DateBounds.Holds(day) ? day : throw new DateOutOfBoundsException(text);
            }

            RefuseYearOutOfBounds(text);
            throw new JsonException();
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
