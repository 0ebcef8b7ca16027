using Specwright.Sandbox;
using Specwright.TestSupport;
using Specwright.Sandbox.WebScrape.SmartBrowse;
using Specwright.WebScrape;

namespace Specwright.Benchmarks.Scenarios;

/// <summary>One waiting strategy's cost for one run: polls sent, and how late the caller saw the run complete.</summary>
public sealed record PollOutcome(TimeSpan RunTime, string Strategy, int Requests, TimeSpan DetectionDelay);

/// <summary>
/// Part 2: runs that take 1 s to 10 min on the sandbox, waited for by Specwright's poller (the spec's
/// schedule: 2 s, x1.5, capped at 10 s) and by the docs' loop (poll, sleep 2 s, repeat), on simulated time.
/// </summary>
public static class PollingEfficiency
{
    public const string SpecwrightStrategy = "Specwright RunAndWaitAsync";
    public const string DocsLoopStrategy = "docs' 2 s loop";
    private static readonly TimeSpan DocsInterval = TimeSpan.FromSeconds(2);
    private static readonly string GetRun = WebScrapeSpec.Operations.GetSmartBrowseRun.Id;

    public static readonly TimeSpan[] RunTimes =
        new[] { 1, 5, 10, 15, 20, 21, 30, 45, 60, 90, 120, 180, 300, 450, 600 }.Select(s => TimeSpan.FromSeconds(s)).ToArray();

    public static async Task<IReadOnlyList<PollOutcome>> RunAsync()
    {
        // Simulated time, moved only by the caller's waits: a poll interval or backoff moves the clock and
        // fires at once (the 180 s request timeout never does). The sandbox reads the same clock; it settles
        // runs when a request observes them, so its own timers need not fire.
        var time = new TestClock { FireLimit = TimeSpan.FromSeconds(60) };
        var options = new SandboxOptions { TimeProvider = time.ReadOnly, RunQueueDelay = TimeSpan.Zero, DemoCredits = 100_000, RunsPerMonthCap = 1_000 };
        await using var session = await SandboxSession.StartAsync(options, time);
        var outcomes = new List<PollOutcome>();
        foreach (var runTime in RunTimes)
        {
            var recipe = new Recipe { Id = "Poll" + ((int)runTime.TotalSeconds).ToString("D7"), Pages = 1, ItemsPerPage = 1, PageDuration = runTime };
            session.Server.State.Recipes.Put(recipe);
            outcomes.Add(await MeasureAsync(session, time, runTime, SpecwrightStrategy,
                () => session.Client.SmartBrowse.RunAndWaitAsync(recipe.Id)));
            outcomes.Add(await MeasureAsync(session, time, runTime, DocsLoopStrategy, () => DocsLoopAsync(session.Client, recipe.Id, time)));
        }
        return outcomes;
    }

    private static async Task<PollOutcome> MeasureAsync(SandboxSession session, TimeProvider time, TimeSpan runTime, string strategy, Func<Task<SmartBrowseRun>> wait)
    {
        var before = session.Calls(GetRun);
        var run = await wait();
        var seen = time.GetUtcNow();
        if (run.RunStatus != RunStatus.Completed || run.CompletedAt is not { } completed)
            throw new InvalidOperationException($"{strategy}: the {runTime.TotalSeconds} s run ended {run.RunStatus}");
        if (completed - run.CreatedAt != runTime)
            throw new InvalidOperationException($"{strategy}: the run took {(completed - run.CreatedAt).TotalSeconds} s, not {runTime.TotalSeconds} s");
        return new PollOutcome(runTime, strategy, session.Calls(GetRun) - before, seen - completed);
    }

    // The docs' Python loop, as written there: poll at once, then every 2 s until completed or failed.
    private static async Task<SmartBrowseRun> DocsLoopAsync(WebScrapeClient client, string recipeId, TimeProvider clock)
    {
        var runId = (await client.SmartBrowse.RunAsync(recipeId)).Value.RunId;
        while (true)
        {
            var run = (await client.SmartBrowse.GetRunAsync(runId)).Value;
            if (run.RunStatus == RunStatus.Completed || run.RunStatus == RunStatus.Failed) return run;
            await Task.Delay(DocsInterval, clock);
        }
    }
}
