using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Server.Http;

/// <summary>The API's JSON: web defaults (camelCase), nulls left out, dates and times within <c>DateBounds</c>.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        BoundedDates.Add(options);
        return options;
    }
}
