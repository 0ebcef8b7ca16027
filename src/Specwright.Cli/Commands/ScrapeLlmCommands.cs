using System.CommandLine;
using System.Globalization;
using Specwright.ScrapeLlm;

namespace Specwright.Cli.Commands;

/// <summary><c>specwright scrapellm …</c>: ask a scraper, submit a job (and wait), read a job.</summary>
internal static class ScrapeLlmCommands
{
    private sealed record Inputs(Argument<string> Scraper, Argument<string> Prompt, Option<string?> Country, Option<bool> BypassCache,
        Option<double?> Timeout, Option<bool> MarkdownJson, Option<bool> NoWebSearch);

    public static Command Create(CliContext ctx)
    {
        var scrapellm = new Command("scrapellm", "ScrapeLLM: ask ChatGPT, Perplexity, Gemini, Grok, Copilot, Google AI Mode or Amazon Rufus");
        scrapellm.Add(Ask(ctx));
        scrapellm.Add(Submit(ctx));
        scrapellm.Add(Job(ctx));
        return scrapellm;
    }

    private static void Act(Command command, CliContext ctx, Func<ParseResult, ServiceConnection<ScrapeLlmClient>, CancellationToken, Task> action) =>
        ServiceConnection<ScrapeLlmClient>.Act(command, ctx, Connections.ScrapeLlmAsync, action);

    private static Inputs NewInputs()
    {
        var scraper = new Argument<string>("scraper") { Description = "One of: " + string.Join(", ", ScraperId.KnownValues) };
        scraper.AcceptOnlyFromAmong(ScraperId.KnownValues.Select(s => s.Value).ToArray());
        return new Inputs(scraper,
            new Argument<string>("prompt") { Description = "The prompt (1 to 4,000 characters)" },
            new Option<string?>("--country") { Description = "Two-letter country to route through (default US)" },
            new Option<bool>("--bypass-cache") { Description = "Force a fresh answer" },
            new Option<double?>("--timeout") { Description = "Seconds the server waits for the AI provider (10 to 600)" },
            new Option<bool>("--markdown-json") { Description = "chatgpt: include the markdown token tree" },
            new Option<bool>("--no-web-search") { Description = "perplexity: answer without live web search" });
    }

    private static void AddTo(Command cmd, Inputs i)
    {
        cmd.Add(i.Scraper);
        cmd.Add(i.Prompt);
        cmd.Add(i.Country);
        cmd.Add(i.BypassCache);
        cmd.Add(i.Timeout);
        cmd.Add(i.MarkdownJson);
        cmd.Add(i.NoWebSearch);
    }

    /// <summary>The scraper's calls for these inputs: (ask, submit, submit and wait for the typed answer).</summary>
    private static (Func<Task<ScrapeResponse>> Ask, Func<Task<JobSubmitted>> Submit, Func<IProgress<Job>, Core.Polling.PollingSchedule?, Task<ScrapeResponse>> SubmitAndWait)
        Calls(ScrapeLlmClient c, ParseResult p, Inputs i, CancellationToken ct)
    {
        var prompt = p.GetValue(i.Prompt)!;
        var country = p.GetValue(i.Country);
        bool? bypass = p.GetValue(i.BypassCache) ? true : null;
        var timeout = p.GetValue(i.Timeout);
        static async Task<ScrapeResponse> Answer<T>(Task<Job> job) where T : ScrapeResponse =>
            (await job).ResultAs<T>() ?? throw new InvalidOperationException("the job is done but has no result");
        switch (p.GetValue(i.Scraper))
        {
            case "chatgpt":
                bool? markdown = p.GetValue(i.MarkdownJson) ? true : null;
                return (async () => (await c.ChatGpt.AskAsync(prompt, new ScrapeChatgptOptions { Country = country, BypassCache = bypass, Timeout = timeout, MarkdownJson = markdown }, ct)).Value,
                    async () => (await c.ChatGpt.SubmitAsync(prompt, new SubmitChatgptJobOptions { Country = country, BypassCache = bypass, Timeout = timeout, MarkdownJson = markdown }, ct)).Value,
                    (progress, schedule) => Answer<ChatGptResponse>(c.ChatGpt.SubmitAndWaitAsync(prompt, new SubmitChatgptJobOptions { Country = country, BypassCache = bypass, Timeout = timeout, MarkdownJson = markdown }, progress, schedule, ct)));
            case "perplexity":
                bool? web = p.GetValue(i.NoWebSearch) ? false : null;
                return (async () => (await c.Perplexity.AskAsync(prompt, new ScrapePerplexityOptions { Country = country, BypassCache = bypass, Timeout = timeout, WebSearch = web }, ct)).Value,
                    async () => (await c.Perplexity.SubmitAsync(prompt, new SubmitPerplexityJobOptions { Country = country, BypassCache = bypass, Timeout = timeout, WebSearch = web }, ct)).Value,
                    (progress, schedule) => Answer<PerplexityResponse>(c.Perplexity.SubmitAndWaitAsync(prompt, new SubmitPerplexityJobOptions { Country = country, BypassCache = bypass, Timeout = timeout, WebSearch = web }, progress, schedule, ct)));
            case "gemini":
                return (async () => (await c.Gemini.AskAsync(prompt, new ScrapeGeminiOptions { Country = country, BypassCache = bypass, Timeout = timeout }, ct)).Value,
                    async () => (await c.Gemini.SubmitAsync(prompt, new SubmitGeminiJobOptions { Country = country, BypassCache = bypass, Timeout = timeout }, ct)).Value,
                    (progress, schedule) => Answer<GeminiResponse>(c.Gemini.SubmitAndWaitAsync(prompt, new SubmitGeminiJobOptions { Country = country, BypassCache = bypass, Timeout = timeout }, progress, schedule, ct)));
            case "grok":
                return (async () => (await c.Grok.AskAsync(prompt, new ScrapeGrokOptions { Country = country, BypassCache = bypass, Timeout = timeout }, ct)).Value,
                    async () => (await c.Grok.SubmitAsync(prompt, new SubmitGrokJobOptions { Country = country, BypassCache = bypass, Timeout = timeout }, ct)).Value,
                    (progress, schedule) => Answer<GrokResponse>(c.Grok.SubmitAndWaitAsync(prompt, new SubmitGrokJobOptions { Country = country, BypassCache = bypass, Timeout = timeout }, progress, schedule, ct)));
            case "copilot":
                return (async () => (await c.Copilot.AskAsync(prompt, new ScrapeCopilotOptions { Country = country, BypassCache = bypass, Timeout = timeout }, ct)).Value,
                    async () => (await c.Copilot.SubmitAsync(prompt, new SubmitCopilotJobOptions { Country = country, BypassCache = bypass, Timeout = timeout }, ct)).Value,
                    (progress, schedule) => Answer<CopilotResponse>(c.Copilot.SubmitAndWaitAsync(prompt, new SubmitCopilotJobOptions { Country = country, BypassCache = bypass, Timeout = timeout }, progress, schedule, ct)));
            case "google_ai_mode":
                return (async () => (await c.GoogleAiMode.AskAsync(prompt, new ScrapeGoogleAiModeOptions { Country = country, BypassCache = bypass, Timeout = timeout }, ct)).Value,
                    async () => (await c.GoogleAiMode.SubmitAsync(prompt, new SubmitGoogleAiModeJobOptions { Country = country, BypassCache = bypass, Timeout = timeout }, ct)).Value,
                    (progress, schedule) => Answer<GoogleAiModeResponse>(c.GoogleAiMode.SubmitAndWaitAsync(prompt, new SubmitGoogleAiModeJobOptions { Country = country, BypassCache = bypass, Timeout = timeout }, progress, schedule, ct)));
            default:
                return (async () => (await c.AmazonRufus.AskAsync(prompt, new ScrapeAmazonRufusOptions { Country = country, BypassCache = bypass, Timeout = timeout }, ct)).Value,
                    async () => (await c.AmazonRufus.SubmitAsync(prompt, new SubmitAmazonRufusJobOptions { Country = country, BypassCache = bypass, Timeout = timeout }, ct)).Value,
                    (progress, schedule) => Answer<AmazonRufusResponse>(c.AmazonRufus.SubmitAndWaitAsync(prompt, new SubmitAmazonRufusJobOptions { Country = country, BypassCache = bypass, Timeout = timeout }, progress, schedule, ct)));
        }
    }

    private static Command Ask(CliContext ctx)
    {
        var i = NewInputs();
        var cmd = new Command("ask", $"Ask a scraper and wait for the answer ({ScrapeLlmSpec.Operations.ScrapeChatgpt.CreditCost} credits, charged on success)");
        AddTo(cmd, i);
        Act(cmd, ctx, async (p, c, ct) => Show(ctx, p, await Calls(c.Client, p, i, ct).Ask()));
        return cmd;
    }

    private static Command Submit(CliContext ctx)
    {
        var i = NewInputs();
        var wait = new Option<bool>("--wait") { Description = "Wait for the job and show its answer" };
        var cmd = new Command("submit", $"Queue a job ({ScrapeLlmSpec.Operations.SubmitChatgptJob.CreditCost} credits now, refunded if it fails)") { wait };
        AddTo(cmd, i);
        Act(cmd, ctx, async (p, c, ct) =>
        {
            var calls = Calls(c.Client, p, i, ct);
            if (p.GetValue(wait))
            {
                var waiting = Waiting(ctx, c);
                Show(ctx, p, await calls.SubmitAndWait(waiting.Progress, waiting.Schedule));
                return;
            }
            var job = await calls.Submit();
            if (ctx.Json(p)) Render.Json(ctx, job, ScrapeLlmJsonContext.Default.JobSubmitted);
            else ctx.Out.WriteLine(job.JobId);
            ctx.Note($"job {job.JobId} is {job.Status?.ToString() ?? "submitted"}; {c.FollowUp($"specwright scrapellm job {job.JobId} --wait")}");
        });
        return cmd;
    }

    private static Command Job(CliContext ctx)
    {
        var id = new Argument<string>("job-id") { Description = "Job id from `submit`" };
        var wait = new Option<bool>("--wait") { Description = "Wait until it is done or failed" };
        var cmd = new Command("job", "Show a job (free, no key needed); kept 24 hours") { id, wait };
        Act(cmd, ctx, async (p, c, ct) =>
        {
            var waiting = Waiting(ctx, c);
            var job = p.GetValue(wait)
                ? await c.Client.Jobs.GetOperation(p.GetValue(id)!).WaitForCompletionAsync(waiting.Progress, waiting.Schedule, ct)
                : (await c.Client.Jobs.GetAsync(p.GetValue(id)!, ct)).Value;
            if (ctx.Json(p))
            {
                Render.Json(ctx, job, ScrapeLlmJsonContext.Default.Job);
                return;
            }
            ctx.Out.WriteLine($"{job.JobId} {job.Scraper} {job.Status}" + (job.Error is null ? "" : $": {job.Error}"));
            if (job.ResultAs<ScrapeResponse>() is { } result) ctx.Out.WriteLine(result.Result ?? result.ResultMarkdown);
        });
        return cmd;
    }

    /// <summary>Polls the embedded sandbox briskly and reports each state; the real service gets the spec's schedule (null).</summary>
    public static (IProgress<Job> Progress, Core.Polling.PollingSchedule? Schedule) Waiting(CliContext ctx, ServiceConnection<ScrapeLlmClient> c) =>
        (new InlineProgress<Job>(job =>
        {
            ctx.ResumeHint ??= c.FollowUp($"specwright scrapellm job {job.JobId} --wait");
            ctx.Note($"job {job.JobId}: {job.Status}");
        }), c.PollingFor(ScrapeLlmSpec.Operations.GetJob.Polling));

    public static void Show(CliContext ctx, ParseResult? p, ScrapeResponse r)
    {
        if (p is not null && ctx.Json(p))
        {
            Render.JsonElement(ctx, System.Text.Json.JsonSerializer.SerializeToElement(r, ScrapeLlmJsonContext.Default.GetTypeInfo(r.GetType())!));
            return;
        }
        ctx.Out.WriteLine(r.Result ?? "");
        foreach (var (title, url) in Sources(r)) ctx.Out.WriteLine($"  - {title}: {url}");
        ctx.Note($"{r.Scraper}, {r.Country}, {r.CreditsUsed} credits, {(r.ElapsedMs / 1000).ToString("0.0", CultureInfo.InvariantCulture)} s{(r.Cached ? ", cached" : "")} (job {r.JobId})");
    }

    private static IEnumerable<(string? Title, string? Url)> Sources(ScrapeResponse r) => r switch
    {
        ChatGptResponse c => (c.Links ?? []).Select(l => (l.Text, l.Url)),
        PerplexityResponse x => (x.Sources ?? []).Select(s => (s.Title, s.Url)),
        GeminiResponse g => (g.Citations ?? []).Select(s => (s.Title, s.Url)),
        GrokResponse g => (g.WebSources ?? []).Select(s => (s.Title, s.Url)),
        CopilotResponse c => (c.Citations ?? []).Select(s => (s.Title, s.Url)),
        GoogleAiModeResponse g => (g.Citations ?? []).Select(s => (s.Title, s.Url)),
        AmazonRufusResponse a => (a.Products ?? []).Select(s => ((string?)$"{s.Title} ({s.Rating}★, {s.Reviews} reviews)", s.Url)),
        _ => [],
    };
}
