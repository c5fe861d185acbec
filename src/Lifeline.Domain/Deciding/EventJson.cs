using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Domain.Deciding;

/// <summary>
/// The one JSON shape of event bodies: camelCase members and snake_case enum names, so the log reads the
/// same words as the API (<c>"kind":"distribution_point"</c>).
/// </summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
