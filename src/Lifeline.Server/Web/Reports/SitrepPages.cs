using Lifeline.Domain.Primitives;
using Lifeline.Server.Access;
using Lifeline.Server.Reports;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Reports;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Web.Reports;

/// <summary>The situation report for a range of local days, with its HXL export.</summary>
public static class SitrepPages
{
    public static IEndpointRouteBuilder MapSitrepPages(this IEndpointRouteBuilder app)
    {
        app.OperationPages(Policies.ReadOperation).MapGet("/reports/sitrep", (Guid operationId, string? from, string? to, HttpContext context, LogStore store) =>
        {
            var web = WebContext.For(context, operationId);
            var range = store.Read(session => LogisticsFigures.WholeOperation(session, web.Operation!, web.Now));
            var errors = new List<Rejection>();
            var first = Day(from, "from", range.From, errors);
            var last = Day(to, "to", range.To, errors);
            if (errors.Count == 0 && SitrepEndpoints.CheckRange(first, last) is { } problem)
            {
                errors.Add(problem);
            }

            var report = errors.Count == 0 ? store.Read(session => SituationReports.Build(session, web.Operation!, first, last)) : null;
            return Pages.Render<SitrepPage>(
                new { Web = web, Report = report, From = from ?? FormValues.Iso(first), To = to ?? FormValues.Iso(last), Errors = new FormErrors(errors) },
                report is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
        });
        return app;
    }

    private static DateOnly Day(string? text, string field, DateOnly otherwise, List<Rejection> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return otherwise;
        }

        return FormValues.Date(text, field, ServerReasons.Forms.DateRequired.Invalid(field), errors) ?? otherwise;
    }
}
