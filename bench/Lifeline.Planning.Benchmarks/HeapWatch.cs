namespace Lifeline.Planning.Benchmarks;

/// <summary>
/// The largest managed heap seen while Lifeline searches one instance, sampled ten times a second from a timer thread
/// and once more when read. The search is managed code only, so this is its memory, garbage not yet collected
/// included. It starts from a full collection, so what earlier instances left behind does not count.
/// </summary>
internal sealed class HeapWatch : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Timer _timer;
    private long _peak;

    private HeapWatch() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    public static HeapWatch Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new HeapWatch();
    }

    public double PeakMegabytes
    {
        get
        {
            Sample();
            lock (_lock)
            {
                return _peak / (1024.0 * 1024.0);
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var bytes = GC.GetTotalMemory(forceFullCollection: false);
        lock (_lock)
        {
            _peak = Math.Max(_peak, bytes);
        }
    }
}
