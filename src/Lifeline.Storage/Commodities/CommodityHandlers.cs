using Lifeline.Domain.Commodities;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Commodities;

/// <summary>The commodity handler: the operation and the commodity with the same code in it.</summary>
public static class CommodityHandlers
{
    public static CommandHandlers AddCommodities(this CommandHandlers handlers) => handlers
        .On<RegisterCommodity>((context, command) => CommodityDecider.Decide(
            command,
            OperationsProjection.Find(context.Session, command.OperationId),
            CommoditiesProjection.FindByCode(context.Session, command.OperationId, command.Code)));
}
