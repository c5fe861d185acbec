using System.Runtime.InteropServices;

namespace Lifeline.Planning.Benchmarks;

/// <summary>
/// The CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>) as a clock, for <c>--cpu-time</c>:
/// on a machine shared with other work a wall-clock limit gives the search whatever share of a core is left,
/// so iteration counts of one instance varied almost threefold between runs; CPU seconds do not.
/// </summary>
internal sealed partial class ThreadCpuClock : TimeProvider
{
    private const int ThreadCpuTimeId = 3;

    public override long TimestampFrequency => 1_000_000_000;

    public override long GetTimestamp()
    {
        if (ClockGetTime(ThreadCpuTimeId, out var time) != 0)
        {
            throw new PlatformNotSupportedException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed; --cpu-time needs Linux");
        }

        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
