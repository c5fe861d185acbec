namespace Lifeline.Domain.Primitives;

/// <summary>
/// The bounds of every number a command brings into the log. Each lies beyond what a real operation reaches,
/// and keeps its values within <see cref="Bound.SignificantDigits"/> significant digits at its step, so that
/// the log, which writes numbers as doubles, records them exactly; and a line's mass in grams or energy in kcal
/// (a quantity times a mass per unit) still fits a 64-bit integer. See docs/log.md, "Numbers".
/// </summary>
public static class Bounds
{
    /// <summary>An amount of a commodity in its own unit, to a thousandth: less than ten billion bags, kits or litres.</summary>
    public static readonly Bound Quantity = new(0.001m, 9_999_999_999.999m, null);

    /// <summary>What one unit of a commodity weighs, to the milligram (a blister of tablets), up to 100 tonnes.</summary>
    public static readonly Bound UnitMass = new(0.000001m, 100_000m, Reasons.Phrases.Kilograms);

    /// <summary>The room one unit of a commodity takes, to the millilitre, up to 1,000 m3.</summary>
    public static readonly Bound UnitVolume = new(0.000001m, 1_000m, Reasons.Phrases.CubicMetres);

    /// <summary>Food energy, to a thousandth of a kcal per kg; the upper limit is pure fat's 9,000.</summary>
    public static readonly Bound KcalPerKg = new(0.001m, 9_000m, Reasons.Phrases.KcalPerKg);

    /// <summary>What a truck or an aircraft may carry, to the gram, up to 1,000 tonnes (the largest aircraft carry 250).</summary>
    public static readonly Bound Payload = new(0.001m, 1_000_000m, Reasons.Phrases.Kilograms);

    /// <summary>A truck's or an aircraft's cargo space, to the litre, up to 10,000 m3.</summary>
    public static readonly Bound VehicleVolume = new(0.001m, 10_000m, Reasons.Phrases.CubicMetres);

    /// <summary>A share of a sortie's payload given up for range, temperature or altitude, to a hundredth of a percent.</summary>
    public static readonly Bound Percent = new(0.01m, 100m, Reasons.Phrases.Percent);

    /// <summary>People, vehicles or weapons counted in one record.</summary>
    public static readonly Bound Count = new(1m, 1_000_000m, null);

    /// <summary>
    /// What one manifest weighs, to the gram: a vehicle's payload at most, and a correction (which may admit an
    /// overload) no more than the largest payload.
    /// </summary>
    public static readonly Bound ManifestMass = new(0.001m, Payload.Max, Reasons.Phrases.Kilograms);

    /// <summary>
    /// What one manifest fills: quantities (thousandths) times volumes per unit (millilitres) give billionths of
    /// a cubic metre, recorded as computed; at most the largest vehicle volume.
    /// </summary>
    public static readonly Bound ManifestVolume = new(0.000000001m, VehicleVolume.Max, Reasons.Phrases.CubicMetres);

    /// <summary>Every bound, by name, for the documentation and the tests.</summary>
    public static IReadOnlyList<(string Name, Bound Bound)> All { get; } =
    [
        (nameof(Quantity), Quantity),
        (nameof(UnitMass), UnitMass),
        (nameof(UnitVolume), UnitVolume),
        (nameof(KcalPerKg), KcalPerKg),
        (nameof(Payload), Payload),
        (nameof(VehicleVolume), VehicleVolume),
        (nameof(Percent), Percent),
        (nameof(Count), Count),
        (nameof(ManifestMass), ManifestMass),
        (nameof(ManifestVolume), ManifestVolume),
    ];
}
