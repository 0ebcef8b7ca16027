using System.Diagnostics;
using System.Net;
using Specwright.TestSupport;
using Specwright.WebScrape;

namespace Specwright.Sandbox.Tests;

/// <summary>
/// An independent server: Stoplight Prism (pinned in tests/contract) mocks openapi/webscrape.yaml and
/// validates our requests against it. The SDK's calls must be accepted and their answers read.
/// </summary>
public sealed class PrismSmokeTests : IAsyncLifetime
{
    private Process _prism = null!;
    private Uri _base = null!;
    private readonly List<string> _log = [];

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _base = new Uri($"http://127.0.0.1:{port}");
        var prism = Path.Combine(RepoPaths.ContractTools, "node_modules", ".bin", "prism");
        _prism = Process.Start(new ProcessStartInfo(prism, ["mock", RepoPaths.Spec("webscrape.yaml"), "-h", "127.0.0.1", "-p", port.ToString(), "--errors"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var ready = new TaskCompletionSource();
        void OnLine(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (_log) _log.Add(e.Data);
            if (e.Data.Contains("Prism is listening", StringComparison.Ordinal)) ready.TrySetResult();
        }
        _prism.OutputDataReceived += OnLine;
        _prism.ErrorDataReceived += OnLine;
        _prism.BeginOutputReadLine();
        _prism.BeginErrorReadLine();
        await Task.WhenAny(ready.Task, _prism.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
        lock (_log) Assert.True(ready.Task.IsCompleted, "Prism did not start:\n" + string.Join('\n', _log));
    }

    public async Task DisposeAsync()
    {
        if (!_prism.HasExited) _prism.Kill(entireProcessTree: true);
        await _prism.WaitForExitAsync();
        _prism.Dispose();
    }

    [Fact]
    public async Task Every_sdk_operation_is_accepted_by_prism_and_its_answer_is_read()
    {
        using var client = new WebScrapeClient(new WebScrapeClientOptions { ApiKey = SandboxOptions.DemoWebScrapeKey, BaseUrl = _base, MaxRetries = 0 });

        var scrape = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri("https://example.com"), Clean = true, ExtractLinks = true, MaxAge = 0 });
        Assert.Equal("req_aB3xY9Kp", scrape.RequestId);
        Assert.Equal(ContentType.Html, scrape.Value.ContentType);

        var smart = await client.SmartScraperAsync(new SmartScraperRequest
        {
            WebsiteUrl = new Uri("https://example.com/products"),
            UserPrompt = "Extract every product name and price",
            DetailLevel = DetailLevel.High,
        });
        Assert.Equal(5, smart.CreditsUsed);

        var dispatch = await client.SmartBrowse.RunAsync("m3Yc2tFvN8q");
        Assert.Equal("k7Xb9dRmQ2p", dispatch.Value.RunId);
        var run = await client.SmartBrowse.GetRunAsync(dispatch.Value.RunId);
        Assert.Equal(RunStatus.Completed, run.Value.RunStatus);
        var usage = await client.SmartBrowse.GetUsageAsync();
        Assert.Equal(2, usage.Value.CostPerPage);

        lock (_log) Assert.DoesNotContain(_log, l => l.Contains("Request did not pass the validation", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Prism_rejects_a_request_without_a_key_and_the_sdk_types_it()
    {
        using var http = new HttpClient { BaseAddress = _base };
        using var response = await http.GetAsync("smartbrowse/usage");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

}
