using System.Globalization;
using Lifeline.Domain.Commodities;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Stock;

/// <summary>
/// An amount of a commodity in its own unit (bags, kits, kg), kept to a thousandth of a unit so that sums stay
/// exact; stored as whole thousandths. What enters is within <see cref="Bounds.Quantity"/>; sums of amounts
/// (stock on hand) may go beyond it, up to what 64 bits of thousandths hold.
/// </summary>
public readonly record struct Quantity : IComparable<Quantity>
{
    private Quantity(long thousandths) => Thousandths = thousandths;

    /// <summary>The amount in thousandths of the unit: what the database stores.</summary>
    public long Thousandths { get; }

    public decimal Units => Thousandths / 1000m;

    public static Quantity Zero => default;

    public static Quantity FromThousandths(long thousandths) => new(thousandths);

    /// <summary>The largest amount a sum (stock on hand) may reach: what 64 bits of thousandths hold.</summary>
    public static Quantity Largest => new(long.MaxValue);

    /// <summary>Whether adding <paramref name="added"/> would take this sum past <see cref="Largest"/>.</summary>
    public bool WouldPassLargest(Quantity added) => added.Thousandths > 0 && Thousandths > long.MaxValue - added.Thousandths;

    /// <summary>
    /// A recorded amount; null when it has more than three decimals or its thousandths do not fit 64 bits. Reads
    /// what the log holds, which entries recorded before <see cref="Bounds.Quantity"/> may hold beyond it.
    /// </summary>
    public static Quantity? FromUnits(decimal units)
    {
        if (Math.Abs(units) > long.MaxValue / 1000m)
        {
            return null;
        }

        var scaled = units * 1000m;
        return scaled != decimal.Truncate(scaled) ? null : new Quantity((long)scaled);
    }

    /// <summary>A strictly positive amount within <see cref="Bounds.Quantity"/>, or the rejection naming <paramref name="field"/>.</summary>
    public static Validated<Quantity> Positive(decimal? raw, string field)
    {
        if (raw is not { } value)
        {
            return Reasons.Input.Required.Invalid(field, ("field", field));
        }

        return value <= 0
            ? Reasons.Input.NotPositiveQuantity.Invalid(field, ("field", field), ("value", value))
            : Entered(value, field);
    }

    /// <summary>An amount of either sign as entered: within <see cref="Bounds.Quantity"/> and to a thousandth at most.</summary>
    public static Validated<Quantity> Entered(decimal value, string field)
    {
        if (Math.Abs(value) > Bounds.Quantity.Max)
        {
            return Reasons.Input.TooMany.Invalid(field, ("field", field), ("max", Bounds.Quantity.Max), ("value", value));
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
