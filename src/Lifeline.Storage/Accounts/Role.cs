namespace Lifeline.Storage.Accounts;

/// <summary>What a user may do. Every role but <see cref="Administrator"/> is held in one operation.</summary>
public enum Role
{
    /// <summary>Runs the operation: sets up sites, zones, corridors and windows; may record anything.</summary>
    Coordinator,

    /// <summary>Writes stock, movements and incidents.</summary>
    LogisticsOfficer,

    /// <summary>Records passages, only at the checkpoints assigned to them.</summary>
    CheckpointOfficer,

    /// <summary>Issues stock, only at the distribution points assigned to them.</summary>
    DistributionOfficer,

    /// <summary>Reads aggregates only; never personal data.</summary>
    PartnerObserver,

    /// <summary>Reads, and may download the log to verify it.</summary>
    Auditor,

    /// <summary>Manages users, tokens and keys; creates operations; records nothing operational.</summary>
    Administrator,
}

public static class Roles
{
    private static readonly Dictionary<Role, string> Names = new()
    {
        [Role.Coordinator] = "coordinator",
        [Role.LogisticsOfficer] = "logistics-officer",
        [Role.CheckpointOfficer] = "checkpoint-officer",
        [Role.DistributionOfficer] = "distribution-officer",
        [Role.PartnerObserver] = "partner-observer",
        [Role.Auditor] = "auditor",
        [Role.Administrator] = "administrator",
    };

    private static readonly Dictionary<string, Role> ByName = Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> AllNames => Names.Values;

    public static string Name(this Role role) => Names[role];

    public static bool TryParse(string? name, out Role role) => ByName.TryGetValue(name ?? "", out role);

    /// <summary>Roles limited to the sites assigned to them: checkpoints for checkpoint officers, distribution points for distribution officers.</summary>
    public static bool IsLimitedToSites(this Role role) => role is Role.CheckpointOfficer or Role.DistributionOfficer;
}
