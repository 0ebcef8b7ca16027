using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Specwright.Benchmarks.Overhead;
using Specwright.Benchmarks.Report;
using Specwright.Benchmarks.Scenarios;

namespace Specwright.Benchmarks;

/// <summary>Runs the four parts in order and writes the summary. Missed targets are reported, never an error.</summary>
public static class BenchmarkRun
{
    public static async Task<int> MainAsync(string[] args)
    {
        RunSettings settings;
        try
        {
            settings = RunSettings.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        Console.WriteLine("== 1. per-call overhead");
        await ContenderCheck.RunAsync();
        var summary = BenchmarkRunner.Run<PerCallOverhead>(Config(settings));
        if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success))
        {
            Console.Error.WriteLine("BenchmarkDotNet could not run every per-call benchmark; see its log above.");
            return 1;
        }

        Console.WriteLine("== 2. polling efficiency");
        var polling = await PollingEfficiency.RunAsync();
        Console.WriteLine("== 3. throughput under rate limits");
        var throughput = await ThroughputUnderRateLimits.RunAsync(calls: settings.IsShort ? 200 : 1_000);
        Console.WriteLine("== 4. large results");
        var large = await LargeResults.RunAsync(repeats: settings.IsShort ? 3 : 7);

        var results = new BenchmarkResults(settings, summary.HostEnvironmentInfo.ToFormattedString().Where(l => l.Length > 0).ToList(),
            OverheadRow.From(summary), polling, throughput, large);
        var markdown = SummaryWriter.Write(results);
        Directory.CreateDirectory(Path.GetDirectoryName(settings.SummaryFile)!);
        await File.WriteAllTextAsync(settings.SummaryFile, markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"Summary written to {settings.SummaryFile}");
        return 0;
    }

    // In-process: BenchmarkDotNet's out-of-process toolchain would build a generated project inside this
    // repository (under its Directory.Build.props and code generation); one process also keeps the run short.
    private static IConfig Config(RunSettings s) =>
        ManualConfig.CreateEmpty()
            .AddJob(s.Job.WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default, HtmlExporter.Default)
            .WithArtifactsPath(Path.Combine(s.OutputDirectory, "overhead"))
            .WithOptions(ConfigOptions.JoinSummary);
}

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
