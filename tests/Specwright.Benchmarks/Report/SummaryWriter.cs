using System.Globalization;
using System.Text;
using Specwright.Benchmarks.Overhead;
using Specwright.Benchmarks.Fleet;
using Specwright.Benchmarks.Scenarios;

namespace Specwright.Benchmarks.Report;

/// <summary>Everything one run measured, and the machine it ran on.</summary>
public sealed record BenchmarkResults(
    RunSettings Settings,
    IReadOnlyList<string> Machine,
    IReadOnlyList<OverheadRow> Overhead,
    IReadOnlyList<PollOutcome> Polling,
    IReadOnlyList<ThroughputOutcome> Throughput,
    IReadOnlyList<LoneClientOutcome> LoneClient,
    IReadOnlyList<LargeResultOutcome> LargeResults,
    IReadOnlyList<ThroughputOutcome> Fleet,
    WebhookFleetOutcome Webhooks);

/// <summary>Writes docs/benchmarks.md: the targets first (met or not, with the number), then each part's table.</summary>
public static class SummaryWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Operations = ["scrape", "smartscraper", "get-run"];
    private static readonly string[] Peers = ["NSwag default", "Kiota adapter"];
    private const string Specwright = "Specwright";
    private static readonly TimeSpan CappedInterval = WebScrape.WebScrapeSpec.Operations.GetSmartBrowseRun.Polling.MaxInterval;

    public static string Write(BenchmarkResults r)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        md.AppendLine($"Written by `make bench` (`tests/Specwright.Benchmarks`, BenchmarkDotNet job `{r.Settings.JobName}`) on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        md.AppendLine("Timing lives here, never in pass/fail tests; CI runs the same program with `--job short` as a smoke test only.");
        md.AppendLine($"BenchmarkDotNet's own reports (Markdown, CSV, HTML) are in `{Relative(r.Settings.OutputDirectory)}/overhead/results/`.");
        md.AppendLine();
        md.AppendLine("Machine:");
        md.AppendLine();
        md.AppendLine("```");
        foreach (var line in r.Machine) md.AppendLine(line);
        md.AppendLine("```");
        md.AppendLine();
        Targets(md, r);
        Overhead(md, r.Overhead);
        Polling(md, r.Polling);
        Throughput(md, r.Throughput, r.LoneClient);
        Large(md, r.LargeResults);
        FleetPart(md, r.Fleet);
        WebhooksPart(md, r.Webhooks);
        return md.ToString();
    }

    private static void Targets(StringBuilder md, BenchmarkResults r)
    {
        md.AppendLine("## Targets");
        md.AppendLine();
        md.AppendLine("| Target | Measured | Met |");
        md.AppendLine("|---|---|---|");
        foreach (var op in Operations)
        {
            var floor = Find(r.Overhead, op, PerCallOverhead.Floor);
            var sw = Find(r.Overhead, op, Specwright);
            if (floor is null || sw is null) continue;
            var time = sw.MeanNs / floor.MeanNs;
            var alloc = (double)sw.AllocatedBytes / floor.AllocatedBytes;
            Row(md, $"{op}: time ≤ 1.15x floor", $"{time:0.00}x ({Ns(sw.MeanNs)} vs {Ns(floor.MeanNs)})", time <= 1.15);
            Row(md, $"{op}: allocations ≤ 1.3x floor", $"{alloc:0.00}x ({sw.AllocatedBytes:N0} B vs {floor.AllocatedBytes:N0} B)", alloc <= 1.3);
            foreach (var peer in Peers)
                if (Find(r.Overhead, op, peer) is { } p)
                    Row(md, $"{op}: ahead of {peer} (time and allocations)",
                        $"{sw.MeanNs / p.MeanNs:0.00}x time, {(double)sw.AllocatedBytes / p.AllocatedBytes:0.00}x allocations",
                        sw.MeanNs < p.MeanNs && sw.AllocatedBytes < p.AllocatedBytes);
        }
        var polls = r.Polling.GroupBy(p => p.RunTime).ToList();
        if (polls.Count > 0)
        {
            var worstDelay = r.Polling.Where(p => p.Strategy == PollingEfficiency.SpecwrightStrategy).Max(p => p.DetectionDelay);
            Row(md, $"polling: completion seen within one capped interval ({CappedInterval.TotalSeconds:0} s)", $"worst delay {worstDelay.TotalSeconds:0.##} s", worstDelay <= CappedInterval);
            var longer = polls.Where(g => g.Key > TimeSpan.FromSeconds(20)).ToList();
            var fewer = longer.Count(g => Of(g, PollingEfficiency.SpecwrightStrategy).Requests < Of(g, PollingEfficiency.DocsLoopStrategy).Requests);
            Row(md, "polling: fewer requests than the 2 s loop for every run > 20 s", $"{fewer} of {longer.Count} runs", fewer == longer.Count);
        }
        foreach (var t in r.Throughput)
        {
            Row(md, $"throughput, {t.Caller}: goodput ≥ 95% of the limit", $"{t.Goodput:P1}", t.Goodput >= 0.95);
            Row(md, $"throughput, {t.Caller}: ≤ 1% of calls see a 429", $"{t.Share429:P1} ({t.Seen429} of {t.Calls})", t.Share429 <= 0.01);
        }
        if (r.LoneClient.FirstOrDefault(l => l.Client == LoneClientAfter429.Adaptive) is { } lone)
        {
            Row(md, "one 429 (Retry-After 1 s) for a lone client, adaptive default: the retry waits about 1 s (≤ 1.5 s)", $"{lone.RefusedCall.TotalSeconds:0.00} s", lone.RefusedCall <= TimeSpan.FromSeconds(1.5));
            Row(md, "one 429 for a lone client, adaptive default: the six scrapes after it take < 5 s", $"{lone.SixAfter.TotalSeconds:0.00} s", lone.SixAfter < TimeSpan.FromSeconds(5));
        }
        foreach (var l in r.LargeResults.Where(l => l.Reader.StartsWith(Specwright, StringComparison.Ordinal)))
        {
            var ratio = (double)l.Cost.PeakLiveBytes / l.JsonBytes;
            Row(md, $"large result, {l.Reader}: peak memory ≤ 1.5x JSON size", $"{ratio:0.00}x ({Mb(l.Cost.PeakLiveBytes)} for {Mb(l.JsonBytes)} of JSON)", ratio <= 1.5);
        }
        FleetTargetRows(md, r);
        md.AppendLine();
    }

    /// <summary>The fleet rows the issue sets targets for: the Redis-shared limit and the adaptive one (learned together in Redis).</summary>
    private static readonly string[] FleetTargets = [FleetThroughput.RedisShared, FleetThroughput.AdaptiveRedis];

    private static void FleetTargetRows(StringBuilder md, BenchmarkResults r)
    {
        foreach (var mode in FleetTargets)
        {
            var name = FleetThroughput.Names[mode];
            if (r.Fleet.FirstOrDefault(f => f.Caller == name) is not { } t) continue;
            Row(md, $"{name}: goodput ≥ 95%", $"{t.Goodput:P1}", t.Goodput >= 0.95);
            Row(md, $"{name}: ≤ 1% of calls see a 429", $"{t.Share429:P1} ({t.Seen429} of {t.Calls})", t.Share429 <= 0.01);
        }
        var w = r.Webhooks;
        Row(md, "webhook fleet: every event's side effect exactly once (one receiver killed mid-handling)",
            $"{w.HandledOnce} of {w.Events} once, {w.HandledTwiceOrMore} more than once, {w.NeverHandled} never", w.HandledOnce == w.Events);
    }

    private static void FleetPart(StringBuilder md, IReadOnlyList<ThroughputOutcome> rows)
    {
        md.AppendLine("## 5. A fleet of workers on one key");
        md.AppendLine();
        md.AppendLine($"{FleetThroughput.Workers} worker processes × {FleetThroughput.CallersPerWorker} concurrent callers, scrape calls on one key, against a sandbox allowing");
        md.AppendLine($"{ThroughputUnderRateLimits.PerMinute} requests per rolling minute and {ThroughputUnderRateLimits.Concurrent} in flight; every clock {FleetThroughput.Scale:0}x faster than real time (real processes, a real");
        md.AppendLine("redis-server). Time is measured from the first call the sandbox answered to the last. Goodput and 429s as in part 3.");
        md.AppendLine();
        ThroughputTable(md, "Limit", rows);
        foreach (var line in FleetNotes) md.AppendLine(line);
        md.AppendLine();
    }

    /// <summary>Why the fleet's rows are what they are: the design's limits, not this run's luck.</summary>
    private static readonly string[] FleetNotes =
    [
        "- Learned together in Redis, the fleet draws about one 429 per process when it first meets the limit (that 429 names the",
        "  limit), then none: every start since the first call is recorded in Redis, so the named limit applies to the very minute",
        "  the API refused. Each process alone can only find its part by drawing 429s: the limit a 429 names is a ceiling (a lone",
        "  client must never be held back below it), a second burst of 429s lowers the process to what the API counted of its own",
        "  (a quarter less when it was at its own limit), and a quiet minute gives the ceiling back, probed one start at a time,",
        "  which draws 429s again. The adaptive target is met with Redis, not alone.",
        "- A limit per process lets each process believe it has the key's whole budget: 4 times the limit, the most 429s of all.",
    ];

    private static void WebhooksPart(StringBuilder md, WebhookFleetOutcome w)
    {
        md.AppendLine("## 6. A fleet of webhook receivers");
        md.AppendLine();
        md.AppendLine("3 receiver processes (Specwright.Webhooks.AspNetCore with the Redis claim store) behind a round-robin forwarder; every event");
        md.AppendLine("delivered twice in random order, 24 deliveries at a time; the first receiver killed after a quarter of the deliveries, while");
        md.AppendLine("it holds claims. A failed delivery (a dead receiver, or 409 for an event being handled elsewhere) goes to the next receiver");
        md.AppendLine("0.1 s later. Side effects are counted per event in Redis.");
        md.AppendLine();
        md.AppendLine("| Events | Deliveries | Redeliveries | 409 (in progress elsewhere) | Handled once | More than once | Never | Real wall time |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        md.AppendLine($"| {w.Events:N0} | {w.Deliveries:N0} | {w.Redeliveries:N0} | {w.Conflicts:N0} | {w.HandledOnce:N0} | {w.HandledTwiceOrMore:N0} | {w.NeverHandled:N0} | {w.RealWall.TotalSeconds:0.0} s |");
        md.AppendLine();
        md.AppendLine("An event handled more than once is one the killed receiver had done (its side effect counted) but not yet marked handled:");
        md.AppendLine("its claim expires and the redelivery runs the handler again. No event is lost. Exactly once needs the side effect and");
        md.AppendLine("the \"handled\" mark in one transaction, or an idempotent side effect; the claim store alone gives at-least-once, made once");
        md.AppendLine("in every case but a receiver dying between the two.");
        md.AppendLine();
    }

    private static void Overhead(StringBuilder md, IReadOnlyList<OverheadRow> rows)
    {
        md.AppendLine("## 1. Per-call overhead");
        md.AppendLine();
        md.AppendLine("One call end to end (request built, sent, envelope read into models) over an in-process transport that answers with");
        md.AppendLine("the docs' example envelopes from `openapi/webscrape.yaml`. Floor: `HttpClient` + `System.Text.Json` with the SDK's");
        md.AppendLine("source-generated metadata, written by hand. Specwright: `WebScrapeClient` with its whole pipeline (retry policy and");
        md.AppendLine("per-attempt timeout, redirects, user agent, key), ending in the in-process transport where `new WebScrapeClient(options)`");
        md.AppendLine("has its socket handler. NSwag default: `nswag openapi2csclient` with default settings (System.Text.Json, reflection).");
        md.AppendLine("Kiota adapter: `HttpClientRequestAdapter` over `KiotaClientFactory`'s default middleware, with Kiota-style `IParsable`");
        md.AppendLine("models (Kiota's generator is not installable here). Every contender's results are checked equal before timing.");
        md.AppendLine();
        md.AppendLine("| Operation | Contender | Mean | Allocated | Time / floor | Alloc / floor | Specwright / this (time) | Specwright / this (alloc) |");
        md.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|");
        foreach (var op in Operations)
        {
            var floor = Find(rows, op, PerCallOverhead.Floor);
            var sw = Find(rows, op, Specwright);
            foreach (var row in rows.Where(x => x.Operation == op))
                md.AppendLine($"| {op} | {row.Contender} | {Ns(row.MeanNs)} | {row.AllocatedBytes:N0} B | {Ratio(row.MeanNs, floor?.MeanNs)} | {Ratio(row.AllocatedBytes, floor?.AllocatedBytes)} | {Ratio(sw?.MeanNs, row.MeanNs)} | {Ratio(sw?.AllocatedBytes, row.AllocatedBytes)} |");
        }
        md.AppendLine();
    }

    private static void Polling(StringBuilder md, IReadOnlyList<PollOutcome> rows)
    {
        md.AppendLine("## 2. Polling efficiency");
        md.AppendLine();
        md.AppendLine("A SmartBrowse run of the given length on the sandbox, simulated time. Specwright: `RunAndWaitAsync` with the spec's");
        md.AppendLine("schedule (first poll after 2 s, x1.5, capped at 10 s). Docs: the documented loop (poll at once, then every 2 s).");
        md.AppendLine("Requests are `getSmartBrowseRun` calls the sandbox logged; delay is when the caller saw `completed` minus the run's `completed_at`.");
        md.AppendLine();
        md.AppendLine("| Run time | Specwright requests | Docs loop requests | Specwright / docs | Specwright delay | Docs loop delay |");
        md.AppendLine("|--:|--:|--:|--:|--:|--:|");
        foreach (var g in rows.GroupBy(p => p.RunTime))
        {
            var sw = Of(g, PollingEfficiency.SpecwrightStrategy);
            var docs = Of(g, PollingEfficiency.DocsLoopStrategy);
            md.AppendLine($"| {Span(g.Key)} | {sw.Requests} | {docs.Requests} | {Ratio(sw.Requests, docs.Requests)} | {sw.DetectionDelay.TotalSeconds:0.##} s | {docs.DetectionDelay.TotalSeconds:0.##} s |");
        }
        md.AppendLine();
    }

    private static void Throughput(StringBuilder md, IReadOnlyList<ThroughputOutcome> rows, IReadOnlyList<LoneClientOutcome> lone)
    {
        md.AppendLine("## 3. Throughput under rate limits");
        md.AppendLine();
        md.AppendLine($"Scrape calls against a sandbox allowing {ThroughputUnderRateLimits.PerMinute} requests per rolling minute and {ThroughputUnderRateLimits.Concurrent} in flight,");
        md.AppendLine($"its clock and the client's run {ThroughputUnderRateLimits.Scale:0}x faster than real time. Retries are the vendor's (2, honouring `Retry-After`).");
        md.AppendLine("Goodput: the least time the limit allows for the calls that succeeded (60 at once, the next 60 a minute later:");
        md.AppendLine("⌈succeeded / 60⌉ − 1 minutes) over the simulated time taken. 429s: answers the sandbox logged with 429.");
        md.AppendLine();
        ThroughputTable(md, "Caller", rows);
        md.AppendLine("One 429 for a client alone on its key, in real time: two scrapes, then a 429 naming the key's 60 a minute with");
        md.AppendLine("`Retry-After: 1` (as if a neighbour had used the rest of the minute), then six scrapes.");
        md.AppendLine();
        md.AppendLine("| Client | The refused call, its retry included | The six calls after it |");
        md.AppendLine("|---|--:|--:|");
        foreach (var l in lone)
            md.AppendLine($"| {l.Client} | {l.RefusedCall.TotalSeconds:0.00} s | {l.SixAfter.TotalSeconds:0.00} s |");
        md.AppendLine();
    }

    /// <summary>The one table of calls, 429s and goodput that parts 3 and 5 share; <paramref name="first"/> names the first column.</summary>
    private static void ThroughputTable(StringBuilder md, string first, IReadOnlyList<ThroughputOutcome> rows)
    {
        md.AppendLine($"| {first} | Calls | Succeeded | Failed | 429s | 429s / calls | Best possible | Simulated wall time | Real wall time | Goodput |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var t in rows)
            md.AppendLine($"| {t.Caller} | {t.Calls:N0} | {t.Succeeded:N0} | {t.Failed:N0} | {t.Seen429:N0} | {t.Share429:P1} | {Span(t.BestPossible)} | {Span(t.SimulatedWall)} | {t.RealWall.TotalSeconds:0.0} s | {t.Goodput:P1} |");
        md.AppendLine();
    }

    private static void Large(StringBuilder md, IReadOnlyList<LargeResultOutcome> rows)
    {
        md.AppendLine("## 4. Large results");
        md.AppendLine();
        md.AppendLine($"A completed SmartBrowse run of {LargeResults.Pages} pages x {LargeResults.ItemsPerPage:N0} items from the sandbox; each reader gets the same bytes");
        md.AppendLine("from memory. Time and allocations: an undisturbed read. Peak live: the most managed memory live at once during a");
        md.AppendLine("second read (full collections every 2 ms on the other core; garbage not counted), or what the result keeps, if more.");
        md.AppendLine("Retained: what the caller holds afterwards (the whole run; for the streamed reader, a count). Median of the repeats.");
        md.AppendLine();
        md.AppendLine("| Reader | Items | JSON | Time | Allocated | Peak live | Peak live / JSON | Retained | Time / raw STJ | Peak live / raw STJ |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        var raw = rows.FirstOrDefault(l => l.Reader.StartsWith("raw", StringComparison.Ordinal));
        foreach (var l in rows)
            md.AppendLine($"| {l.Reader} | {l.Items:N0} | {Mb(l.JsonBytes)} | {l.Cost.Time.TotalMilliseconds:0} ms | {Mb(l.Cost.AllocatedBytes)} | {Mb(l.Cost.PeakLiveBytes)} | {Ratio(l.Cost.PeakLiveBytes, l.JsonBytes)} | {Mb(l.Cost.RetainedBytes)} | {Ratio(l.Cost.Time.Ticks, raw?.Cost.Time.Ticks)} | {Ratio(l.Cost.PeakLiveBytes, raw?.Cost.PeakLiveBytes)} |");
        md.AppendLine();
    }

    private static OverheadRow? Find(IReadOnlyList<OverheadRow> rows, string op, string contender) =>
        rows.FirstOrDefault(x => x.Operation == op && x.Contender == contender);

    private static PollOutcome Of(IGrouping<TimeSpan, PollOutcome> g, string strategy) => g.Single(p => p.Strategy == strategy);

    private static void Row(StringBuilder md, string target, string measured, bool met) =>
        md.AppendLine($"| {target} | {measured} | {(met ? "yes" : "**no**")} |");

    private static string Ratio(double? a, double? b) => a is { } x && b is { } y && y != 0 ? (x / y).ToString("0.00", Inv) + "x" : "-";
    private static string Ns(double ns) => ns >= 1000 ? (ns / 1000).ToString("0.00", Inv) + " µs" : ns.ToString("0", Inv) + " ns";
    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.00", Inv) + " MiB";
    private static string Span(TimeSpan t) => t.TotalSeconds < 60 ? $"{t.TotalSeconds:0.#} s" : $"{t.TotalMinutes:0.##} min";
    private static string Relative(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
}
