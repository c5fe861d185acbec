using Lifeline.Server.Access;
using Lifeline.Server.Web.Corridors;
using Lifeline.Server.Web.Reports;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Web.Dashboard;

public static class DashboardPages
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.OperationPages(Policies.ReadOperation).MapGet("/", (Guid operationId, HttpContext context, LogStore store) =>
        {
            var web = WebContext.For(context, operationId);
            var (corridors, logistics) = store.Read(session => (CorridorFigures.Read(session, web.Operation!, web.Now), LogisticsFigures.Read(session, web.Operation!, web.Now)));
            return Pages.Render<DashboardPage>(new { Web = web, Corridors = corridors, Logistics = logistics });
        });
        return app;
    }
}
