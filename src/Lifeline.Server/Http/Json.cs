using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifeline.Server.Http;

/// <summary>The API's JSON: web defaults (camelCase), nulls left out.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
