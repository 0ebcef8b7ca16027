using System.Diagnostics;
using System.Text.Json.Nodes;
using Specwright.TestSupport;

namespace Specwright.Sandbox.Tests;

/// <summary>
/// The sandbox as a user starts it (<c>dotnet run --project src/Specwright.Sandbox -- --urls ...</c>),
/// answering the docs' own curl commands and Python polling loop with only the base URL and key changed.
/// </summary>
public sealed class StandaloneSandboxTests(StandaloneSandbox server) : IClassFixture<StandaloneSandbox>
{
    private const string DocsBase = "https://api.webscrape.ai/v1";
    private string Base => server.Base;

    [Fact]
    public void It_prints_its_base_url_and_the_demo_key()
    {
        var output = server.Output;
        var title = output.ToList().FindIndex(l => l.Contains("webscrape.ai API (webscrape)"));
        Assert.True(title >= 0, string.Join('\n', output));
        Assert.Contains($"base URL            : {Base}", output[title + 1]);
        Assert.Contains(output, l => l.Contains(SandboxOptions.DemoWebScrapeKey));
    }

    [Fact]
    public async Task The_docs_curl_commands_work_unchanged_but_for_base_url_and_key()
    {
        var blocks = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DocsExamples", "curl.txt")))
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, blocks.Length);

        var dispatched = JsonNode.Parse(await Shell("curl -sS " + Adapt(blocks[0]).TrimStart()["curl ".Length..]))!;
        Assert.Equal("queued", (string)dispatched["status"]!);
        var runId = (string)dispatched["data"]!["run_id"]!;
        Assert.Equal($"/v1/smartbrowse/runs/{runId}", (string)dispatched["data"]!["poll_url"]!);

        var reference = JsonNode.Parse(await Shell("curl -sS " + Adapt(blocks[1]).Replace("{id}", "m3Yc2tFvN8q").TrimStart()["curl ".Length..]))!;
        Assert.Equal("m3Yc2tFvN8q", (string)reference["data"]!["recipe_id"]!);

        var polled = JsonNode.Parse(await Shell("curl -sS " + Adapt(blocks[2]).Replace("{id}", runId).TrimStart()["curl ".Length..]))!;
        Assert.Equal("completed", (string)polled["status"]!);
        Assert.Equal(runId, (string)polled["data"]!["id"]!);
        Assert.Contains((string)polled["data"]!["run_status"]!, new[] { "queued", "running", "completed" });
    }

    [Fact]
    public async Task The_docs_python_polling_loop_runs_to_completion()
    {
        var loop = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DocsExamples", "poll_loop.py"));
        var script = Path.Combine(Path.GetTempPath(), $"docs_loop_{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(script, Adapt(loop) + """

            run = run_and_wait("m3Yc2tFvN8q")
            print("items", run["items_extracted"], "credits", run["credits_used"])
            """);
        try
        {
            var output = await ProcessRunner.RunAsync(Environment.GetEnvironmentVariable("SPECWRIGHT_PYTHON") ?? "python3", script);
            var lines = output.Trim().Split('\n');
            Assert.Equal("completed 3 pages", lines[^2]);
            Assert.Equal("items 87 credits 6", lines[^1]);
            Assert.All(lines[..^2], l => Assert.Matches(@"^(queued|running) \d pages$", l));
        }
        finally
        {
            File.Delete(script);
        }
    }

    private string Adapt(string docs) => docs
        .Replace(DocsBase, Base)
        .Replace("wsg_live_...", SandboxOptions.DemoWebScrapeKey)
        .Replace("<api-key>", SandboxOptions.DemoWebScrapeKey);

    private static Task<string> Shell(string command) => ProcessRunner.RunAsync("bash", "-c", command.Replace("\\\n", " "));

}

/// <summary>One standalone sandbox process, started as the README says, shared by the tests above.</summary>
public sealed class StandaloneSandbox : IAsyncLifetime
{
    private Process _server = null!;
    private readonly List<string> _output = [];

    public string Base { get; private set; } = "";

    public IReadOnlyList<string> Output { get { lock (_output) return _output.ToList(); } }

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        Base = $"http://127.0.0.1:{port}/v1";
        _server = Process.Start(new ProcessStartInfo("dotnet",
            ["run", "--no-build", "--project", Path.Combine(RepoPaths.Root, "src", "Specwright.Sandbox"), "--",
             "--urls", $"http://127.0.0.1:{port}", "--Sandbox:RunPageDurationMs=300"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var ready = new TaskCompletionSource();
        _server.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.Add(e.Data);
            if (e.Data.StartsWith("Press Ctrl+C", StringComparison.Ordinal)) ready.TrySetResult();
        };
        _server.BeginOutputReadLine();
        await Task.WhenAny(ready.Task, _server.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (!ready.Task.IsCompleted)
        {
            if (!_server.HasExited) _server.Kill(entireProcessTree: true);
            Assert.Fail("the standalone sandbox did not start: " + await _server.StandardError.ReadToEndAsync());
        }
    }

    public async Task DisposeAsync()
    {
        if (!_server.HasExited) _server.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync();
        _server.Dispose();
    }

}
