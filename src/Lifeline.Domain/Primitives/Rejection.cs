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

/// <summary>
/// A refusal naming the field at fault and the reason, in words an operator can act on. Made from a
/// <see cref="Primitives.Reason"/> of the catalogue (<c>Reasons</c>): <see cref="Code"/> is stable for
/// clients, <see cref="Reason"/> is the English text, and <see cref="Message"/> renders in other languages.
/// </summary>
public sealed record Rejection(RejectionKind Kind, string Field, Message Message)
{
    /// <summary>The reason's stable code, e.g. <c>stock.would-go-negative</c>.</summary>
    public string Code => Message.Code;

    /// <summary>The reason in English.</summary>
    public string Reason => Message.English;

    public override string ToString() => $"{Field}: {Reason}";
}
