using System.Globalization;

namespace Lifeline.Domain.Primitives;

/// <summary>
/// What a kind of number may be when it enters Lifeline: a whole number of <see cref="Step"/>s, at most
/// <see cref="Max"/> in size. <see cref="Unit"/> names the unit in refusals; null for counts and quantities,
/// whose unit is the thing counted.
/// </summary>
public sealed record Bound(decimal Step, decimal Max, Reason? Unit)
{
    /// <summary>
    /// How many significant digits an exact number may have: the log writes numbers as IEEE-754 doubles
    /// (RFC 8785), and every decimal of at most 15 significant digits reads back from a double unchanged.
    /// </summary>
    public const int SignificantDigits = 15;

    /// <summary>How many significant digits the largest value has at this step; at most <see cref="SignificantDigits"/>.</summary>
    public int Digits => decimal.Truncate(Max / Step).ToString("0", CultureInfo.InvariantCulture).Length;

    public bool Holds(decimal value) => Math.Abs(value) <= Max && value % Step == 0;

    /// <summary>A value more than 0 within the bound, or the rejection naming <paramref name="field"/>.</summary>
    public Validated<decimal> Positive(decimal? raw, string field)
    {
        if (raw is not { } value)
        {
            return Reasons.Input.Required.Invalid(field, ("field", field));
        }

        if (value <= 0)
        {
            return Reasons.Input.NotPositive.Invalid(field, ("field", field), ("unit", UnitPhrase()), ("value", value));
        }

        return Refusal(value, field) is { } refused ? refused : Validated<decimal>.Valid(value);
    }

    /// <summary>Why <paramref name="value"/> is out of the bound (too large, or finer than the step), or null when it holds.</summary>
    public Rejection? Refusal(decimal value, string field)
    {
        if (Math.Abs(value) > Max)
        {
            return Unit is null
                ? Reasons.Input.TooMany.Invalid(field, ("field", field), ("max", Max), ("value", value))
                : Reasons.Input.TooLarge.Invalid(field, ("field", field), ("max", Max), ("unit", Unit.With()), ("value", value));
        }

        return value % Step == 0
            ? null
            : Reasons.Input.TooFine.Invalid(field, ("field", field), ("step", Step), ("unit", UnitPhrase()), ("value", value));
    }

    private Message UnitPhrase() => (Unit ?? Reasons.Phrases.Units).With();
}
