using System.Text.Json;
using Lifeline.Server.Corridors;
using Lifeline.Server.Http;
using Lifeline.Server.Movements;
using Lifeline.Server.Sites;
using Lifeline.Server.Stock;
using Lifeline.Server.Zones;

namespace Lifeline.Fuzz;

/// <summary>
/// Request bodies read with the server's JSON options, as the minimal APIs read them: a <see cref="JsonException"/>
/// becomes a 400; any other exception would be a 500. The first byte picks the request type.
/// </summary>
internal sealed class RequestTarget : ITarget
{
    private static readonly Type[] Requests =
    [
        typeof(RecordPassageRequest), typeof(DefineCorridorRequest), typeof(DrawZoneRequest), typeof(RegisterSiteRequest),
        typeof(ReceiveStockRequest), typeof(PlanMovementRequest), typeof(RecordManifestRequest), typeof(ScheduleWindowRequest),
    ];

    public void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        try
        {
            _ = JsonSerializer.Deserialize(input.AsSpan(1), Requests[input[0] % Requests.Length], Json.Options);
        }
        catch (JsonException)
        {
        }
    }

    public void Dispose()
    {
    }
}
