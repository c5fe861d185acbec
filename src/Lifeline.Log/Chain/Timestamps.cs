namespace Lifeline.Log.Chain;

/// <summary>Log times are kept to the millisecond, the precision the hash covers.</summary>
public static class Timestamps
{
    public static DateTimeOffset ToLogPrecision(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
