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
    private readonly SpecDocument _spec = SpecDocument.Load("webscrape.yaml");

    public async Task InitializeAsync() =>
        await ProcessRunner.RunAsync("bash", Path.Combine(RepoPaths.Root, "generator", "build-docs.sh"), _out);

    public Task DisposeAsync()
    {
        Directory.Delete(_out, recursive: true);
        return Task.CompletedTask;
    }

    private IEnumerable<(string Id, string Summary)> Operations()
    {
        foreach (var section in new[] { "paths", "webhooks" })
        foreach (var (_, item) in _spec.Root[section]!.AsObject())
        foreach (var (_, op) in item!.AsObject())
            yield return ((string)op!["operationId"]!, (string)op["summary"]!);
    }

    [Fact]
    public async Task The_html_reference_renders_every_operation_in_headless_chromium()
    {
        var port = FreePort.Next();
        using var server = Process.Start(new ProcessStartInfo("python3", ["-m", "http.server", port.ToString(), "--bind", "127.0.0.1", "--directory", _out])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            await WaitForHttp(new Uri($"http://127.0.0.1:{port}/webscrape.html"));
            var rendered = "";
            foreach (var tag in _spec.Root["tags"]!.AsArray().Select(t => ((string)t!["name"]!).ToLowerInvariant()))
                rendered += VisibleText(await ProcessRunner.RunAsync("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    $"--user-data-dir={Directory.CreateTempSubdirectory("chromium-").FullName}", "--virtual-time-budget=15000",
                    "--dump-dom", $"http://127.0.0.1:{port}/webscrape.html#/{tag}"));
            foreach (var (id, summary) in Operations())
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
        foreach (var (id, summary) in Operations())
        {
            var section = Regex.Match(md, $@"## `{id}`.*?(?=\n## |\z)", RegexOptions.Singleline).Value;
            Assert.False(section.Length == 0, $"no section for {id}");
            Assert.Contains(summary, section);
        }
        Assert.Contains("`WebScrapeClient.ScrapeAsync(ScrapeRequest request, CancellationToken cancellationToken)` → `Task<WebScrapeResult<ScrapeData>>`", md);
        Assert.Contains("`SmartBrowseClient.RunAndWaitAsync(", md);
        Assert.Contains("402 `insufficient_credits` → `InsufficientCreditsException`", md);
        Assert.Contains("| Cost | 2 credit(s) per page, billed on-completion, 2 needed up front |", md);
        Assert.Contains("| Waiting | polls from 2 s, ×1.5, capped at 10 s, for up to 900 s |", md);
        Assert.Single(Regex.Matches(md, "no SDK method yet")); // only the webhook, received rather than called
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
