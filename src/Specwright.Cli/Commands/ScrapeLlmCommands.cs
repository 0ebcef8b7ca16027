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

    /// <summary>The scraper's typed call for these inputs: (ask, submit, submit and wait).</summary>
    private static (Func<Task<ScrapeResponse>> Ask, Func<Task<JobSubmitted>> Submit, Func<JobWaitOptions?, Task<ScrapeResponse>> SubmitAndWait)
        Calls(ScrapeLlmClient c, ParseResult p, Inputs i, CancellationToken ct)
    {
        T Fill<T>(T r) where T : ScrapeLlmRequest
        {
            r.Prompt = p.GetValue(i.Prompt);
            r.Country = p.GetValue(i.Country);
            r.BypassCache = p.GetValue(i.BypassCache) ? true : null;
            r.ProviderTimeout = p.GetValue(i.Timeout) is { } s ? TimeSpan.FromSeconds(s) : null;
            return r;
        }
        var common = Fill(new ScrapeLlmRequest());
        switch (p.GetValue(i.Scraper))
        {
            case "chatgpt":
                var gpt = Fill(new ChatGptRequest { MarkdownJson = p.GetValue(i.MarkdownJson) ? true : null });
                return (async () => await c.ChatGpt.AskAsync(gpt, ct), () => c.ChatGpt.SubmitAsync(gpt, ct), async o => await c.ChatGpt.SubmitAndWaitAsync(gpt, o, ct));
            case "perplexity":
                var pplx = Fill(new PerplexityRequest { WebSearch = p.GetValue(i.NoWebSearch) ? false : null });
                return (async () => await c.Perplexity.AskAsync(pplx, ct), () => c.Perplexity.SubmitAsync(pplx, ct), async o => await c.Perplexity.SubmitAndWaitAsync(pplx, o, ct));
            case "gemini":
                return (async () => await c.Gemini.AskAsync(common, ct), () => c.Gemini.SubmitAsync(common, ct), async o => await c.Gemini.SubmitAndWaitAsync(common, o, ct));
            case "grok":
                return (async () => await c.Grok.AskAsync(common, ct), () => c.Grok.SubmitAsync(common, ct), async o => await c.Grok.SubmitAndWaitAsync(common, o, ct));
            case "copilot":
                return (async () => await c.Copilot.AskAsync(common, ct), () => c.Copilot.SubmitAsync(common, ct), async o => await c.Copilot.SubmitAndWaitAsync(common, o, ct));
            case "google_ai_mode":
                return (async () => await c.GoogleAiMode.AskAsync(common, ct), () => c.GoogleAiMode.SubmitAsync(common, ct), async o => await c.GoogleAiMode.SubmitAndWaitAsync(common, o, ct));
            default:
                return (async () => await c.AmazonRufus.AskAsync(common, ct), () => c.AmazonRufus.SubmitAsync(common, ct), async o => await c.AmazonRufus.SubmitAndWaitAsync(common, o, ct));
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
                Show(ctx, p, await calls.SubmitAndWait(WaitOptions(ctx, c)));
                return;
            }
            var job = await calls.Submit();
            if (ctx.Json(p)) Render.Json(ctx, job, ScrapeLlmJsonContext.Default.JobSubmitted);
            else ctx.Out.WriteLine(job.JobId);
            ctx.Note($"job {job.JobId} is {job.Status?.ToString() ?? "submitted"}; poll with: specwright scrapellm job {job.JobId} --wait");
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
            var job = p.GetValue(wait)
                ? await c.Client.WaitForJobAsync(p.GetValue(id)!, WaitOptions(ctx, c), ct)
                : await c.Client.GetJobAsync(p.GetValue(id)!, ct);
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

    /// <summary>Polls the embedded sandbox briskly and reports each state; the real service gets the spec's schedule.</summary>
    public static JobWaitOptions WaitOptions(CliContext ctx, ServiceConnection<ScrapeLlmClient> c) => new()
    {
        Schedule = c.PollingFor(ScrapeLlmSpec.Operations.GetJob.Polling),
        Progress = new InlineProgress<Job>(job => ctx.Note($"job {job.JobId}: {job.Status}")),
    };

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
