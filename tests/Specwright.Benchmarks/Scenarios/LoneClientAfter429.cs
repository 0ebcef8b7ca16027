using System.Diagnostics;
using Specwright.Sandbox;
using Specwright.Sandbox.Faults;
using Specwright.WebScrape;

namespace Specwright.Benchmarks.Scenarios;

/// <summary>What one 429 cost a lone client: the call that drew it (its retry included), then six calls after it.</summary>
public sealed record LoneClientOutcome(string Client, TimeSpan RefusedCall, TimeSpan SixAfter);

/// <summary>
/// Part 3, in real time: a client alone on its key makes two scrapes, then draws one 429 naming the key's 60 a minute with
/// <c>Retry-After: 1</c> (the sandbox's fault, as if a neighbour had used the rest of the minute), then makes six more.
/// The vendors' own SDKs wait the 1 s and go on; so must the adaptive limiter, on by default.
/// </summary>
public static class LoneClientAfter429
{
    public const string Adaptive = "Specwright, adaptive limit (the default)";
    public const string NoLimiter = "Specwright, AdaptiveRateLimit = false";

    public const string Flag = "--lone-429-only";

    /// <summary>This scenario alone: <c>--lone-429-only</c>; prints one line per client.</summary>
    public static async Task<int> RunAloneAsync()
    {
        foreach (var o in await RunAsync())
            Console.WriteLine(FormattableString.Invariant($"{o.Client}: refused call {o.RefusedCall.TotalSeconds:0.00} s, six after it {o.SixAfter.TotalSeconds:0.00} s"));
        return 0;
    }

    public static async Task<IReadOnlyList<LoneClientOutcome>> RunAsync() =>
        [await RunAsync(Adaptive, adaptive: true), await RunAsync(NoLimiter, adaptive: false)];

    private static async Task<LoneClientOutcome> RunAsync(string name, bool adaptive)
    {
        var options = new SandboxOptions { RequestsPerMinute = ThroughputUnderRateLimits.PerMinute, DemoCredits = 100 };
        await using var session = await SandboxSession.StartAsync(options, TimeProvider.System, o => o.AdaptiveRateLimit = adaptive);
        for (var i = 0; i < 2; i++) await ScrapeAsync(session, i);
        session.Server.State.Faults.Arm(new FaultRule { Kind = "status", Status = 429, RetryAfter = 1, Service = "webscrape", Operation = WebScrapeSpec.Operations.Scrape.Id });
        var watch = Stopwatch.StartNew();
        await ScrapeAsync(session, 2);
        var refused = watch.Elapsed;
        watch.Restart();
        for (var i = 3; i < 9; i++) await ScrapeAsync(session, i);
        if (session.Calls(WebScrapeSpec.Operations.Scrape.Id, 429) != 1) throw new InvalidOperationException($"{name}: the sandbox should have answered exactly one 429");
        return new LoneClientOutcome(name, refused, watch.Elapsed);
    }

    private static Task ScrapeAsync(SandboxSession session, int i) =>
        session.Client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri($"https://example.com/lone/{i}") });
}
