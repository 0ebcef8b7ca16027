using System.CommandLine;
using System.Text.Json;
using Specwright.WebScrape;

namespace Specwright.Cli.Commands;

/// <summary><c>specwright webscrape …</c>: one command per operation of openapi/webscrape.yaml.</summary>
internal static class WebScrapeCommands
{
    public static Command Create(CliContext ctx)
    {
        var webscrape = new Command("webscrape", "webscrape.ai: scrape, SmartScraper, SmartBrowse");
        webscrape.Add(Scrape(ctx));
        webscrape.Add(SmartScraper(ctx));
        webscrape.Add(SmartBrowse(ctx));
        return webscrape;
    }

    private static void Act(Command command, CliContext ctx, Func<ParseResult, ServiceConnection<WebScrapeClient>, CancellationToken, Task> action) =>
        ServiceConnection<WebScrapeClient>.Act(command, ctx, Connections.WebScrapeAsync, action);

    private static Command Scrape(CliContext ctx)
    {
        var url = new Argument<Uri>("url") { Description = "The page to fetch (http or https)", CustomParser = Parsers.AbsoluteUrl };
        var clean = new Option<bool>("--clean") { Description = "Return cleaned markdown" };
        var links = new Option<bool>("--links") { Description = "Add the page's outbound links" };
        var stealth = new Option<bool>("--stealth") { Description = "Stealth fetch (+2 credits)" };
        var maxAge = new Option<int?>("--max-age") { Description = "Accept a cached copy up to this many seconds old" };
        var cmd = new Command("scrape", $"Fetch a URL as HTML, markdown or links ({WebScrapeSpec.Operations.Scrape.CreditCost} credit)") { url, clean, links, stealth, maxAge };
        Act(cmd, ctx, async (p, c, ct) =>
        {
            var r = await c.Client.ScrapeAsync(new ScrapeRequest
            {
                WebsiteUrl = p.GetValue(url)!,
                Clean = p.GetValue(clean) ? true : null,
                ExtractLinks = p.GetValue(links) ? true : null,
                Stealth = p.GetValue(stealth) ? true : null,
                MaxAge = p.GetValue(maxAge),
            }, ct);
            if (ctx.Json(p)) Render.Json(ctx, r.Value, WebScrapeJsonContext.Default.ScrapeData);
            else
            {
                ctx.Out.WriteLine(r.Value.Html);
                foreach (var l in r.Value.Links ?? []) ctx.Out.WriteLine($"{l.Url} {l.Text}");
            }
            Render.Credits(ctx, r);
        });
        return cmd;
    }

    private static Command SmartScraper(CliContext ctx)
    {
        var url = new Argument<Uri>("url") { Description = "The page to extract from", CustomParser = Parsers.AbsoluteUrl };
        var prompt = new Argument<string>("prompt") { Description = "What to extract, in plain English" };
        var schema = new Option<string?>("--schema") { Description = "JSON Schema for the result: inline JSON or @file.json" };
        var plain = new Option<bool>("--plain-text") { Description = "Return a string instead of JSON" };
        var stealth = new Option<bool>("--stealth") { Description = "Stealth fetch (+5 credits)" };
        var cmd = new Command("smartscraper", $"Extract structured data with an LLM ({WebScrapeSpec.Operations.Smartscraper.CreditCost} credits)") { url, prompt, schema, plain, stealth };
        Act(cmd, ctx, async (p, c, ct) =>
        {
            var r = await c.Client.SmartScraperAsync(new SmartScraperRequest
            {
                WebsiteUrl = p.GetValue(url)!,
                UserPrompt = p.GetValue(prompt)!,
                OutputSchema = p.GetValue(schema) is { } given ? await JsonFlag.ReadAsync("--schema", given, ct) : null,
                PlainText = p.GetValue(plain) ? true : null,
                Stealth = p.GetValue(stealth) ? true : null,
            }, ct);
            if (ctx.Json(p)) Render.Json(ctx, r.Value, WebScrapeJsonContext.Default.SmartScraperData);
            else Render.JsonElement(ctx, r.Value.Result);
            Render.Credits(ctx, r);
        });
        return cmd;
    }

    private static Command SmartBrowse(CliContext ctx)
    {
        var sb = new Command("smartbrowse", "Dispatch recipe runs, poll and wait for them, read usage");
        var recipe = new Argument<string>("recipe") { Description = "Recipe id, e.g. m3Yc2tFvN8q" };
        var wait = new Option<bool>("--wait") { Description = "Wait for the run to finish, with progress" };
        var run = new Command("run", "Dispatch a run of a recipe") { recipe, wait };
        Act(run, ctx, async (p, c, ct) =>
        {
            if (!p.GetValue(wait))
            {
                var d = await c.Client.SmartBrowse.RunAsync(p.GetValue(recipe)!, ct);
                if (ctx.Json(p)) Render.Json(ctx, d.Value, WebScrapeJsonContext.Default.SmartBrowseDispatch);
                else ctx.Out.WriteLine(d.Value.RunId);
                ctx.Note($"run {d.Value.RunId} is {d.Value.RunStatus}; {c.FollowUp($"specwright webscrape smartbrowse get {d.Value.RunId}")}");
                return;
            }
            var done = await RunProgress.WaitAsync(ctx, c, (progress, schedule) => c.Client.SmartBrowse.RunAndWaitAsync(p.GetValue(recipe)!, progress, schedule, ct));
            ShowRun(ctx, p, done);
        });

        var runId = new Argument<string>("run-id") { Description = "Run id from `run`" };
        var get = new Command("get", "Show a run now (free)") { runId };
        Act(get, ctx, async (p, c, ct) => ShowRun(ctx, p, (await c.Client.SmartBrowse.GetRunAsync(p.GetValue(runId)!, ct)).Value));

        var waitId = new Argument<string>("run-id") { Description = "Run id from `run`" };
        var waitCmd = new Command("wait", "Wait for a run to finish, with progress") { waitId };
        Act(waitCmd, ctx, async (p, c, ct) =>
            ShowRun(ctx, p, await RunProgress.WaitAsync(ctx, c, (progress, schedule) => c.Client.SmartBrowse.GetRunOperation(p.GetValue(waitId)!).WaitForCompletionAsync(progress, schedule, ct))));

        var usage = new Command("usage", "Plan caps and 30-day usage (free)");
        Act(usage, ctx, async (p, c, ct) =>
        {
            var u = await c.Client.SmartBrowse.GetUsageAsync(ct);
            if (ctx.Json(p)) Render.Json(ctx, u.Value, WebScrapeJsonContext.Default.SmartBrowseUsage);
            else ctx.Out.WriteLine($"{u.Value.RunsUsed30d} of {u.Value.RunsPerMonthCap} runs in 30 days; {u.Value.PagesPerRunCap} pages per run; {u.Value.CostPerPage} credits per page; {u.CreditsRemaining} credits left");
        });

        sb.Add(run);
        sb.Add(get);
        sb.Add(waitCmd);
        sb.Add(usage);
        return sb;
    }

    private static void ShowRun(CliContext ctx, ParseResult p, SmartBrowseRun run)
    {
        if (ctx.Json(p))
        {
            Render.Json(ctx, run, WebScrapeJsonContext.Default.SmartBrowseRun);
            return;
        }
        Render.Run(ctx, run);
        if (run.Result is not null) Render.Items(ctx, run.Items);
    }
}
