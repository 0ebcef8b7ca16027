using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Specwright.Sandbox;
using Specwright.Sandbox.Faults;
using Specwright.Ittybit;
using Specwright.ScrapeLlm;
using Specwright.WebScrape;

namespace Specwright.Cli.Commands;

/// <summary>
/// <c>specwright demo</c> (<c>make demo</c>): a tour of the SDK against an embedded sandbox, no key
/// needed. Every step is a real HTTP call through the SDK.
/// </summary>
internal static class DemoCommand
{
    private const string ProductSchema = """
        {"type":"object","required":["products"],"properties":{"products":{"type":"array","maxItems":5,"items":{"type":"object",
         "required":["name","price"],"properties":{"name":{"type":"string"},"price":{"type":"string"},"url":{"type":"string"}}}}}}
        """;

    public static Command Create(CliContext ctx)
    {
        var cmd = new Command("demo", "A tour of the SDKs against the embedded sandbox (no API key needed)");
        cmd.SetAction((p, ct) => ExitCodes.GuardAsync(ctx, () => RunAsync(ctx, ct), ct));
        return cmd;
    }

    private static async Task RunAsync(CliContext ctx, CancellationToken ct)
    {
        var console = ctx.Console;
        await using var sandbox = await SandboxServer.StartAsync(EmbeddedSandbox.Options(), cancellationToken: ct);
        using var client = new WebScrapeClient(new WebScrapeClientOptions { ApiKey = SandboxOptions.DemoWebScrapeKey, BaseUrl = sandbox.WebScrapeBaseUrl });
        await using var connection = ServiceConnection<WebScrapeClient>.Wrap(client, sandbox);
        console.Write(new Rule("[bold]Specwright demo[/]").LeftJustified());
        console.MarkupLine($"Embedded sandbox at [blue]{Markup.Escape(sandbox.WebScrapeBaseUrl.ToString())}[/], demo key, 500 credits. Nothing leaves this machine.");

        Step(console, "1. webscrape.ai SmartBrowse: dispatch recipe m3Yc2tFvN8q and wait for it");
        var run = await RunProgress.WaitAsync(ctx, connection, (progress, schedule) => client.SmartBrowse.RunAndWaitAsync("m3Yc2tFvN8q", progress, schedule, ct));
        Render.Run(ctx, run);
        Render.Items(ctx, run.Items, max: 8);

        Step(console, "2. webscrape.ai SmartScraper: schema-shaped extraction from the fixture shop");
        var listing = new Uri(sandbox.SiteUrl, "products");
        var smart = await client.SmartScraperAsync(new SmartScraperRequest
        {
            WebsiteUrl = listing,
            UserPrompt = "Extract the first five product names, prices and links",
            OutputSchema = JsonDocument.Parse(ProductSchema).RootElement,
        }, ct);
        Render.JsonElement(ctx, smart.Value.Result);
        Render.Credits(ctx, smart);

        Step(console, "3. webscrape.ai scrape: a product page as markdown, through two injected 502s");
        sandbox.State.Faults.Arm(new FaultRule { Kind = "status", Status = 502, Count = 2, Operation = "scrape" });
        var before = sandbox.State.Log.Count("scrape");
        var page = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri(sandbox.SiteUrl, "products/product-b"), Clean = true }, ct);
        console.WriteLine(page.Value.Html ?? "");
        ctx.Note($"the server saw {sandbox.State.Log.Count("scrape") - before} attempts; the SDK retried the 502s with backoff and was billed once");
        Render.Credits(ctx, page);

        Step(console, "4. webscrape.ai usage");
        var usage = await client.SmartBrowse.GetUsageAsync(ct);
        console.WriteLine($"{usage.Value.RunsUsed30d} run(s) in 30 days, last run {usage.Value.LastRun?.Id} {usage.Value.LastRun?.Status}; {usage.CreditsRemaining} credits left");

        Step(console, "5. ScrapeLLM: ask Perplexity (synchronous), then ask again (served from the cache)");
        using var llm = new ScrapeLlmClient(new ScrapeLlmClientOptions { ApiKey = SandboxOptions.DemoScrapeLlmKey, BaseUrl = sandbox.ScrapeLlmBaseUrl });
        await using var llmConnection = ServiceConnection<ScrapeLlmClient>.Wrap(llm, sandbox);
        const string prompt = "best project management tools for startups";
        ScrapeLlmCommands.Show(ctx, null, (await llm.Perplexity.AskAsync(prompt, cancellationToken: ct)).Value);
        ScrapeLlmCommands.Show(ctx, null, (await llm.Perplexity.AskAsync(prompt, cancellationToken: ct)).Value);

        Step(console, "6. ScrapeLLM: a Gemini job, submitted and polled to done (polling needs no key)");
        var waiting = ScrapeLlmCommands.Waiting(ctx, llmConnection);
        var job = await llm.Gemini.SubmitAndWaitAsync("which laptop is best for students?", new SubmitGeminiJobOptions { Country = "DE" },
            waiting.Progress, waiting.Schedule, ct);
        ScrapeLlmCommands.Show(ctx, null, job.ResultAs<GeminiResponse>()!);
        try
        {
            await llm.Gemini.AskAsync("same question", new ScrapeGeminiOptions { Country = "JP" }, ct);
        }
        catch (Core.UnsupportedValueException e)
        {
            ctx.Note($"refused before sending: {ExitCodes.Message(e)}");
        }
        ctx.Note($"{sandbox.State.ScrapeLlmAccounts.Find(SandboxOptions.DemoScrapeLlmKey)!.Balance} ScrapeLLM credits left");

        Step(console, "7. Ittybit: a run of chained media tasks (ingest, then a web video and speech, then a summary of the speech)");
        using var itty = new IttybitClient(new IttybitClientOptions { ApiKey = SandboxOptions.DemoIttybitKey, BaseUrl = sandbox.IttybitBaseUrl });
        await using var ittyConnection = ServiceConnection<IttybitClient>.Wrap(itty, sandbox);
        var ittyWaiting = IttybitCommands.Waiting(ctx, ittyConnection);
        var mediaRun = await itty.Runs.CreateAndWaitAsync(IttybitCommands.ChainedRun("https://example.com/keynote.mp4", ["video", "speech", "speech>summary"]),
            ittyWaiting.RunProgress, ittyWaiting.Schedule, ct);
        IttybitCommands.ShowRun(ctx, null, mediaRun);
        var events = await itty.Events.ListAsync(new ListEventsOptions { Limit = 10 }, ct).CountAsync(ct);
        ctx.Note($"{events} events in the log, read 10 per page by following the Link header; {sandbox.State.IttybitProjects.Balance(SandboxOptions.DemoIttybitKey)} Ittybit credits left");
        console.Write(new Rule("[green]demo complete[/]").LeftJustified());
    }

    private static void Step(IAnsiConsole console, string title)
    {
        console.WriteLine();
        console.Write(new Rule($"[yellow]{Markup.Escape(title)}[/]").LeftJustified());
    }
}
