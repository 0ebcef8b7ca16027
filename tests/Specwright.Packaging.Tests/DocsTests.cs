using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
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

    /// <summary>What <c>make docs</c> printed, both streams.</summary>
    private string _log = "";

    public async Task InitializeAsync()
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunUncheckedAsync("bash", [Path.Combine(RepoPaths.Root, "generator", "build-docs.sh"), _out]);
        Assert.True(exit == 0, $"build-docs.sh exited {exit}: {stderr}");
        _log = stdout + stderr;
    }

    [Fact]
    public void Make_docs_says_what_it_wrote_and_nothing_else()
    {
        var lines = _log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Specs.Count + 1, lines.Length); // one line per service, one for the landing page: no Node or Redoc notices
        Assert.All(lines, l => Assert.StartsWith($"docs: {_out}/", l));
    }

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
                rendered += await RenderAsync($"http://127.0.0.1:{port}/{name}.html#/{tag}");
            foreach (var (id, summary) in Operations(spec))
                Assert.True(rendered.Contains(summary, StringComparison.Ordinal), $"operation {id} ('{summary}') is not rendered");

            // Each tag's page opens on its first operation, which shows its C# sample (the first language, in the right panel);
            // every operation's samples (C#, CLI, curl) are in the page's data, shown when the operation is opened.
            var squashed = Squash(rendered);
            var page = await File.ReadAllTextAsync(Path.Combine(_out, name + ".html"));
            var samples = Samples(name);
            foreach (var first in spec.Root["tags"]!.AsArray().Select(t => (string)t!["name"]!)
                         .Select(tag => samples.FirstOrDefault(s => TagOf(spec, s.OperationId) == tag)).OfType<Sample>())
            {
                var call = first.CSharpCall.Split('\n')[0];
                Assert.True(squashed.Contains(Squash(call), StringComparison.Ordinal), $"{first.OperationId}: its C# sample is not rendered: {call}");
            }
            foreach (var sample in samples)
                foreach (var part in new[] { sample.CSharpCall.Split('(')[0].Replace("var response = await ", "", StringComparison.Ordinal), sample.Cli.Split(" --")[0],
                             Regex.Match(sample.Curl, "'(https?://[^'?]+)").Groups[1].Value })
                    Assert.True(part.Length > 0 && page.Contains(part, StringComparison.Ordinal), $"{sample.OperationId}: a sample is not in the page: {part}");
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

    private static async Task<string> RenderAsync(string url) =>
        VisibleText(await ProcessRunner.RunAsync("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={Directory.CreateTempSubdirectory("chromium-").FullName}", "--virtual-time-budget=15000", "--dump-dom", url));

    private static string TagOf(SpecDocument spec, string operationId) =>
        (string)spec.Root["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject())
            .Single(o => (string?)o.Value?["operationId"] == operationId).Value!["tags"]![0]!;

    private static string Squash(string text) => Regex.Replace(text, @"\s+", "");

    private sealed record Sample(string OperationId, string CSharpUsings, string CSharpSetup, string CSharpCall, string Cli, string Curl);

    private IReadOnlyList<Sample> Samples(string name) =>
        JsonSerializer.Deserialize<List<Sample>>(File.ReadAllText(Path.Combine(_out, name + "-samples.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    [Fact]
    public async Task The_landing_page_links_every_service_to_its_references()
    {
        var index = await File.ReadAllTextAsync(Path.Combine(_out, "index.html"));
        foreach (var name in new[] { "webscrape", "scrapellm", "ittybit" })
        {
            var title = (string)SpecDocument.Load(name + ".yaml").Root["info"]!["title"]!;
            Assert.Contains($"<a href=\"{name}.html\">{WebUtility.HtmlEncode(title)}</a>", index);
            Assert.Contains($"<a href=\"{name}-sdk.html\">C# SDK reference</a>", index);
            Assert.True(File.Exists(Path.Combine(_out, name + ".html")) && File.Exists(Path.Combine(_out, name + "-sdk.md")));
            // The SDK reference page is the Markdown rendered: its tables are HTML tables, its headings headings.
            var page = await File.ReadAllTextAsync(Path.Combine(_out, name + "-sdk.html"));
            Assert.Contains("<table>", page);
            Assert.Contains($"<h1 id=", page);
            Assert.DoesNotContain("|---|", page);
        }
        // Every link a reader follows first opens a page a browser shows; the Markdown is offered beside it, not instead.
        var links = Regex.Matches(index, "<a href=\"([^\"]+)\">([^<]+)</a>").Select(m => (Href: m.Groups[1].Value, Text: m.Groups[2].Value)).ToList();
        Assert.All(links.Where(l => l.Text != "Markdown"), l => Assert.EndsWith(".html", l.Href));
        Assert.All(links, l => Assert.True(File.Exists(Path.Combine(_out, l.Href)), $"{l.Href} is linked but not written"));
    }

    /// <summary>
    /// Every C# sample of the reference, verbatim, compiled into one program against the SDK projects and run against the
    /// sandbox: each call either succeeds or ends in an error status its operation documents (a sample id the sandbox does
    /// not have is a 404), never in an argument check, a decoding failure or a compile error. The setup line of each service
    /// is compiled too (not run: it reads the real key and address).
    /// </summary>
    [Fact]
    public async Task Every_csharp_sample_compiles_and_runs_against_the_sandbox()
    {
        var services = new[] { ("webscrape", "WebScrape"), ("scrapellm", "ScrapeLlm"), ("ittybit", "Ittybit") };
        var project = Directory.CreateTempSubdirectory("specwright-samples-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(project, "Samples.csproj"), $$"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>
                  <ItemGroup>
                {{string.Concat(services.Select(s => $"    <ProjectReference Include=\"{Path.Combine(RepoPaths.Root, "src", "Specwright." + s.Item2, $"Specwright.{s.Item2}.csproj")}\" />\n"))}}  </ItemGroup>
                </Project>
                """);
            var main = new StringBuilder("using Specwright.Core.Errors;\n");
            foreach (var (name, package) in services)
            {
                var samples = Samples(name);
                // A sample prints a field of the answer, not the answer's type name.
                Assert.All(samples, s => Assert.False(s.CSharpCall.EndsWith("Console.WriteLine(response.Value);", StringComparison.Ordinal), $"{name} {s.OperationId} prints a type name"));
                // The samples' own using lines, not ours: a sample that needs another namespace and does not say so fails to compile.
                var code = new StringBuilder(string.Join("\n", samples.SelectMany(s => s.CSharpUsings.Split('\n')).Distinct()) + $"\n\ninternal static class {package}Samples\n{{\n");
                code.Append($"    public static async Task Setup()\n    {{\n        {samples[0].CSharpSetup}\n        await Task.CompletedTask;\n    }}\n");
                main.Append($"using (var client = new Specwright.{package}.{package}Client(new Specwright.{package}.{package}ClientOptions {{ ApiKey = args[{Array.IndexOf(services, (name, package)) * 2}], BaseUrl = new Uri(args[{Array.IndexOf(services, (name, package)) * 2 + 1}]) }}))\n{{\n");
                foreach (var sample in samples)
                {
                    code.Append($"    public static async Task {sample.OperationId}({package}Client client)\n    {{\n        {sample.CSharpCall.Replace("\n", "\n        ")}\n    }}\n");
                    main.Append($"    try {{ await {package}Samples.{sample.OperationId}(client); Console.WriteLine(\"RESULT {name} {sample.OperationId} ok\"); }}\n")
                        .Append($"    catch (ApiException e) {{ Console.WriteLine($\"RESULT {name} {sample.OperationId} {{(int)e.StatusCode}}\"); }}\n")
                        .Append($"    catch (Exception e) {{ Console.WriteLine($\"RESULT {name} {sample.OperationId} FAILED {{e.GetType().Name}}: {{e.Message}}\"); }}\n");
                }
                code.Append("}\n");
                main.Append("}\n");
                await File.WriteAllTextAsync(Path.Combine(project, $"{package}Samples.cs"), code.ToString());
            }
            main.Append("return 0; // the test reads each RESULT line\n");
            await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), main.ToString());
            await ProcessRunner.RunAsync("dotnet", "build", project, "-nologo", "-v:q");

            await using var sandbox = await Specwright.Sandbox.SandboxServer.StartAsync(Specwright.Sandbox.SandboxOptions.Fast());
            var output = await ProcessRunner.RunAsync("dotnet", Path.Combine(project, "bin", "Debug", "net10.0", "Samples.dll"),
                Specwright.Sandbox.SandboxOptions.DemoWebScrapeKey, sandbox.WebScrapeBaseUrl.AbsoluteUri,
                Specwright.Sandbox.SandboxOptions.DemoScrapeLlmKey, sandbox.ScrapeLlmBaseUrl.AbsoluteUri,
                Specwright.Sandbox.SandboxOptions.DemoIttybitKey, sandbox.IttybitBaseUrl.AbsoluteUri);
            var results = output.Split('\n').Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal)).Select(l => l.Split(' ', 4)).ToList();
            foreach (var (name, _) in services)
            {
                var spec = SpecDocument.Load(name + ".yaml");
                foreach (var sample in Samples(name))
                {
                    var result = results.SingleOrDefault(r => r[1] == name && r[2] == sample.OperationId)
                                 ?? throw new Xunit.Sdk.XunitException($"{name} {sample.OperationId}: the sample did not run\n{output}");
                    if (result[3] == "ok") continue;
                    var documented = DocumentedStatuses(spec, sample.OperationId);
                    Assert.True(documented.Contains(result[3]), $"{name} {sample.OperationId}: {result[3]} (documented: {string.Join(", ", documented)})\n{sample.CSharpCall}");
                }
            }
            Assert.Contains(results, r => r[1] == "webscrape" && r[2] == "scrape" && r[3] == "ok");
            Assert.Contains(results, r => r[1] == "ittybit" && r[2] == "createTask" && r[3] == "ok");
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private static List<string> DocumentedStatuses(SpecDocument spec, string operationId) =>
        spec.Root["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject())
            .Where(o => (string?)o.Value?["operationId"] == operationId)
            .SelectMany(o => o.Value!["responses"]!.AsObject().Select(r => r.Key)).ToList();

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
