using System.Reflection;
using Lifeline.Domain.Commodities;
using Lifeline.Domain.Corridors;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Domain.Stock;

namespace Lifeline.Domain;

/// <summary>
/// The catalogue of every reason Lifeline gives for refusing something, by area. Codes are stable: clients
/// and translations key on them, so a reason's wording may be improved but its code is never reused for
/// another meaning. Phrases (<c>phrase.*</c>) and terms (<c>term.*</c>) are parts that reasons put together.
/// </summary>
public static partial class Reasons
{
    /// <summary>The vocabularies whose words appear inside reasons, each word translated on its own.</summary>
    private static readonly Dictionary<string, Dictionary<string, Reason>> TermSets = new Dictionary<string, IEnumerable<string>>(StringComparer.Ordinal)
    {
        ["movement-status"] = MovementNames.Statuses.Keys,
        ["corridor-status"] = CorridorNames.Statuses.Keys,
        ["corridor-directions"] = CorridorNames.Directions.Keys,
        ["person-category"] = CorridorNames.Categories.Keys,
        ["sex"] = PassageNames.Sexes.Keys,
        ["age-band"] = PassageNames.AgeBands.Keys,
        ["site-status"] = SiteNames.Statuses.Keys,
        ["site-kind"] = SiteNames.Kinds.Keys,
        ["adjustment-reason"] = StockNames.AdjustmentReasons.Keys,
        ["commodity-unit"] = CommodityNames.Units.Keys,
    }.ToDictionary(
        set => set.Key,
        set => set.Value.ToDictionary(word => word, word => new Reason($"term.{set.Key}.{word}", word), StringComparer.Ordinal),
        StringComparer.Ordinal);

    private static readonly Lazy<IReadOnlyList<Reason>> Catalogue = new(() =>
        [.. typeof(Reasons).GetNestedTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field.FieldType == typeof(Reason))
            .Select(field => (Reason)field.GetValue(null)!)
            .Concat(TermSets.Values.SelectMany(terms => terms.Values))]);

    /// <summary>Every reason, phrase and term, for translations to be checked against.</summary>
    public static IReadOnlyList<Reason> All => Catalogue.Value;

    /// <summary>A word of a vocabulary (a status, a category, a unit) as a phrase to put in a reason.</summary>
    public static Message Term(string set, string word) => TermSets[set][word].With();

    /// <summary>Words of a vocabulary joined by <paramref name="separator"/> (<see cref="Lists.Or"/>, <see cref="Lists.Comma"/>).</summary>
    public static Listed Terms(string set, IEnumerable<string> words, Reason separator) => new([.. words.Select(word => Term(set, word))], separator);

    /// <summary>API names (e.g. the values a field accepts) listed as they are: they are what a client sends.</summary>
    public static Listed Names(IEnumerable<string> names) => new([.. names], Lists.Comma);

    public static class Lists
    {
        public static readonly Reason Comma = new("list.comma", ", ");
        public static readonly Reason Or = new("list.or", " or ");
    }

    public static class Phrases
    {
        public static readonly Reason Nothing = new("phrase.nothing", "nothing");
        public static readonly Reason Kilograms = new("phrase.kg", "kg");
        public static readonly Reason CubicMetres = new("phrase.m3", "m3");
        public static readonly Reason KcalPerKg = new("phrase.kcal-per-kg", "kcal per kg");
        public static readonly Reason Percent = new("phrase.percent", "percent");
        public static readonly Reason Units = new("phrase.units", "units");
        public static readonly Reason Lot = new("phrase.lot", "lot {lot}");
        public static readonly Reason NoLot = new("phrase.no-lot", "(no lot)");
        public static readonly Reason NoDate = new("phrase.no-date", "(no date)");
        public static readonly Reason LotAt = new("phrase.lot-at", "{lot} of {commodity} at '{site}'");
        public static readonly Reason Amount = new("phrase.amount", "{units:0.###} {unit} ({kg:#,0.###} kg)");
        public static readonly Reason Mass = new("phrase.mass", "{kg:#,0.###} kg");

        /// <summary>A lot number, or that there is none.</summary>
        public static Message LotOf(string lot) => lot.Length == 0 ? NoLot.With() : Lot.With(("lot", lot));

        /// <summary>A day, or that there is none.</summary>
        public static object DayOf(DateOnly? day) => day is { } value ? value : NoDate.With();

        /// <summary>"lot L of CODE at 'site'".</summary>
        public static Message LotAtSite(string lot, string commodity, string site) => LotAt.With(("lot", LotOf(lot)), ("commodity", commodity), ("site", site));

        /// <summary>A quantity in the commodity's unit and what it weighs: "40 bag (2,000 kg)".</summary>
        public static Message AmountOf(Quantity quantity, Commodity commodity) =>
            Amount.With(("units", quantity.Units), ("unit", UnitOf(commodity.Unit)), ("kg", quantity.MassOf(commodity).Kilograms));

        public static Message MassOf(decimal kilograms) => Mass.With(("kg", kilograms));

        private static object UnitOf(string unit) => TermSets["commodity-unit"].TryGetValue(unit, out var term) ? term.With() : unit;
    }
}
