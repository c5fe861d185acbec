namespace Lifeline.Domain.Primitives;

/// <summary>Identifies an operation; each operation has its own log.</summary>
public readonly record struct OperationId(Guid Value)
{
    public override string ToString() => Value.ToString();
    public static OperationId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));
}

/// <summary>Identifies a site (hub, airfield, helipad, warehouse, distribution point, checkpoint).</summary>
public readonly record struct SiteId(Guid Value)
{
    public override string ToString() => Value.ToString();
    public static SiteId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));
}

/// <summary>Identifies a zone (besieged area, conflict / no-go, no-fly).</summary>
public readonly record struct ZoneId(Guid Value)
{
    public override string ToString() => Value.ToString();
    public static ZoneId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));
}

/// <summary>Identifies a commodity in an operation's catalogue.</summary>
public readonly record struct CommodityId(Guid Value)
{
    public override string ToString() => Value.ToString();
    public static CommodityId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));
}

/// <summary>Identifies a humanitarian corridor.</summary>
public readonly record struct CorridorId(Guid Value)
{
    public override string ToString() => Value.ToString();
    public static CorridorId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));
}

/// <summary>Identifies an opening window of a corridor.</summary>
public readonly record struct WindowId(Guid Value)
{
    public override string ToString() => Value.ToString();
    public static WindowId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));
}

/// <summary>Identifies a passage recorded at a checkpoint.</summary>
public readonly record struct PassageId(Guid Value)
{
    public override string ToString() => Value.ToString();
    public static PassageId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));
}

/// <summary>Identifies a movement: a road convoy or an airlift sortie.</summary>
public readonly record struct MovementId(Guid Value)
{
    public override string ToString() => Value.ToString();
    public static MovementId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));
}

/// <summary>Identifies the manifest of one vehicle of a movement, or a correction of a sealed one.</summary>
public readonly record struct ManifestId(Guid Value)
{
    public override string ToString() => Value.ToString();
    public static ManifestId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));
}

/// <summary>Identifies an independent inspection of a sealed manifest.</summary>
public readonly record struct InspectionId(Guid Value)
{
    public override string ToString() => Value.ToString();
    public static InspectionId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));
}

/// <summary>Identifies an incident (aircraft lost, vehicle hit, looting, checkpoint refusal, shelling).</summary>
public readonly record struct IncidentId(Guid Value)
{
    public override string ToString() => Value.ToString();
    public static IncidentId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));
}
