using System.Globalization;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Server.Access;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;
using Lifeline.Storage.Zones;
using Microsoft.AspNetCore.Mvc;

namespace Lifeline.Server.Web.Setup;

public sealed class SiteForm
{
    public string? Name { get; init; }

    public string? Kind { get; init; }

    public string? Latitude { get; init; }

    public string? Longitude { get; init; }

    public string? PCode { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>The operation's set-up: sites (with the coordinator's form), zones and the commodity catalogue.</summary>
public static class SetupPages
{
    public static IEndpointRouteBuilder MapSetupPages(this IEndpointRouteBuilder app)
    {
        var reads = app.OperationPages(Policies.ReadOperation);
        reads.MapGet("/sites", (Guid operationId, HttpContext context, LogStore store) => Sites(context, store, operationId, null, null));
        reads.MapGet("/zones", (Guid operationId, HttpContext context, LogStore store) => Zones(context, store, operationId, null, null));
        reads.MapGet("/commodities", (Guid operationId, HttpContext context, LogStore store) => Commodities(context, store, operationId, null, null));

        var writes = app.OperationPages(Policies.ManageOperation);
        writes.MapPost("/sites", Register);
        writes.MapPost("/commodities", SetupForms.RegisterCommodityForm);
        writes.MapPost("/zones", SetupForms.DrawZoneForm);
        return app;
    }

    internal static IResult Zones(HttpContext context, LogStore store, Guid operationId, FormOutcome? outcome, ZoneForm? form) =>
        Pages.Render<ZonesPage>(
            new { Web = WebContext.For(context, operationId), Zones = store.Read(session => ZonesProjection.List(session, new OperationId(operationId))), Outcome = outcome, Form = form },
            outcome?.Status ?? StatusCodes.Status200OK);

    internal static IResult Commodities(HttpContext context, LogStore store, Guid operationId, FormOutcome? outcome, CommodityForm? form) =>
        Pages.Render<CommoditiesPage>(
            new { Web = WebContext.For(context, operationId), Commodities = store.Read(session => CommoditiesProjection.List(session, new OperationId(operationId))), Outcome = outcome, Form = form },
            outcome?.Status ?? StatusCodes.Status200OK);

    private static IResult Sites(HttpContext context, LogStore store, Guid operationId, FormOutcome? outcome, SiteForm? form) =>
        Pages.Render<SitesPage>(
            new { Web = WebContext.For(context, operationId), Sites = store.Read(session => SitesProjection.List(session, new OperationId(operationId))), Outcome = outcome, Form = form },
            outcome?.Status ?? StatusCodes.Status200OK);

    private static async Task<IResult> Register(Guid operationId, [FromForm] SiteForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var latitude = Coordinate(form.Latitude, "latitude", validation);
        var longitude = Coordinate(form.Longitude, "longitude", validation);
        var command = RegisterSite.From(operation, SiteId.New(clock), form.Name, form.Kind, latitude, longitude, string.IsNullOrWhiteSpace(form.PCode) ? null : form.PCode, validation);
        var outcome = command is null || validation.Failed
            ? FormWrites.Invalid(validation, Field)
            : await FormWrites.Record(context, store, form, command, form.IdempotencyKey, Field);
        return Sites(context, store, operationId, outcome, outcome.Receipt is null ? form : null);
    }

    /// <summary>The API's <c>location.latitude</c> is the form's <c>latitude</c>.</summary>
    private static string Field(string field) => field.StartsWith("location.", StringComparison.Ordinal) ? field["location.".Length..] : field == "location" ? "latitude" : field;

    private static double? Coordinate(string? text, string field, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(FormValues.Western(text), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        validation.Add(ServerReasons.Forms.NotDecimalDegrees.Invalid(field, ("text", text)));
        return null;
    }
}
