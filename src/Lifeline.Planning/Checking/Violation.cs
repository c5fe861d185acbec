namespace Lifeline.Planning.Checking;

/// <summary>What is wrong with a plan.</summary>
public enum ViolationKind
{
    UnknownVehicleType,
    TooManyVehicles,
    UnknownStop,
    DepotVisitedAsStop,
    StopServedTwice,
    MandatoryStopUnserved,
    CapacityExceeded,
    VolumeExceeded,
    TimeWindowMissed,
    LateReturnToDepot,
    DurationExceeded,
    RangeExceeded,
}

/// <summary>One broken rule, with the route (-1 when not about a route) and stop (-1 when not about a stop) concerned.</summary>
public sealed record Violation(ViolationKind Kind, int Route, int Stop, string Detail);

/// <summary>The checker's verdict: the cost recomputed from scratch and every broken rule.</summary>
public sealed record CheckReport(double Cost, IReadOnlyList<Violation> Violations)
{
    public bool IsFeasible => Violations.Count == 0;
}
