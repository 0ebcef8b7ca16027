using System.Diagnostics;
using Specwright.Core.Options;
using Specwright.Sandbox;
using Specwright.WebScrape;

namespace Specwright.Benchmarks.Scenarios;

/// <summary>One caller's batch: how much of the plan's limit it used, and what it cost in 429s and failures.</summary>
public sealed record ThroughputOutcome(string Caller, int Calls, int Succeeded, int Failed, int Seen429, TimeSpan SimulatedWall, TimeSpan RealWall, int LimitPerMinute)
{
    /// <summary>
    /// The least time the limit allows for the calls that succeeded: a rolling minute admits <see cref="LimitPerMinute"/>
    /// calls at once, so the last group starts ⌈succeeded / limit⌉ − 1 minutes after the first.
    /// </summary>
    public TimeSpan BestPossible => TimeSpan.FromMinutes(Math.Max(0, Math.Ceiling((double)Succeeded / LimitPerMinute) - 1));

    /// <summary>The share of the limit turned into successful calls: the least time those calls needed over the time taken.</summary>
    public double Goodput => SimulatedWall <= TimeSpan.Zero ? 0 : Math.Min(1, BestPossible / SimulatedWall);

    public double Share429 => (double)Seen429 / Calls;
}

/// <summary>
/// Part 3: a batch of scrape calls against a sandbox that allows 60 requests a minute and 5 at once, on a
/// clock run <see cref="Scale"/> times faster than real time. Goodput counts a call once, when it succeeds.
/// </summary>
public static class ThroughputUnderRateLimits
{
    public const int PerMinute = 60;
    public const int Concurrent = 5;
    public const double Scale = 60; // one simulated minute per real second
    private static readonly string Scrape = WebScrapeSpec.Operations.Scrape.Id;

    public static async Task<IReadOnlyList<ThroughputOutcome>> RunAsync(int calls)
    {
        return
        [
            await BatchAsync("Specwright, no client limit (5 workers, retries 429s)", calls, workers: Concurrent, limit: null),
            await BatchAsync($"Specwright, RateLimit {PerMinute}/min, {Concurrent} at once (all calls started together)", calls, workers: calls,
                limit: new ClientRateLimit { RequestsPerMinute = PerMinute, MaxConcurrentRequests = Concurrent }),
        ];
    }

    private static async Task<ThroughputOutcome> BatchAsync(string caller, int calls, int workers, ClientRateLimit? limit)
    {
        var clock = new ScaledClock(Scale);
        var options = new SandboxOptions
        {
            TimeProvider = clock, RequestsPerMinute = PerMinute, MaxConcurrentRequests = Concurrent, DemoCredits = calls * 2,
        };
        await using var session = await SandboxSession.StartAsync(options, clock, o => o.RateLimit = limit);
        var succeeded = 0;
        var failed = 0;
        var started = clock.GetUtcNow();
        var real = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, ct) =>
        {
            try
            {
                await session.Client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri($"https://example.com/page/{i}") }, ct);
                Interlocked.Increment(ref succeeded);
            }
            catch (Core.Errors.SpecwrightException)
            {
                Interlocked.Increment(ref failed);
            }
        });
        var wall = clock.GetUtcNow() - started;
        return new ThroughputOutcome(caller, calls, succeeded, failed, session.Calls(Scrape, 429), wall, real.Elapsed, PerMinute);
    }
}
