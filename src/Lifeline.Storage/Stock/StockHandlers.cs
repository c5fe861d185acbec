using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Domain.Stock;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Stock;

/// <summary>
/// The stock ledger's handlers: each reads the site, commodity and lot from the command's operation inside the
/// write transaction, where the lot's balance cannot change under the decision.
/// </summary>
public static class StockHandlers
{
    public static CommandHandlers AddStock(this CommandHandlers handlers) => handlers
        .On<ReceiveStock>(Decide)
        .On<IssueStock>(Decide)
        .On<AdjustStock>(Decide)
        .On<HoldLot>(Decide)
        .On<SetDailyNeed>(Decide);

    private static Decision Decide(WriteContext context, ReceiveStock command) => StockDecider.Decide(
        command,
        Site(context, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(context.Session, command.OperationId, command.CommodityId),
        StockProjection.Lot(context.Session, command.SiteId, command.CommodityId, command.Lot));

    private static Decision Decide(WriteContext context, IssueStock command) => StockDecider.Decide(
        command,
        Site(context, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(context.Session, command.OperationId, command.CommodityId),
        StockProjection.Lot(context.Session, command.SiteId, command.CommodityId, command.Lot),
        OperationsProjection.LocalDate(context.Session, command.OperationId.Value, command.At));

    private static Decision Decide(WriteContext context, AdjustStock command) => StockDecider.Decide(
        command,
        Site(context, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(context.Session, command.OperationId, command.CommodityId),
        StockProjection.Lot(context.Session, command.SiteId, command.CommodityId, command.Lot));

    private static Decision Decide(WriteContext context, HoldLot command) => StockDecider.Decide(
        command,
        Site(context, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(context.Session, command.OperationId, command.CommodityId),
        StockProjection.Lot(context.Session, command.SiteId, command.CommodityId, command.Lot));

    private static Decision Decide(WriteContext context, SetDailyNeed command) => StockDecider.Decide(
        command,
        Site(context, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(context.Session, command.OperationId, command.CommodityId));

    /// <summary>The site whose stock changes, and the version of its stock stream that the change then expects.</summary>
    private static Site? Site(WriteContext context, OperationId operation, SiteId site)
    {
        context.StreamVersion(operation, StockDecider.Stream(site));
        return SitesProjection.Find(context.Session, operation, site);
    }
}
