using System.Globalization;
using Lifeline.Domain.Commodities;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Stock;

/// <summary>
/// An amount of a commodity in its own unit (bags, kits, kg), kept to a thousandth of a unit so that sums stay
/// exact; stored as whole thousandths.
/// </summary>
public readonly record struct Quantity : IComparable<Quantity>
{
    private Quantity(long thousandths) => Thousandths = thousandths;

    /// <summary>The amount in thousandths of the unit: what the database stores.</summary>
    public long Thousandths { get; }

    public decimal Units => Thousandths / 1000m;

    public static Quantity Zero => default;

    public static Quantity FromThousandths(long thousandths) => new(thousandths);

    /// <summary>Null when the value has more than three decimals or is out of range.</summary>
    public static Quantity? FromUnits(decimal units)
    {
        var scaled = units * 1000m;
        return scaled != decimal.Truncate(scaled) || Math.Abs(scaled) > long.MaxValue / 4 ? null : new Quantity((long)scaled);
    }

    /// <summary>A strictly positive amount with at most three decimals, or the rejection naming <paramref name="field"/>.</summary>
    public static Validated<Quantity> Positive(decimal? raw, string field)
    {
        if (raw is not { } value)
        {
            return Reasons.Input.Required.Invalid(field, ("field", field));
        }

        if (value <= 0)
        {
            return Reasons.Input.NotPositiveQuantity.Invalid(field, ("field", field), ("value", value));
        }

        return FromUnits(value) is { } quantity
            ? Validated<Quantity>.Valid(quantity)
            : Reasons.Input.TooPrecise.Invalid(field, ("field", field), ("value", value));
    }

    /// <summary>What this amount of <paramref name="commodity"/> weighs.</summary>
    public Mass MassOf(Commodity commodity) => MassAt(commodity.MassPerUnit.Kilograms);

    public Mass MassAt(decimal kilogramsPerUnit) => Mass.FromKilograms(Math.Abs(Units) * kilogramsPerUnit)!.Value;

    public static Quantity operator +(Quantity a, Quantity b) => new(a.Thousandths + b.Thousandths);

    public static Quantity operator -(Quantity a, Quantity b) => new(a.Thousandths - b.Thousandths);

    public static Quantity operator -(Quantity a) => new(-a.Thousandths);

    public int CompareTo(Quantity other) => Thousandths.CompareTo(other.Thousandths);

    public static bool operator <(Quantity a, Quantity b) => a.Thousandths < b.Thousandths;

    public static bool operator >(Quantity a, Quantity b) => a.Thousandths > b.Thousandths;

    public static bool operator <=(Quantity a, Quantity b) => a.Thousandths <= b.Thousandths;

    public static bool operator >=(Quantity a, Quantity b) => a.Thousandths >= b.Thousandths;

    public override string ToString() => Units.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>How masses are written in refusals and reports.</summary>
public static class Amounts
{
    public static string Kg(decimal kilograms) => kilograms.ToString("#,0.###", CultureInfo.InvariantCulture) + " kg";

    public static string Kg(Mass mass) => Kg(mass.Kilograms);

    public static string Of(Quantity quantity, Commodity commodity) =>
        string.Create(CultureInfo.InvariantCulture, $"{quantity} {commodity.Unit} ({Kg(quantity.MassOf(commodity))})");
}
