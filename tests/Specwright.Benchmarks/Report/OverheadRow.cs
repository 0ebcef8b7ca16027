using BenchmarkDotNet.Reports;

namespace Specwright.Benchmarks.Report;

/// <summary>One contender's mean time and allocations for one operation, read from BenchmarkDotNet's summary.</summary>
public sealed record OverheadRow(string Operation, string Contender, double MeanNs, long AllocatedBytes)
{
    public static IReadOnlyList<OverheadRow> From(Summary summary) =>
        summary.Reports
            .Where(r => r.Success && r.ResultStatistics is not null)
            .Select(r => new OverheadRow(
                r.BenchmarkCase.Descriptor.Categories.Single(),
                r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                r.ResultStatistics!.Mean,
                r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0))
            .ToList();
}
