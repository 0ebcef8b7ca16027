using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Specwright.TestSupport;

namespace Specwright.Packaging.Tests;

/// <summary>
/// `make docs` output: the Redocly HTML renders every operation in headless Chromium (offline, served
/// over loopback), and the Markdown SDK reference maps every operation to its C# methods.
/// </summary>
public sealed class DocsTests : IAsyncLifetime
{
    private readonly string _out = Directory.CreateTempSubdirectory("specwright-docs-").FullName;
    public static TheoryData<string> Specs => new() { "webscrape", "scrapellm", "ittybit" };

    public async Task InitializeAsync() =>
        await ProcessRunner.RunAsync("bash", Path.Combine(RepoPaths.Root, "generator", "build-docs.sh"), _out);

    public Task DisposeAsync()
    {
        Directory.Delete(_out, recursive: true);
        return Task.CompletedTask;
    }

    private static IEnumerable<(string Id, string Summary)> Operations(SpecDocument spec)
    {
        foreach (var section in new[] { "paths", "webhooks" })
        foreach (var (_, item) in spec.Root[section]?.AsObject() ?? [])
        foreach (var (_, op) in item!.AsObject())
            yield return ((string)op!["operationId"]!, (string)op["summary"]!);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task The_html_reference_renders_every_operation_in_headless_chromium(string name)
    {
        var spec = SpecDocument.Load(name + ".yaml");
        var port = FreePort.Next();
        using var server = Process.Start(new ProcessStartInfo("python3", ["-m", "http.server", port.ToString(), "--bind", "127.0.0.1", "--directory", _out])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            await WaitForHttp(new Uri($"http://127.0.0.1:{port}/{name}.html"));
            var rendered = "";
            foreach (var tag in spec.Root["tags"]!.AsArray().Select(t => ((string)t!["name"]!).ToLowerInvariant()))
                rendered += VisibleText(await ProcessRunner.RunAsync("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    $"--user-data-dir={Directory.CreateTempSubdirectory("chromium-").FullName}", "--virtual-time-budget=15000",
                    "--dump-dom", $"http://127.0.0.1:{port}/{name}.html#/{tag}"));
            foreach (var (id, summary) in Operations(spec))
                Assert.True(rendered.Contains(summary, StringComparison.Ordinal), $"operation {id} ('{summary}') is not rendered");
        }
        finally
        {
            server.Kill();
        }
    }

    [Fact]
    public async Task The_sdk_reference_maps_every_operation_to_its_methods_types_errors_and_cost()
    {
        var md = await File.ReadAllTextAsync(Path.Combine(_out, "webscrape-sdk.md"));
        foreach (var (id, summary) in Operations(SpecDocument.Load("webscrape.yaml")))
        {
            var section = Regex.Match(md, $@"## `{id}`.*?(?=\n## |\z)", RegexOptions.Singleline).Value;
            Assert.False(section.Length == 0, $"no section for {id}");
            Assert.Contains(summary, section);
        }
        Assert.Contains("`WebScrapeClient.ScrapeAsync(ScrapeRequest body, CancellationToken cancellationToken)` → `Task<ApiResponse<ScrapeData>>`", md);
        Assert.Contains("`SmartBrowseClient.RunAsync(WaitUntil waitUntil, String id, CancellationToken cancellationToken)` → `Task<Operation<SmartBrowseRun>>`", md);
        Assert.Contains("`SmartBrowseClient.GetRunOperation(String id)` → `Operation<SmartBrowseRun>`", md);
        Assert.Contains("`SmartBrowseClient.RunAndWaitAsync(", md);
        Assert.Contains("402 `insufficient_credits` → `InsufficientCreditsException`", md);
        Assert.Contains("| Cost | 2 credit(s) per page, billed on-completion, 2 needed up front |", md);
        Assert.Contains("| Waiting | polls from 2 s, ×1.5, capped at 10 s, for up to 900 s |", md);
        Assert.Single(Regex.Matches(md, "no SDK method yet")); // only the webhook, received rather than called
    }

    [Fact]
    public async Task The_ScrapeLlm_reference_has_a_typed_method_for_every_scraper_and_both_429_kinds()
    {
        var md = await File.ReadAllTextAsync(Path.Combine(_out, "scrapellm-sdk.md"));
        foreach (var (id, summary) in Operations(SpecDocument.Load("scrapellm.yaml")))
        {
            var section = Regex.Match(md, $@"## `{id}`.*?(?=\n## |\z)", RegexOptions.Singleline).Value;
            Assert.Contains(summary, section);
            Assert.DoesNotContain("no SDK method yet", section);
        }
        Assert.Contains("`GeminiClient.AskAsync(String prompt, ScrapeGeminiOptions options, CancellationToken cancellationToken)` → `Task<ApiResponse<GeminiResponse>>`", md);
        Assert.Contains("`JobsClient.GetOperation(String jobId)` → `Operation<Job>`", md);
        Assert.Contains("`GeminiClient.SubmitAndWaitAsync(String prompt, SubmitGeminiJobOptions options, IProgress<Job> progress, PollingSchedule schedule, CancellationToken cancellationToken)` → `Task<Job>`", md);
        Assert.Contains("429 `credit_limit_reached` → `CreditLimitReachedException`", md);
        Assert.Contains("429 `queue_full` → `QueueFullException`", md);
        Assert.Contains("404 `job_expired_or_unknown` → `JobExpiredOrUnknownException`", md);
    }

    private static string VisibleText(string dom)
    {
        var start = dom.IndexOf("<div id=\"redoc\"", StringComparison.Ordinal);
        var end = dom.IndexOf("<script type=\"module\"", StringComparison.Ordinal);
        var body = start < 0 ? "" : dom[start..(end > start ? end : dom.Length)];
        return WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(body, "<[^>]+>", " "), @"\s+", " "));
    }

    private static async Task WaitForHttp(Uri url)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var r = await http.GetAsync(url);
                if (r.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Yield();
                continue;
            }
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"{url} did not answer");
        }
    }

}
