using BenchmarkDotNet.Jobs;

namespace Specwright.Benchmarks;

/// <summary>Command line: <c>--job default|short|dry</c>, <c>--out DIR</c> (reports), <c>--summary FILE</c> (the Markdown table).</summary>
public sealed record RunSettings(string JobName, Job Job, string OutputDirectory, string SummaryFile)
{
    /// <summary>The smoke variant: fewer calls and repeats in the scenarios.</summary>
    public bool IsShort => JobName != "default";

    public static RunSettings Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        foreach (var a in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
            if (a is not ("--job" or "--out" or "--summary"))
                throw new ArgumentException($"unknown option '{a}' (use --job default|short|dry, --out DIR, --summary FILE)");
        var jobName = Value("--job", "default");
        var job = jobName switch
        {
            "default" => Job.Default,
            "short" => Job.ShortRun,
            "dry" => Job.Dry,
            _ => throw new ArgumentException($"--job must be default, short or dry (got '{jobName}')"),
        };
        return new RunSettings(jobName, job, Path.GetFullPath(Value("--out", "artifacts/benchmarks")),
            Path.GetFullPath(Value("--summary", "docs/benchmarks.md")));
    }
}
