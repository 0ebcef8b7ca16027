using Specwright.Core.Polling;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Specwright.Sandbox.WebScrape.SmartBrowse;
using Specwright.WebScrape;

namespace Specwright.Sandbox.Tests;

/// <summary>SmartBrowse runs end to end: progress, billing on completion, failures, drift, cancel, usage, webhooks.</summary>
public sealed class SmartBrowseIntegrationTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    internal sealed record Item(string Name, string Price);

    private sealed class Recorder : IProgress<SmartBrowseRun>
    {
        public List<(string Status, int Pages)> Seen { get; } = [];
        public void Report(SmartBrowseRun value) { lock (Seen) Seen.Add((value.RunStatus.Value, value.PagesExtracted)); }
    }

    [Fact]
    public async Task The_docs_recipe_completes_with_3_pages_87_items_and_is_billed_6_credits_on_completion()
    {
        var key = sandbox.NewKey();
        using var client = sandbox.Client(key, clock: TimeProvider.System);
        var progress = new Recorder();

        var run = await client.SmartBrowse.RunAndWaitAsync(RecipeBook.Catalogue,
            progress, SandboxFixture.FastPolling);

        Assert.Equal(RunStatus.Completed, run.RunStatus);
        Assert.Equal((3, 87, 6), (run.PagesExtracted, run.ItemsExtracted, run.CreditsUsed));
        Assert.Equal(87, run.Items.Count());
        var first = run.Items.First();
        Assert.Equal(("Product A", "$19.99"), (first.GetProperty("name").GetString(), first.GetProperty("price").GetString()));
        Assert.Equal("replay", run.Result!.Mode);
        Assert.Equal(0.02, run.Result.Drift);
        Assert.Empty(run.Result.Warnings!);
        Assert.NotNull(run.StartedAt);
        Assert.True(run.CompletedAt >= run.StartedAt);
        Assert.Equal(494, sandbox.State.Accounts.Find(key)!.Balance);

        // Progress went through running with pages growing, never backwards.
        Assert.Contains(progress.Seen, s => s.Status == "running");
        Assert.Equal("completed", progress.Seen[^1].Status);
        Assert.True(progress.Seen.Zip(progress.Seen.Skip(1)).All(p => p.First.Pages <= p.Second.Pages));
    }

    [Fact]
    public async Task Runs_are_billed_exactly_once_however_often_they_are_polled()
    {
        var key = sandbox.NewKey();
        using var client = sandbox.Client(key, clock: TimeProvider.System);
        var run = await client.SmartBrowse.RunAndWaitAsync(RecipeBook.Catalogue, schedule: SandboxFixture.FastPolling);
        var polls = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SmartBrowse.GetRunAsync(run.Id)));
        Assert.All(polls, p => Assert.Equal((0, 494, 6), (p.CreditsUsed, p.CreditsRemaining, p.Value.CreditsUsed)));
        Assert.Equal(494, sandbox.State.Accounts.Find(key)!.Balance);
    }

    [Fact]
    public async Task A_queued_run_reports_queued_then_running()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = SandboxOptions.Fast();
        options.TimeProvider = clock;
        options.RunQueueDelay = TimeSpan.FromSeconds(5);
        options.RunPageDuration = TimeSpan.FromSeconds(10);
        await using var slow = await SandboxServer.StartAsync(options);
        using var client = new WebScrapeClient(new HttpClient(), new WebScrapeClientOptions { ApiKey = SandboxOptions.DemoWebScrapeKey, BaseUrl = slow.WebScrapeBaseUrl });

        var dispatch = await client.SmartBrowse.RunAsync(RecipeBook.Catalogue);
        Assert.Equal(RunStatus.Queued, dispatch.Value.RunStatus);
        Assert.Equal($"/v1/smartbrowse/runs/{dispatch.Value.RunId}", dispatch.Value.PollUrl);
        Assert.Null(dispatch.CreditsUsed);
        var queued = (await client.SmartBrowse.GetRunAsync(dispatch.Value.RunId)).Value;
        Assert.Equal((RunStatus.Queued, 0, (DateTimeOffset?)null), (queued.RunStatus, queued.PagesExtracted, queued.StartedAt));

        clock.Advance(TimeSpan.FromSeconds(16));
        var running = (await client.SmartBrowse.GetRunAsync(dispatch.Value.RunId)).Value;
        Assert.Equal((RunStatus.Running, 1, 29, 2), (running.RunStatus, running.PagesExtracted, running.ItemsExtracted, running.CreditsUsed));
        Assert.Null(running.Result);
        Assert.Equal(500, (await client.SmartBrowse.GetRunAsync(dispatch.Value.RunId)).CreditsRemaining); // accrued, not billed yet

        clock.Advance(TimeSpan.FromSeconds(30));
        var done = await client.SmartBrowse.GetRunAsync(dispatch.Value.RunId);
        Assert.Equal((RunStatus.Completed, 494), (done.Value.RunStatus, done.CreditsRemaining));
    }

    [Fact]
    public async Task A_failing_recipe_throws_run_failed_and_costs_nothing()
    {
        var key = sandbox.NewKey();
        using var client = sandbox.Client(key, clock: TimeProvider.System);
        var e = await Assert.ThrowsAsync<OperationFailedException<SmartBrowseRun>>(() =>
            client.SmartBrowse.RunAndWaitAsync(RecipeBook.Failing, schedule: SandboxFixture.FastPolling));
        Assert.Equal(RunStatus.Failed, e.Last.RunStatus);
        Assert.Equal("target page did not load within timeout", e.Last.Error);
        Assert.Equal((0, 0), (e.Last.PagesExtracted, e.Last.CreditsUsed));
        Assert.Equal(500, sandbox.State.Accounts.Find(key)!.Balance);
    }

    [Fact]
    public async Task A_drifted_recipe_completes_early_with_drift_and_a_warning()
    {
        using var client = sandbox.Client(sandbox.NewKey(), clock: TimeProvider.System);
        var run = await client.SmartBrowse.RunAndWaitAsync(RecipeBook.Drifted, schedule: SandboxFixture.FastPolling);
        Assert.Equal((4, 40, 8), (run.PagesExtracted, run.ItemsExtracted, run.CreditsUsed));
        Assert.Equal(0.31, run.Result!.Drift);
        Assert.Equal(["pagination stalled after page 4 of 5"], run.Result.Warnings!);
    }

    [Fact]
    public async Task The_balance_at_dispatch_caps_the_pages_and_usage_says_so()
    {
        var key = sandbox.NewKey(credits: 4);
        using var client = sandbox.Client(key, clock: TimeProvider.System);
        var run = await client.SmartBrowse.RunAndWaitAsync(RecipeBook.Catalogue, schedule: SandboxFixture.FastPolling);
        Assert.Equal((2, 4), (run.PagesExtracted, run.CreditsUsed));
        Assert.Equal(["stopped at 2 pages: the balance at dispatch covered no more"], run.Result!.Warnings!);
        var usage = (await client.SmartBrowse.GetUsageAsync()).Value;
        Assert.Equal((run.Id, 2, true, RunStatus.Completed), (usage.LastRun!.Id, usage.LastRun.EffectiveCap, usage.LastRun.ClampedByCredits, usage.LastRun.Status));
        Assert.Equal(0, sandbox.State.Accounts.Find(key)!.Balance);
    }

    [Fact]
    public async Task Usage_counts_runs_and_the_monthly_quota_gives_sb_runs_per_month()
    {
        var key = sandbox.NewKey();
        using var client = sandbox.Client(key);
        var fresh = (await client.SmartBrowse.GetUsageAsync()).Value;
        Assert.Equal((0, null), (fresh.RunsUsed30d, fresh.LastRun));
        Assert.Equal(WebScrapeSpec.Operations.DispatchSmartBrowseRun.CreditCost, fresh.CostPerPage);

        var cap = sandbox.State.Options.RunsPerMonthCap;
        for (var i = 0; i < cap; i++) await client.SmartBrowse.RunAsync(RecipeBook.Catalogue);
        var e = await Assert.ThrowsAsync<RateLimitedException>(() => client.SmartBrowse.RunAsync(RecipeBook.Catalogue));
        Assert.Equal((RateLimitReason.SbRunsPerMonth, cap, cap, "30d"), (e.DetailsModel!.Reason, e.DetailsModel.Used, e.DetailsModel.Limit, e.DetailsModel.Window));
        Assert.Null(e.RetryAfter);
        Assert.Equal(cap, (await client.SmartBrowse.GetUsageAsync()).Value.RunsUsed30d);
    }

    [Fact]
    public async Task Concurrent_dispatches_never_exceed_the_quota()
    {
        var key = sandbox.NewKey();
        using var client = sandbox.Client(key, maxRetries: 0);
        var cap = sandbox.State.Options.RunsPerMonthCap;
        var results = await Task.WhenAll(Enumerable.Range(0, cap + 20).Select(async _ =>
        {
            try { await client.SmartBrowse.RunAsync(RecipeBook.Catalogue); return true; }
            catch (RateLimitedException) { return false; }
        }));
        Assert.Equal(cap, results.Count(ok => ok));
    }

    [Fact]
    public async Task A_big_runs_items_stream_one_by_one_and_match_the_whole_result()
    {
        var key = sandbox.NewKey();
        sandbox.State.Recipes.Put(new Recipe { Id = "B1gSTReam01", Pages = 25, ItemsPerPage = 400, PageDuration = TimeSpan.FromMilliseconds(1) });
        using var client = sandbox.Client(key, clock: TimeProvider.System);
        var run = await client.SmartBrowse.RunAndWaitAsync("B1gSTReam01", schedule: SandboxFixture.FastPolling);

        var streamed = new List<Item>();
        await foreach (var item in client.SmartBrowse.ReadRunItemsAsync(run.Id, ItemJson.Default.Item)) streamed.Add(item);

        Assert.Equal(10_000, run.ItemsExtracted);
        Assert.Equal(run.Items.Select(i => new Item(i.GetProperty("name").GetString()!, i.GetProperty("price").GetString()!)), streamed);
    }

    [Fact]
    public async Task A_cancelled_run_ends_cancelled_and_free()
    {
        var key = sandbox.NewKey();
        sandbox.State.Recipes.Put(new Recipe { Id = "L0ngRunC4nc", Pages = 10, PageDuration = TimeSpan.FromMinutes(1) });
        using var client = sandbox.Client(key, clock: TimeProvider.System);
        var dispatch = await client.SmartBrowse.RunAsync("L0ngRunC4nc");
        using (var control = new HttpClient { BaseAddress = sandbox.Server.BaseUrl })
        {
            using var cancel = await control.PostAsync($"_sandbox/webscrape/runs/{dispatch.Value.RunId}/cancel", null);
            Assert.Equal(System.Net.HttpStatusCode.NoContent, cancel.StatusCode);
        }
        var e = await Assert.ThrowsAsync<OperationFailedException<SmartBrowseRun>>(() => client.SmartBrowse.GetRunOperation(dispatch.Value.RunId)
            .WaitForCompletionAsync(schedule: SandboxFixture.FastPolling));
        Assert.Equal((RunStatus.Cancelled, 0), (e.Last.RunStatus, e.Last.CreditsUsed));
        Assert.Equal(500, sandbox.State.Accounts.Find(key)!.Balance);
    }

    [Fact]
    public async Task A_run_longer_than_15_minutes_fails_at_the_hard_timeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new SandboxOptions { TimeProvider = clock };
        await using var slow = await SandboxServer.StartAsync(options);
        using var client = new WebScrapeClient(new HttpClient(), new WebScrapeClientOptions { ApiKey = SandboxOptions.DemoWebScrapeKey, BaseUrl = slow.WebScrapeBaseUrl });

        var dispatch = await client.SmartBrowse.RunAsync(RecipeBook.TooSlow);
        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(RunStatus.Running, (await client.SmartBrowse.GetRunAsync(dispatch.Value.RunId)).Value.RunStatus);
        clock.Advance(TimeSpan.FromMinutes(2));
        var run = (await client.SmartBrowse.GetRunAsync(dispatch.Value.RunId)).Value;
        Assert.Equal((RunStatus.Failed, 0), (run.RunStatus, run.CreditsUsed));
        Assert.Equal("run exceeded the hard timeout of 15 minutes", run.Error);
        Assert.Equal(dispatch.Value.CreatedAt + TimeSpan.FromMinutes(15), run.CompletedAt);
        Assert.Equal(500, slow.State.Accounts.Find(SandboxOptions.DemoWebScrapeKey)!.Balance);
    }

    [Fact]
    public async Task The_recipes_webhook_receives_the_documented_payload_on_completion_and_failure()
    {
        await using var listener = await WebhookListener.StartAsync();
        var headers = new Dictionary<string, string> { ["X-Hook-Secret"] = "s3cret" };
        sandbox.State.Recipes.Put(new Recipe { Id = "H00kOk00001", Pages = 2, ItemsPerPage = 3, WebhookUrl = listener.Url, WebhookHeaders = headers });
        sandbox.State.Recipes.Put(new Recipe { Id = "H00kFa11001", FailAfterPages = 0, WebhookUrl = listener.Url });
        using var client = sandbox.Client(sandbox.NewKey());

        // Nobody polls: the sandbox settles the run at its end time and delivers on its own.
        var ok = await client.SmartBrowse.RunAsync("H00kOk00001");
        var (body, received) = await listener.NextAsync();
        var payload = JsonSerializer.Deserialize(body, WebScrapeJsonContext.Default.SmartBrowseWebhookPayload)!;
        Assert.Equal((WebhookEvent.Completed, ok.Value.RunId, "H00kOk00001", RunStatus.Completed), (payload.Event, payload.RunId, payload.RecipeId, payload.Status));
        Assert.Equal((2, 6, 4, ""), (payload.PagesExtracted, payload.ItemsExtracted, payload.CreditsUsed, payload.Error));
        Assert.Equal("s3cret", received["X-Hook-Secret"]);
        Assert.Empty(await Specwright.TestSupport.ContractValidator.Instance.CheckInstanceAsync(
            WebhookSchema(), System.Text.Json.Nodes.JsonNode.Parse(body)));

        var failed = await client.SmartBrowse.RunAsync("H00kFa11001");
        var failure = JsonSerializer.Deserialize((await listener.NextAsync()).Body, WebScrapeJsonContext.Default.SmartBrowseWebhookPayload)!;
        Assert.Equal((WebhookEvent.Failed, failed.Value.RunId, 0, "target page did not load within timeout"), (failure.Event, failure.RunId, failure.CreditsUsed, failure.Error));
        Assert.Contains(sandbox.State.Log.Webhooks, w => w.Subject == ok.Value.RunId && w.Status == 204);
    }

    private static System.Text.Json.Nodes.JsonNode WebhookSchema()
    {
        var spec = Specwright.TestSupport.SpecDocument.Load("webscrape.yaml").Root;
        var schemas = spec["components"]!["schemas"]!.DeepClone();
        var schema = new System.Text.Json.Nodes.JsonObject { ["$ref"] = "#/$defs/SmartBrowseWebhookPayload", ["$defs"] = schemas };
        return System.Text.Json.Nodes.JsonNode.Parse(schema.ToJsonString().Replace("#/components/schemas/", "#/$defs/"))!;
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(SmartBrowseIntegrationTests.Item))]
internal sealed partial class ItemJson : System.Text.Json.Serialization.JsonSerializerContext;
