using Lifeline.Domain;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Primitives;
using Lifeline.Server.Access;
using Lifeline.Server.Http;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Operations;

public sealed record CreateOperationRequest(string? Name, string? Description, DateOnly? StartDate, string? TimeZone);

public sealed record OperationResponse(Guid Id, string Name, string Description, DateOnly StartDate, string TimeZone)
{
    public static OperationResponse From(Operation operation) =>
        new(operation.Id.Value, operation.Name, operation.Description, operation.StartDate, operation.TimeZone.Id);
}

public static class OperationEndpoints
{
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/operations").WithTags("Operations").RequireAuthorization(Policies.CreateOperation)
            .MapPost("/", Create).ProducesWrite();
        app.MapGroup("/operations").WithTags("Operations").RequireAuthorization(Policies.SignedIn)
            .MapGet("/", List).Produces<List<OperationResponse>>();
        app.MapGroup("/operations").WithTags("Operations").RequireAuthorization(Policies.ReadOperation)
            .MapGet("/{operationId:guid}", Get)
            .Produces<OperationResponse>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Create(CreateOperationRequest request, HttpContext context, LogStore store, TimeProvider clock)
    {
        var validation = new Validation();
        var command = CreateOperation.From(OperationId.New(clock), request.Name, request.Description, request.StartDate, request.TimeZone, validation);
        if (command is null)
        {
            return Problems.FromRejections(validation.Rejections);
        }

        return await Writes.Record(
            context,
            store,
            request,
            command,
            id => $"/operations/{id}");
    }

    /// <summary>The operations the caller is a member of; administrators see every one.</summary>
    private static List<OperationResponse> List(HttpContext context, LogStore store)
    {
        var caller = Caller.Of(context)!;
        return store.Read(OperationsProjection.List)
            .Where(operation => caller.Account.Administrator || caller.IsMemberOf(operation.Id.Value))
            .Select(OperationResponse.From)
            .ToList();
    }

    private static IResult Get(Guid operationId, LogStore store) => Reads.One(
        store.Read(session => OperationsProjection.Find(session, new OperationId(operationId))),
        operation => Results.Ok(OperationResponse.From(operation)),
        Reasons.Setup.OperationNotFound.NotFound("operationId", ("operation", operationId)));
}
