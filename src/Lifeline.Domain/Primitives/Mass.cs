using System.Globalization;

namespace Lifeline.Domain.Primitives;

/// <summary>A mass in kilograms, kept to the gram so that sums stay exact.</summary>
public readonly record struct Mass : IComparable<Mass>
{
    private Mass(decimal kilograms) => Kilograms = kilograms;

    public decimal Kilograms { get; }

    public decimal MetricTons => Kilograms / 1000m;

    public static Mass Zero => default;

    /// <summary>Makes a mass, rounding to the gram; null when the value is negative.</summary>
    public static Mass? FromKilograms(decimal kilograms) =>
        kilograms < 0 ? null : new Mass(decimal.Round(kilograms, 3, MidpointRounding.ToEven));

    public static Mass operator +(Mass a, Mass b) => new(a.Kilograms + b.Kilograms);

    public int CompareTo(Mass other) => Kilograms.CompareTo(other.Kilograms);

    public static bool operator <(Mass a, Mass b) => a.Kilograms < b.Kilograms;

    public static bool operator >(Mass a, Mass b) => a.Kilograms > b.Kilograms;

    public static bool operator <=(Mass a, Mass b) => a.Kilograms <= b.Kilograms;

    public static bool operator >=(Mass a, Mass b) => a.Kilograms >= b.Kilograms;

    public override string ToString() => Kilograms.ToString("0.###", CultureInfo.InvariantCulture) + " kg";
}

/// <summary>
/// What one unit of a commodity weighs, in kilograms kept to the milligram (<see cref="Bounds.UnitMass"/>), so
/// that a tablet or a bandage weighs what it does; the mass of an amount is then rounded to the gram.
/// </summary>
public readonly record struct UnitMass(decimal Kilograms)
{
    public override string ToString() => Kilograms.ToString("0.######", CultureInfo.InvariantCulture) + " kg";
}
