namespace Lifeline.Testing;

/// <summary>A clock that always reads the same instant, so that a scenario recorded twice is recorded identically.</summary>
public sealed class FrozenClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
