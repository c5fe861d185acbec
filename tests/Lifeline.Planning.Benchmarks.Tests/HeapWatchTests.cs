using System.Runtime.CompilerServices;

namespace Lifeline.Planning.Benchmarks.Tests;

public class HeapWatchTests
{
    [Fact]
    public void The_peak_includes_what_was_allocated_while_watching_and_not_what_was_freed_before()
    {
        Assert.Equal(64 * 1024 * 1024, AllocateAndDrop());

        using var watch = HeapWatch.Start();
        var atStart = watch.PeakMegabytes;
        var during = new byte[48 * 1024 * 1024];
        Array.Fill(during, (byte)1);
        var peak = watch.PeakMegabytes;

        Assert.True(atStart < 48, $"the heap was {atStart:F1} MB at the start, after a full collection");
        Assert.InRange(peak, atStart + 48, double.MaxValue);
        GC.KeepAlive(during);
    }

    /// <summary>Garbage from before the watch started; not inlined, so no local of the test keeps it alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int AllocateAndDrop()
    {
        var garbage = new byte[64 * 1024 * 1024];
        Array.Fill(garbage, (byte)1);
        return garbage.Length;
    }
}
