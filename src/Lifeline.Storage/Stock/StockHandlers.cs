using Lifeline.Domain.Deciding;
using Lifeline.Domain.Stock;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Database;
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
        .On<ReceiveStock>((context, command) => Decide(context.Session, command))
        .On<IssueStock>((context, command) => Decide(context.Session, command))
        .On<AdjustStock>((context, command) => Decide(context.Session, command))
        .On<HoldLot>((context, command) => Decide(context.Session, command))
        .On<SetDailyNeed>((context, command) => Decide(context.Session, command));

    private static Decision Decide(SqlSession session, ReceiveStock command) => StockDecider.Decide(
        command,
        SitesProjection.Find(session, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(session, command.OperationId, command.CommodityId),
        StockProjection.Lot(session, command.SiteId, command.CommodityId, command.Lot));

    private static Decision Decide(SqlSession session, IssueStock command) => StockDecider.Decide(
        command,
        SitesProjection.Find(session, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(session, command.OperationId, command.CommodityId),
        StockProjection.Lot(session, command.SiteId, command.CommodityId, command.Lot),
        OperationsProjection.LocalDate(session, command.OperationId.Value, command.At));

    private static Decision Decide(SqlSession session, AdjustStock command) => StockDecider.Decide(
        command,
        SitesProjection.Find(session, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(session, command.OperationId, command.CommodityId),
        StockProjection.Lot(session, command.SiteId, command.CommodityId, command.Lot));

    private static Decision Decide(SqlSession session, HoldLot command) => StockDecider.Decide(
        command,
        SitesProjection.Find(session, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(session, command.OperationId, command.CommodityId),
        StockProjection.Lot(session, command.SiteId, command.CommodityId, command.Lot));

    private static Decision Decide(SqlSession session, SetDailyNeed command) => StockDecider.Decide(
        command,
        SitesProjection.Find(session, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(session, command.OperationId, command.CommodityId));
}
