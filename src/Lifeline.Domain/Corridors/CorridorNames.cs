namespace Lifeline.Domain.Corridors;

/// <summary>Who may pass a corridor.</summary>
public enum PersonCategory
{
    Civilians,
    WoundedAndSick,
    FightersUnderAmnesty,
    HumanitarianStaff,
}

/// <summary>Which way people may pass: out of the besieged area, into it, or both.</summary>
public enum CorridorDirections
{
    Outbound,
    Inbound,
    Both,
}

public enum CorridorStatus
{
    Planned,
    Open,
    Paused,
    Closed,
    Suspended,
}

/// <summary>The names used in the API, the log and the CLI for corridor vocabularies.</summary>
public static class CorridorNames
{
    public static readonly IReadOnlyDictionary<string, PersonCategory> Categories = new Dictionary<string, PersonCategory>(StringComparer.OrdinalIgnoreCase)
    {
        ["civilians"] = PersonCategory.Civilians,
        ["wounded_and_sick"] = PersonCategory.WoundedAndSick,
        ["fighters_under_amnesty"] = PersonCategory.FightersUnderAmnesty,
        ["humanitarian_staff"] = PersonCategory.HumanitarianStaff,
    };

    public static readonly IReadOnlyDictionary<string, CorridorDirections> Directions = new Dictionary<string, CorridorDirections>(StringComparer.OrdinalIgnoreCase)
    {
        ["outbound"] = CorridorDirections.Outbound,
        ["inbound"] = CorridorDirections.Inbound,
        ["both"] = CorridorDirections.Both,
    };

    public static readonly IReadOnlyDictionary<string, CorridorStatus> Statuses = new Dictionary<string, CorridorStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["planned"] = CorridorStatus.Planned,
        ["open"] = CorridorStatus.Open,
        ["paused"] = CorridorStatus.Paused,
        ["closed"] = CorridorStatus.Closed,
        ["suspended"] = CorridorStatus.Suspended,
    };

    public static string Name(this PersonCategory category) => Categories.First(pair => pair.Value == category).Key;

    public static string Name(this CorridorDirections directions) => Directions.First(pair => pair.Value == directions).Key;

    public static string Name(this CorridorStatus status) => Statuses.First(pair => pair.Value == status).Key;
}
