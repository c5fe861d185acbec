using System.Text;
using Lifeline.Server.Access;
using Lifeline.Server.Http;
using Lifeline.Storage.Writing;
using NodaTime;

namespace Lifeline.Server.Exports;

/// <summary>Downloads in the formats humanitarians use: HXL CSV, GeoJSON, iCalendar.</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/operations/{operationId:guid}/exports").WithTags("Exports").RequireAuthorization(Policies.ReadOperation);
        group.MapGet("/passages.hxl.csv", (Guid operationId, LogStore store) => Reads.InOperation(
            store,
            operationId,
            (session, operation) =>
            {
                using var text = new StringWriter();
                PassagesHxl.Write(session, operation, text);
                return text.ToString();
            },
            csv => Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", "passages.hxl.csv")));
        group.MapGet("/corridors.geojson", (Guid operationId, LogStore store) => Reads.InOperation(
            store,
            operationId,
            (session, operation) =>
            {
                using var stream = new MemoryStream();
                CorridorsGeoJson.Write(session, operation, stream);
                return stream.ToArray();
            },
            json => Results.File(json, "application/geo+json", "corridors.geojson")));
        group.MapGet("/windows.ics", (Guid operationId, LogStore store, TimeProvider clock) => Reads.InOperation(
            store,
            operationId,
            (session, operation) =>
            {
                using var text = new StringWriter();
                WindowsICalendar.Write(session, operation, text, Instant.FromDateTimeOffset(clock.GetUtcNow()));
                return text.ToString();
            },
            calendar => Results.File(Encoding.UTF8.GetBytes(calendar), "text/calendar; charset=utf-8", "windows.ics")));
        return app;
    }
}
