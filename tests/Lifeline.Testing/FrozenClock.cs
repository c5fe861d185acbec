namespace Lifeline.Testing;

/// <summary>
/// A clock that reads the same instant until a test moves it on, so that a scenario recorded twice is recorded
/// identically.
/// </summary>
public sealed class FrozenClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Later in the day: the clerk who enters what happened earlier does so after it happened.</summary>
    public void Advance(TimeSpan by) => _now += by;
}
