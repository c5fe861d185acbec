using Lifeline.Domain;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Server.Access;
using Lifeline.Server.Http;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Sites;

public sealed record LocationDto(double? Latitude, double? Longitude);

public sealed record RegisterSiteRequest(string? Name, string? Kind, LocationDto? Location, string? PCode);

public sealed record ChangeSiteStatusRequest(string? Status, string? Reason);

public sealed record SiteResponse(Guid Id, Guid OperationId, string Name, string Kind, LocationDto Location, string? PCode, string Status)
{
    public static SiteResponse From(Site site) => new(
        site.Id.Value,
        site.OperationId.Value,
        site.Name,
        site.Kind.Name(),
        new LocationDto(site.Location.Latitude, site.Location.Longitude),
        site.PCode,
        site.Status.Name());
}

public static class SiteEndpoints
{
    public static IEndpointRouteBuilder MapSites(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup("/operations/{operationId:guid}/sites").WithTags("Sites").RequireAuthorization(Policies.ManageOperation);
        writes.MapPost("/", Register).ProducesWrite();
        writes.MapPost("/{siteId:guid}/status", ChangeStatus).ProducesWrite(creates: false);
        var reads = app.MapGroup("/operations/{operationId:guid}/sites").WithTags("Sites").RequireAuthorization(Policies.ReadOperation);
        reads.MapGet("/", List).Produces<List<SiteResponse>>();
        reads.MapGet("/{siteId:guid}", Get).Produces<SiteResponse>().ProducesValidationProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Register(Guid operationId, RegisterSiteRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = RegisterSite.From(operation, SiteId.New(clock), request.Name, request.Kind, request.Location?.Latitude, request.Location?.Longitude, request.PCode, validation);
        if (command is null)
        {
            return Problems.FromRejections(validation.Rejections);
        }

        return await Writes.Record(
            context,
            store,
            request,
            command,
            id => $"/operations/{operationId}/sites/{id}");
    }

    private static async Task<IResult> ChangeStatus(Guid operationId, Guid siteId, ChangeSiteStatusRequest request, HttpContext context, LogStore store)
    {
        var validation = new Validation();
        var operation = new OperationId(operationId);
        var command = ChangeSiteStatus.From(operation, new SiteId(siteId), request.Status, request.Reason, validation);
        if (command is null)
        {
            return Problems.FromRejections(validation.Rejections);
        }

        return await Writes.Record(context, store, request, command);
    }

    private static IResult List(Guid operationId, LogStore store) =>
        Reads.InOperation(store, operationId, SitesProjection.List, sites => Results.Ok(sites.Select(SiteResponse.From).ToList()));

    private static IResult Get(Guid operationId, Guid siteId, LogStore store) => Reads.One(
        store.Read(session => SitesProjection.Find(session, new OperationId(operationId), new SiteId(siteId))),
        site => Results.Ok(SiteResponse.From(site)),
        Reasons.Setup.SiteNotFound.NotFound("siteId", ("site", siteId), ("operation", operationId)));
}
