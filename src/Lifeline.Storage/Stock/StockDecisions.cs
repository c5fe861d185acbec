using Lifeline.Domain.Deciding;
using Lifeline.Domain.Stock;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Sites;

namespace Lifeline.Storage.Stock;

/// <summary>
/// Reads what the stock decider needs from the projections inside the write transaction, where the lot's
/// balance cannot change under it: one place for the API, the CLI and the demo.
/// </summary>
public static class StockDecisions
{
    public static Decision Decide(SqlSession session, ReceiveStock command) => StockDecider.Decide(
        command,
        SitesProjection.Find(session, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(session, command.OperationId, command.CommodityId),
        StockProjection.Lot(session, command.SiteId, command.CommodityId, command.Lot));

    public static Decision Decide(SqlSession session, IssueStock command) => StockDecider.Decide(
        command,
        SitesProjection.Find(session, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(session, command.OperationId, command.CommodityId),
        StockProjection.Lot(session, command.SiteId, command.CommodityId, command.Lot),
        OperationsProjection.LocalDate(session, command.OperationId.Value, command.At));

    public static Decision Decide(SqlSession session, AdjustStock command) => StockDecider.Decide(
        command,
        SitesProjection.Find(session, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(session, command.OperationId, command.CommodityId),
        StockProjection.Lot(session, command.SiteId, command.CommodityId, command.Lot));

    public static Decision Decide(SqlSession session, HoldLot command) => StockDecider.Decide(
        command,
        SitesProjection.Find(session, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(session, command.OperationId, command.CommodityId),
        StockProjection.Lot(session, command.SiteId, command.CommodityId, command.Lot));

    public static Decision Decide(SqlSession session, SetDailyNeed command) => StockDecider.Decide(
        command,
        SitesProjection.Find(session, command.OperationId, command.SiteId),
        CommoditiesProjection.Find(session, command.OperationId, command.CommodityId));
}
