namespace Lifeline.Domain.Primitives;

/// <summary>Why a command was refused.</summary>
public enum RejectionKind
{
    /// <summary>The input breaks a rule of its own (out of range, malformed, missing).</summary>
    Invalid,

    /// <summary>The input is well formed but conflicts with what is already recorded (duplicate name).</summary>
    Conflict,

    /// <summary>The command names something that does not exist.</summary>
    NotFound,
}

/// <summary>A refusal naming the field at fault and the reason, in words an operator can act on.</summary>
public sealed record Rejection(RejectionKind Kind, string Field, string Reason)
{
    public static Rejection Invalid(string field, string reason) => new(RejectionKind.Invalid, field, reason);

    public static Rejection Conflict(string field, string reason) => new(RejectionKind.Conflict, field, reason);

    public static Rejection NotFound(string field, string reason) => new(RejectionKind.NotFound, field, reason);

    public override string ToString() => $"{Field}: {Reason}";
}
