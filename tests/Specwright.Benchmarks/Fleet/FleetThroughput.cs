using System.Diagnostics;
using System.Globalization;
using Specwright.Benchmarks.Scenarios;
using Specwright.Sandbox;
using Specwright.TestSupport;
using Specwright.WebScrape;

namespace Specwright.Benchmarks.Fleet;

/// <summary>
/// Part 5: 4 worker processes × 5 concurrent callers on one key, against a sandbox allowing 60 requests per rolling minute and 5 in
/// flight for the key, every clock run <see cref="Scale"/>x faster than real time. Five ways to limit: none, adaptive (the
/// default) in each process alone, adaptive learned together in Redis, the plan's limit in each process (each believes it has
/// the key to itself), and the limit shared in Redis. Run 4x faster, not 60x like part 3: four processes on a 2-core
/// machine pause for tens of milliseconds, which at 60x is seconds of the API's minute, more than the 1 s window margin.
/// </summary>
public static class FleetThroughput
{
    public const string NoLimit = "none";
    public const string Adaptive = "adaptive";
    public const string AdaptiveRedis = "adaptive-redis";
    public const string PerProcess = "per-process";
    public const string RedisShared = "redis";
    public const int Workers = 4;
    public const int CallersPerWorker = 5;
    public const double Scale = 4;
    private const int PerMinute = ThroughputUnderRateLimits.PerMinute;
    private const int Concurrent = ThroughputUnderRateLimits.Concurrent;

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [NoLimit] = "fleet 4×5, no limit",
        [Adaptive] = "fleet 4×5, adaptive, each process alone (no configuration)",
        [AdaptiveRedis] = "fleet 4×5, adaptive, learned together in Redis (no limit configured)",
        [PerProcess] = $"fleet 4×5, RateLimit {PerMinute}/min, {Concurrent} at once in each process",
        [RedisShared] = $"fleet 4×5, RateLimit {PerMinute}/min, {Concurrent} at once shared in Redis",
    };

    public const string Flag = "--fleet-only";

    public static async Task<IReadOnlyList<ThroughputOutcome>> RunAsync(int calls, IReadOnlyList<string>? modes = null)
    {
        await using var redis = await RedisServer.StartAsync();
        var outcomes = new List<ThroughputOutcome>();
        foreach (var mode in modes ?? [NoLimit, Adaptive, AdaptiveRedis, PerProcess, RedisShared])
            outcomes.Add(await RunModeAsync(mode, calls, redis));
        return outcomes;
    }

    /// <summary>
    /// Part 5 alone, to tune a limiter: <c>--fleet-only CALLS [MODE...]</c>; prints one line per mode. With
    /// <c>SPECWRIGHT_FLEET_TRACE=1</c> each 429 the sandbox sent is listed with its time and the calls admitted in the minute before.
    /// </summary>
    public static async Task<int> RunAloneAsync(string[] args)
    {
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        var modes = args.Length > 2 ? args[2..] : null;
        if (modes?.FirstOrDefault(m => !Names.ContainsKey(m)) is { } unknown)
        {
            Console.Error.WriteLine($"{Flag}: unknown mode '{unknown}' (use {string.Join(", ", Names.Keys)})");
            return 2;
        }
        foreach (var o in await RunAsync(calls, modes))
            Console.WriteLine(FormattableString.Invariant(
                $"{o.Caller}: {o.Succeeded} ok, {o.Failed} failed, {o.Seen429} 429s ({o.Share429:P1}), goodput {o.Goodput:P1}, {o.SimulatedWall.TotalMinutes:0.00} min simulated"));
        return 0;
    }

    private static async Task<ThroughputOutcome> RunModeAsync(string mode, int calls, RedisServer redis)
    {
        var realStart = DateTimeOffset.UtcNow;
        var run = Guid.NewGuid().ToString("N"); // one partition for the whole fleet of this run
        var clock = new ScaledClock(Scale, realStart);
        var options = new SandboxOptions { TimeProvider = clock, RequestsPerMinute = PerMinute, MaxConcurrentRequests = Concurrent, DemoCredits = calls * 3 };
        await using var sandbox = await SandboxServer.StartAsync(options);
        var real = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Workers).Select(_ => Process.Start(WorkerArgs.Self(
        [
            FleetWorker.Flag, "--mode", mode, "--base-url", sandbox.WebScrapeBaseUrl.AbsoluteUri, "--key", SandboxOptions.DemoWebScrapeKey,
            "--calls", (calls / Workers).ToString(CultureInfo.InvariantCulture), "--callers", CallersPerWorker.ToString(CultureInfo.InvariantCulture),
            "--clock-start", realStart.UtcTicks.ToString(CultureInfo.InvariantCulture), "--scale", Scale.ToString(CultureInfo.InvariantCulture),
            "--per-minute", PerMinute.ToString(CultureInfo.InvariantCulture), "--concurrent", Concurrent.ToString(CultureInfo.InvariantCulture),
            "--redis", redis.Configuration, "--run", run,
        ]))!).ToList();
        var succeeded = 0;
        var failed = 0;
        foreach (var worker in workers)
        {
            var output = await worker.StandardOutput.ReadToEndAsync();
            var errors = await worker.StandardError.ReadToEndAsync();
            await worker.WaitForExitAsync();
            var parts = output.Trim().Split(' ');
            if (worker.ExitCode != 0 || parts.Length != 2) throw new InvalidOperationException($"a fleet worker failed (exit {worker.ExitCode}): {errors}");
            succeeded += int.Parse(parts[0], CultureInfo.InvariantCulture);
            failed += int.Parse(parts[1], CultureInfo.InvariantCulture);
            worker.Dispose();
        }
        // From the first request the sandbox saw to the last: the workers' start-up is not the limiter's doing.
        var scrapes = sandbox.State.Log.Calls.Where(c => c.Operation == WebScrapeSpec.Operations.Scrape.Id).ToList();
        var wall = scrapes.Max(c => c.At) - scrapes.Min(c => c.At);
        if (Environment.GetEnvironmentVariable("SPECWRIGHT_FLEET_TRACE") == "1")
        {
            var first = scrapes.Min(c => c.At);
            foreach (var refused in scrapes.Where(c => c.Status == 429))
                Console.Error.WriteLine(FormattableString.Invariant(
                    $"  {mode}: 429 at {(refused.At - first).TotalSeconds:0.000} s, {scrapes.Count(c => c.Status == 200 && c.At <= refused.At && refused.At - c.At < TimeSpan.FromMinutes(1))} admitted in the minute before"));
        }
        return new ThroughputOutcome(Names[mode], calls, succeeded, failed, scrapes.Count(c => c.Status == 429), wall, real.Elapsed, PerMinute);
    }
}
