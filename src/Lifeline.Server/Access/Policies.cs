using Lifeline.Storage.Accounts;

namespace Lifeline.Server.Access;

/// <summary>
/// The named policies endpoints declare, one per capability. Each maps to the roles that hold it; an
/// operation role counts only in the operation named by the route's <c>operationId</c>. Declare one per
/// route group: <c>app.MapGroup(...).RequireAuthorization(Policies.ManageStock)</c>.
/// </summary>
public static class Policies
{
    /// <summary>Read an operation's set-up and aggregates (sites, corridors, flows, exports): every role in it.</summary>
    public const string ReadOperation = "read-operation";

    /// <summary>Download the log to verify it: auditors and coordinators.</summary>
    public const string ReadLog = "read-log";

    /// <summary>Set up and run the operation: sites, zones, commodities, corridors, windows, pauses.</summary>
    public const string ManageOperation = "manage-operation";

    /// <summary>Record passages; checkpoint officers only at their assigned checkpoints.</summary>
    public const string RecordPassage = "record-passage";

    /// <summary>Write stock, movements and incidents.</summary>
    public const string ManageStock = "manage-stock";

    /// <summary>Issue stock; distribution officers only at their assigned distribution points.</summary>
    public const string IssueStock = "issue-stock";

    /// <summary>Read personal data (registrations, when they come): coordinators only; never partner observers.</summary>
    public const string ReadPersonalData = "read-personal-data";

    /// <summary>Create operations: administrators.</summary>
    public const string CreateOperation = "create-operation";

    /// <summary>Any signed-in user, for what is about themselves or filtered to them.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>The roles that hold each capability.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<Role>> Holders = new Dictionary<string, IReadOnlySet<Role>>(StringComparer.Ordinal)
    {
        [ReadOperation] = new HashSet<Role> { Role.Coordinator, Role.LogisticsOfficer, Role.CheckpointOfficer, Role.DistributionOfficer, Role.PartnerObserver, Role.Auditor },
        [ReadLog] = new HashSet<Role> { Role.Coordinator, Role.Auditor },
        [ManageOperation] = new HashSet<Role> { Role.Coordinator },
        [RecordPassage] = new HashSet<Role> { Role.Coordinator, Role.CheckpointOfficer },
        [ManageStock] = new HashSet<Role> { Role.Coordinator, Role.LogisticsOfficer },
        [IssueStock] = new HashSet<Role> { Role.Coordinator, Role.LogisticsOfficer, Role.DistributionOfficer },
        [ReadPersonalData] = new HashSet<Role> { Role.Coordinator },
        [CreateOperation] = new HashSet<Role> { Role.Administrator },
    };
}
