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

/// <summary>Runs the six parts in order and writes the summary. Missed targets are reported, never an error.</summary>
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
        var lone = await LoneClientAfter429.RunAsync();
        Console.WriteLine("== 4. large results");
        var large = await LargeResults.RunAsync(repeats: settings.IsShort ? 3 : 7);
        Console.WriteLine("== 5. a fleet of workers on one key");
        var fleet = await Fleet.FleetThroughput.RunAsync(calls: settings.IsShort ? 120 : 1_000);
        Console.WriteLine("== 6. a fleet of webhook receivers");
        var webhooks = await Fleet.WebhookFleet.RunAsync(events: settings.IsShort ? 300 : 1_000);

        var results = new BenchmarkResults(settings, summary.HostEnvironmentInfo.ToFormattedString().Where(l => l.Length > 0).ToList(),
            OverheadRow.From(summary), polling, throughput, lone, large, fleet, webhooks);
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
