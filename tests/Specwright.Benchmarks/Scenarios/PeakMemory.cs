using System.Diagnostics;

namespace Specwright.Benchmarks.Scenarios;

/// <summary>What one operation cost: wall time, allocations, the most managed memory live at once, and what its result keeps.</summary>
public sealed record MemoryCost(TimeSpan Time, long AllocatedBytes, long PeakLiveBytes, long RetainedBytes);

/// <summary>
/// Measures an operation twice. First undisturbed: wall time and bytes allocated. Then for memory: a
/// thread on the other core takes full collections every 2 ms and reads what is live (garbage does not
/// count: how soon it is collected is the GC's choice, not the reader's), and after the operation, with
/// its result still held, what the result keeps.
/// </summary>
public static class PeakMemory
{
    public static async Task<MemoryCost> MeasureAsync(Func<Task<object>> operation)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var first = await operation();
        var time = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        GC.KeepAlive(first);
        first = null;

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var live = GC.GetTotalMemory(forceFullCollection: true);
                if (live > Interlocked.Read(ref peak)) Interlocked.Exchange(ref peak, live);
                Thread.Sleep(2);
            }
        }) { IsBackground = true };
        sampler.Start();
        var result = await operation();
        stop.Cancel();
        sampler.Join();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        GC.KeepAlive(result);
        return new MemoryCost(time, allocated, Math.Max(Interlocked.Read(ref peak) - baseline, retained), retained);
    }
}
