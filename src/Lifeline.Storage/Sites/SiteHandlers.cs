using Lifeline.Domain.Sites;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Sites;

/// <summary>The site handlers: the operation, the site of the same name and the site itself, from the command's operation.</summary>
public static class SiteHandlers
{
    public static CommandHandlers AddSites(this CommandHandlers handlers) => handlers
        .On<RegisterSite>((context, command) => SiteDecider.Decide(
            command,
            OperationsProjection.Find(context.Session, command.OperationId),
            SitesProjection.FindByName(context.Session, command.OperationId, command.Name)))
        .On<ChangeSiteStatus>((context, command) =>
        {
            context.StreamVersion(command.OperationId, SiteDecider.Stream(command.SiteId));
            return SiteDecider.Decide(command, SitesProjection.Find(context.Session, command.OperationId, command.SiteId));
        });
}
