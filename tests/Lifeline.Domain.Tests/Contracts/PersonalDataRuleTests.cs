using System.Reflection;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;

namespace Lifeline.Domain.Tests.Contracts;

/// <summary>
/// Personal data is handled by rule, not by hope: every text member of every recorded event is either marked
/// <see cref="PersonalDataAttribute"/> (the store seals it) or reviewed here as operational — a name of a place
/// or a thing, a code, a reason meant for every party. A new text member fails until someone decides which.
/// </summary>
public class PersonalDataRuleTests
{
    /// <summary>Text that names places, things and decisions, never people; forms say so beside the field.</summary>
    private static readonly HashSet<string> Operational = new(StringComparer.Ordinal)
    {
        "CargoLine.Lot",
        "CorridorDefined.Authority",
        "CorridorDefined.Name",
        "CorridorStatusChanged.Authority",
        "CorridorStatusChanged.Reason",
        "CommodityRegistered.Code",
        "CommodityRegistered.Name",
        "CommodityRegistered.Unit",
        "DeliveredLine.Lot",
        "DeliveredLine.Reason",
        "IncidentRecorded.Place",
        "InspectedLine.Lot",
        "InspectedLine.Note",
        "InspectionRecorded.ManifestHash",
        "InspectionRecorded.Note",
        "InspectionRecorded.Organisation",
        "LotQuarantined.Lot",
        "LotQuarantined.Reason",
        "LotReleased.Lot",
        "LotReleased.Reason",
        "ManifestCorrected.CorrectsHash",
        "ManifestCorrected.Reason",
        "ManifestCorrected.VehicleId",
        "ManifestLine.Lot",
        "ManifestRecorded.VehicleId",
        "MovementPlanned.Route",
        "MovementVehicle.AircraftType",
        "MovementVehicle.VehicleId",
        "MovementStatusChanged.Reason",
        "OperationCreated.Description",
        "OperationCreated.Name",
        "OperationCreated.TimeZone",
        "PassageRecorded.OutOfWindowReason",
        "SealedManifest.Hash",
        "SealedManifest.VehicleId",
        "SiteRegistered.Name",
        "SiteRegistered.PCode",
        "SiteStatusChanged.Reason",
        "StockAdjusted.Lot",
        "StockAdjusted.Note",
        "StockIssued.Lot",
        "StockReceived.Lot",
        "WindowCancelled.Reason",
        "WindowScheduled.Reason",
        "ZoneDrawn.Name",
    };

    [Fact]
    public void Every_text_member_of_every_event_is_marked_personal_or_reviewed_as_operational()
    {
        var texts = EventCatalog.All.SelectMany(type => TextMembers(type.ClrType, [])).Distinct().ToList();
        var personal = texts.Where(m => m.Personal).Select(m => m.Name).ToList();

        var unclassified = texts.Where(m => !m.Personal && !Operational.Contains(m.Name)).Select(m => m.Name).Order(StringComparer.Ordinal).ToList();
        var stale = Operational.Except(texts.Select(m => m.Name)).Order(StringComparer.Ordinal).ToList();

        Assert.True(unclassified.Count == 0, $"text members neither marked [PersonalData] nor reviewed as operational: {string.Join(", ", unclassified)}");
        Assert.True(stale.Count == 0, $"reviewed as operational but no longer an event's text member: {string.Join(", ", stale)}");
        Assert.Equal(["DeliveryRecorded.ReceivedBy", "IncidentRecorded.Narrative", "StockIssued.IssuedTo", "StockReceived.Source"], personal.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Only_an_events_own_text_members_are_marked_personal_since_the_store_seals_those()
    {
        var nested = EventCatalog.All
            .SelectMany(type => TextMembers(type.ClrType, []))
            .Where(m => m.Personal && m.Nested)
            .Select(m => m.Name)
            .ToList();

        Assert.Empty(nested);
    }

    /// <summary>The text members of a record and of the records it holds (lines of a manifest, of a delivery).</summary>
    private static IEnumerable<(string Name, bool Personal, bool Nested)> TextMembers(Type type, HashSet<Type> seen, bool nested = false)
    {
        if (!seen.Add(type))
        {
            yield break;
        }

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        foreach (var parameter in constructor.GetParameters())
        {
            var member = parameter.ParameterType.IsArray ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
            if (member == typeof(string))
            {
                yield return ($"{type.Name}.{Capitalized(parameter.Name!)}", parameter.GetCustomAttribute<PersonalDataAttribute>() is not null, nested);
            }
            else if (member.Namespace?.StartsWith("Lifeline.Domain", StringComparison.Ordinal) == true && member is { IsClass: true } && member.GetConstructors().Length > 0)
            {
                foreach (var inner in TextMembers(member, seen, nested: true))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
