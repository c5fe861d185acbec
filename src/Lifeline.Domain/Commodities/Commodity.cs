using System.Text.RegularExpressions;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Commodities;

public enum CommodityCategory
{
    Food,
    Medical,
    Water,
    Shelter,
    Other,
}

public static class CommodityNames
{
    public static readonly IReadOnlyDictionary<string, CommodityCategory> Categories = new Dictionary<string, CommodityCategory>(StringComparer.OrdinalIgnoreCase)
    {
        ["food"] = CommodityCategory.Food,
        ["medical"] = CommodityCategory.Medical,
        ["water"] = CommodityCategory.Water,
        ["shelter"] = CommodityCategory.Shelter,
        ["other"] = CommodityCategory.Other,
    };

    /// <summary>The units a commodity is counted in; stock is kept in this unit and reported in kilograms too.</summary>
    public static readonly IReadOnlyDictionary<string, string> Units = new[] { "kg", "bag", "bottle", "box", "carton", "kit", "litre", "piece", "tin" }
        .ToDictionary(unit => unit, unit => unit, StringComparer.OrdinalIgnoreCase);

    public static string Name(this CommodityCategory category) => Categories.First(pair => pair.Value == category).Key;
}

/// <summary>An item of the operation's catalogue, e.g. wheat flour in 50 kg bags.</summary>
public sealed record Commodity(
    CommodityId Id,
    OperationId OperationId,
    string Code,
    string Name,
    CommodityCategory Category,
    string Unit,
    UnitMass MassPerUnit,
    decimal? KcalPerKg,
    decimal? VolumePerUnitCubicMetres,
    bool LotTracked);

/// <summary>A commodity was added to the catalogue.</summary>
public sealed record CommodityRegistered(
    Guid OperationId,
    Guid CommodityId,
    string Code,
    string Name,
    CommodityCategory Category,
    string Unit,
    decimal MassPerUnitKg,
    decimal? KcalPerKg,
    decimal? VolumePerUnitM3,
    bool LotTracked) : IDomainEvent;

public sealed partial record RegisterCommodity(
    OperationId OperationId,
    CommodityId CommodityId,
    string Code,
    string Name,
    CommodityCategory Category,
    string Unit,
    UnitMass MassPerUnit,
    decimal? KcalPerKg,
    decimal? VolumePerUnitCubicMetres,
    bool LotTracked) : IOperationCommand
{
    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]{0,31}$")]
    private static partial Regex CodePattern();

    public static RegisterCommodity? From(
        OperationId operationId,
        CommodityId commodityId,
        string? code,
        string? name,
        string? category,
        string? unit,
        decimal? massPerUnitKg,
        decimal? kcalPerKg,
        decimal? volumePerUnitM3,
        bool? lotTracked,
        Validation validation)
    {
        var validCode = validation.Check(Check.RequiredText(code, "code", 32));
        if (!validation.Failed && !CodePattern().IsMatch(validCode))
        {
            validation.Add(Reasons.Setup.CommodityCodeShape.Invalid("code", ("code", validCode)));
        }

        var validName = validation.Check(Check.RequiredText(name, "name", 120));
        var validCategory = validation.Check(Check.OneOf(category, "category", CommodityNames.Categories));
        var validUnit = validation.Check(Check.OneOf(unit, "unit", CommodityNames.Units));
        var mass = validation.Check(Bounds.UnitMass.Positive(massPerUnitKg, "massPerUnitKg"));
        if (validUnit == "kg" && massPerUnitKg is { } perKg && perKg != 1m)
        {
            validation.Add(Reasons.Setup.CommodityKgUnitMass.Invalid("massPerUnitKg", ("value", perKg)));
        }

        if (category is not null && CommodityNames.Categories.TryGetValue(category, out var knownCategory))
        {
            if (knownCategory == CommodityCategory.Food && kcalPerKg is null)
            {
                validation.Add(Reasons.Setup.CommodityKcalRequired.Invalid("kcalPerKg"));
            }
            else if (knownCategory != CommodityCategory.Food && kcalPerKg is not null)
            {
                validation.Add(Reasons.Setup.CommodityKcalFoodOnly.Invalid("kcalPerKg"));
            }
        }

        if (kcalPerKg is { } kcal && kcal is <= 0 or > 9000)
        {
            validation.Add(Reasons.Setup.CommodityKcalRange.Invalid("kcalPerKg", ("value", kcal)));
        }
        else if (kcalPerKg is { } energy && Bounds.KcalPerKg.Refusal(energy, "kcalPerKg") is { } tooFine)
        {
            validation.Add(tooFine);
        }

        if (volumePerUnitM3 is { } volume && volume <= 0)
        {
            validation.Add(Reasons.Setup.CommodityVolumeNotPositive.Invalid("volumePerUnitM3", ("value", volume)));
        }
        else if (volumePerUnitM3 is { } room && Bounds.UnitVolume.Refusal(room, "volumePerUnitM3") is { } refused)
        {
            validation.Add(refused);
        }

        return validation.Failed
            ? null
            : new RegisterCommodity(operationId, commodityId, validCode, validName, validCategory, validUnit, new UnitMass(mass), kcalPerKg, volumePerUnitM3, lotTracked ?? false);
    }
}

public static class CommodityDecider
{
    public static string Stream(CommodityId id) => $"commodity/{id}";

    /// <summary>Codes are unique within an operation because manifests and imports refer to commodities by code.</summary>
    public static Decision Decide(RegisterCommodity command, Operation? operation, Commodity? sameCode)
    {
        if (operation is null)
        {
            return Decision.Reject(Reasons.Setup.OperationNotFound.NotFound("operationId", ("operation", command.OperationId)));
        }

        if (sameCode is not null)
        {
            return Decision.Reject(Reasons.Setup.CommodityCodeTaken.Conflict("code", ("code", sameCode.Code), ("name", sameCode.Name)));
        }

        return Decision.Accept(PendingEvent.Start(
            Stream(command.CommodityId),
            new CommodityRegistered(
                command.OperationId.Value,
                command.CommodityId.Value,
                command.Code,
                command.Name,
                command.Category,
                command.Unit,
                command.MassPerUnit.Kilograms,
                command.KcalPerKg,
                command.VolumePerUnitCubicMetres,
                command.LotTracked)));
    }
}
