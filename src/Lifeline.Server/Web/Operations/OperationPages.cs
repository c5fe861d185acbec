using Lifeline.Server.Access;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Web.Operations;

public static class OperationPages
{
    /// <summary>The start page: the operations the signed-in person holds a role in.</summary>
    public static IEndpointRouteBuilder MapOperationPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(WebSetup.Root, (HttpContext context, LogStore store) =>
        {
            var web = WebContext.For(context);
            var operations = store.Read(OperationsProjection.List).Where(o => web.Caller.IsMemberOf(o.Id.Value)).ToList();
            return Pages.Render<OperationsPage>(new { Web = web, Operations = operations });
        }).RequireAuthorization(Policies.SignedIn).WithMetadata(RefusalPage.Instance).ExcludeFromDescription();
        return app;
    }
}
