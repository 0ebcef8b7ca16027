using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Specwright.Core.Polling;
using Specwright.Ittybit;
using Specwright.Sandbox;
using Specwright.TestSupport;

namespace Specwright.Packaging.Tests;

/// <summary>
/// The consumer samples (samples/) as a new user meets them: the packages of this build packed into a feed under a version of
/// their own, a copy of the samples pinned to exactly that version, restored with an empty NuGet cache (nothing from this
/// machine's earlier builds can stand in), built, and run against the sandbox: the console app scrapes and reports a bad URL
/// as bad input; the minimal API scrapes through DI, answers 400 to a bad URL, and handles each Ittybit event the sandbox
/// delivers once.
/// </summary>
public sealed class SampleTests : IAsyncLifetime
{
    // The sandbox package depends on every service SDK (it serves them all), ScrapeLLM's included.
    private static readonly string[] Packages = ["Specwright.Core", "Specwright.WebScrape", "Specwright.Ittybit", "Specwright.Webhooks.AspNetCore", "Specwright.ScrapeLlm", "Specwright.Sandbox"];
    private readonly ScratchRepo _scratch = new ScratchRepo().Copy("samples");
    private readonly string _cache = Directory.CreateTempSubdirectory("specwright-empty-nuget-cache-").FullName;
    private SandboxServer _sandbox = null!;
    private Dictionary<string, string> _versions = null!;

    public async Task InitializeAsync()
    {
        // Each package at its own next version (eng/Versions.props), all with this run's prerelease suffix.
        var suffix = "sample." + Guid.NewGuid().ToString("N")[..8];
        _versions = Packages.ToDictionary(p => p, p => $"{PackageVersion.Of(p).Next}-{suffix}");
        var configuration = typeof(SampleTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        foreach (var package in Packages)
            await RunAsync("dotnet", ["pack", Path.Combine(RepoPaths.Root, "src", package), "--no-build", "-c", configuration, "-o", Feed, $"-p:SpecwrightVersionSuffix={suffix}"]);
        _sandbox = await SandboxServer.StartAsync(SandboxOptions.Fast());
    }

    private string Feed => _scratch.PathOf("feed");

    [Fact]
    public async Task The_console_sample_restores_the_pinned_packages_from_an_empty_cache_and_scrapes_the_sandbox()
    {
        var dll = await BuildAsync("ConsoleApp");
        var env = new Dictionary<string, string> { ["WEBSCRAPE_API_KEY"] = SandboxOptions.DemoWebScrapeKey, ["WEBSCRAPE_BASE_URL"] = _sandbox.WebScrapeBaseUrl.AbsoluteUri };

        var (exit, stdout, stderr) = await RunAsync("dotnet", [dll, "https://example.com/"], env, check: false);
        Assert.True(exit == 0, stderr);
        Assert.Matches(@"^scraped https://example.com/: [1-9]\d* characters of HTML; 1 credit used, \d+ left; request \S+", stdout);
        Assert.Equal(1, _sandbox.State.Log.Count("scrape"));

        (exit, _, stderr) = await RunAsync("dotnet", [dll, "ftp://example.com/"], env, check: false);
        Assert.Equal(2, exit);
        Assert.Contains("bad input", stderr);
        Assert.Contains("WebsiteUrl", stderr);
        Assert.Equal(1, _sandbox.State.Log.Count("scrape")); // refused before sending
    }

    [Fact]
    public async Task The_web_sample_scrapes_through_di_answers_400_to_bad_input_and_handles_each_ittybit_event_once()
    {
        var dll = await BuildAsync("WebApp");
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        using var app = Start("dotnet", [dll, "--urls", baseUrl.AbsoluteUri], new Dictionary<string, string>
        {
            ["WebScrape__ApiKey"] = SandboxOptions.DemoWebScrapeKey,
            ["WebScrape__BaseUrl"] = _sandbox.WebScrapeBaseUrl.AbsoluteUri,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        try
        {
            using var http = new HttpClient { BaseAddress = baseUrl };
            await WaitUntilListeningAsync(http, app);

            using var scraped = await http.GetAsync("scrape?url=https://example.com/");
            Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
            var summary = await scraped.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(summary.GetProperty("htmlLength").GetInt32() > 0);

            using var bad = await http.GetAsync("scrape?url=ftp://example.com/");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            Assert.Contains("WebsiteUrl", await bad.Content.ReadAsStringAsync());

            // Ittybit delivers task events to the sample's receiver; a redelivery is acknowledged and not handled again.
            using (var raw = new HttpClient())
            {
                raw.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SandboxOptions.DemoIttybitKey);
                using var created = await raw.PostAsync(new Uri(_sandbox.IttybitBaseUrl + "/webhooks/endpoints"), new StringContent(
                    $$"""{"url":"{{baseUrl}}hooks/ittybit","topics":["task.succeeded"]}""", Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }
            using var ittybit = new IttybitClient(new IttybitClientOptions { ApiKey = SandboxOptions.DemoIttybitKey, BaseUrl = _sandbox.IttybitBaseUrl });
            var task = await ittybit.Tasks.CreateAndWaitAsync(new CreateTaskRequest { Url = "https://example.com/a.mp4", Kind = TaskKind.Image },
                schedule: new PollingSchedule { InitialInterval = TimeSpan.FromMilliseconds(10), MaxInterval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromSeconds(30) });
            await WaitForAsync(() => _sandbox.State.Log.Webhooks.Any(w => w.Event == "task.succeeded"), "the task.succeeded delivery");
            var delivered = _sandbox.State.Log.Webhooks.Single(w => w.Event == "task.succeeded");
            Assert.Equal(200, delivered.Status);
            using (var control = new HttpClient { BaseAddress = _sandbox.BaseUrl })
            using (var redeliver = await control.PostAsync($"_sandbox/ittybit/events/{delivered.Subject}/redeliver", null))
                Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
            await WaitForAsync(() => _sandbox.State.Log.Webhooks.Count(w => w.Subject == delivered.Subject) == 2, "the redelivery");
            Assert.Equal([200, 200], _sandbox.State.Log.Webhooks.Where(w => w.Subject == delivered.Subject).Select(w => w.Status ?? 0));

            var received = await http.GetFromJsonAsync<JsonElement>("hooks/received");
            var handled = Assert.Single(received.EnumerateArray());
            Assert.Equal(delivered.Subject, handled.GetProperty("id").GetString());
            Assert.Equal(task.Id, handled.GetProperty("subject").GetString());
        }
        finally
        {
            app.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task The_sample_test_starts_the_sandbox_from_its_package_as_its_readme_shows()
    {
        // The package README's test, exactly as printed, is the sample's test file.
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "src", "Specwright.Sandbox", "README.md"));
        var printed = System.Text.RegularExpressions.Regex.Match(readme, "```csharp\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(printed, await File.ReadAllTextAsync(_scratch.PathOf("samples", "SandboxTests", "ScrapeTests.cs")));

        await BuildAsync("SandboxTests");
        var (exit, stdout, stderr) = await RunAsync("dotnet", ["test", _scratch.PathOf("samples", "SandboxTests"), "--no-build", "--disable-build-servers"], check: false);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Matches(@"Passed!\s+- Failed:\s+0, Passed:\s+1,", stdout);
        var assets = await File.ReadAllTextAsync(_scratch.PathOf("samples", "SandboxTests", "obj", "project.assets.json"));
        Assert.Contains($"\"Specwright.Sandbox/{_versions["Specwright.Sandbox"]}\"", assets); // from its package, not a project
    }

    /// <summary>
    /// README "Using the SDKs in your own app", followed by a new user outside the repository: `dotnet new console` and `dotnet
    /// new web`, the README's commands for the feed (its path this build's), its `dotnet add package` line, and as Program.cs the
    /// README's first webscrape.ai example and its dependency-injection example, exactly as printed; both build and run against
    /// the sandbox, configured by the variables (console) and the configuration keys (web) the README names.
    /// </summary>
    [Fact]
    public async Task A_console_app_and_a_web_app_written_from_the_readme_alone_build_and_run_against_the_sandbox()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## Using the SDKs in your own app", StringComparison.Ordinal)..];
        var commands = System.Text.RegularExpressions.Regex.Match(section, "```sh\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value
            .Split('\n').Select(l => l.Split(" # ")[0].Trim()).Where(l => l.StartsWith("dotnet ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, commands.Count);
        string Block(string heading) => System.Text.RegularExpressions.Regex.Match(readme[readme.IndexOf(heading, StringComparison.Ordinal)..], "```csharp\n(.*?)```",
            System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;

        async Task<string> AppAsync(string template, string program, params string[] packages)
        {
            var dir = _scratch.PathOf("readme-" + template);
            Directory.CreateDirectory(dir);
            await RunAsync("dotnet", ["new", template, "--output", dir, "--name", "ReadmeApp"]);
            foreach (var command in commands)
            {
                var words = command.Replace("/path/to/specwright/artifacts/packages", Feed, StringComparison.Ordinal).Split(' ');
                var runs = words[1] == "add" ? packages.Select(p => words.Select(w => w == "Specwright.WebScrape" ? p : w).ToArray()) : [words];
                foreach (var run in runs)
                {
                    var (code, output, errors) = await ProcessRunner.RunUncheckedAsync("dotnet", run[1..], new Dictionary<string, string> { ["NUGET_PACKAGES"] = _cache }, dir);
                    Assert.True(code == 0, $"{string.Join(' ', run)} in {dir} exited {code}:\n{output}\n{errors}");
                }
            }
            await File.WriteAllTextAsync(Path.Combine(dir, "Program.cs"), program);
            await RunAsync("dotnet", ["build", dir, "--disable-build-servers", "-p:TreatWarningsAsErrors=true"]);
            Assert.Contains($"\"Specwright.WebScrape/{_versions["Specwright.WebScrape"]}\"", await File.ReadAllTextAsync(Path.Combine(dir, "obj", "project.assets.json")));
            return Path.Combine(dir, "bin", "Debug", "net10.0", "ReadmeApp.dll");
        }

        var console = await AppAsync("console", Block("## Using the webscrape.ai SDK"), "Specwright.WebScrape");
        var (exit, stdout, stderr) = await RunAsync("dotnet", [console], new Dictionary<string, string>
        {
            ["WEBSCRAPE_API_KEY"] = SandboxOptions.DemoWebScrapeKey, ["WEBSCRAPE_BASE_URL"] = _sandbox.WebScrapeBaseUrl.AbsoluteUri,
        }, check: false);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Matches(@"\(1 credit, \d+ left, req_\w+\)", stdout);

        var web = await AppAsync("web", Block("## Dependency injection"), "Specwright.WebScrape", "Specwright.ScrapeLlm", "Specwright.Ittybit");
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        using var app = Start("dotnet", [web, "--urls", baseUrl.AbsoluteUri], new Dictionary<string, string>
        {
            ["WebScrape__ApiKey"] = SandboxOptions.DemoWebScrapeKey, ["WebScrape__BaseUrl"] = _sandbox.WebScrapeBaseUrl.AbsoluteUri,
            ["ScrapeLlm__ApiKey"] = SandboxOptions.DemoScrapeLlmKey, ["ScrapeLlm__BaseUrl"] = _sandbox.ScrapeLlmBaseUrl.AbsoluteUri,
            ["Ittybit__ApiKey"] = SandboxOptions.DemoIttybitKey, ["Ittybit__BaseUrl"] = _sandbox.IttybitBaseUrl.AbsoluteUri,
            ["TeamB__WebScrapeApiKey"] = SandboxOptions.DemoWebScrapeKey,
        });
        try
        {
            using var http = new HttpClient { BaseAddress = baseUrl };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                Assert.False(app.HasExited, "the README's web app exited at start-up");
                try
                {
                    using var scraped = await http.GetAsync("scrape?url=https://example.com/");
                    Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
                    Assert.Contains("<html", await scraped.Content.ReadAsStringAsync());
                    break;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }
        finally
        {
            app.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Restores (empty cache, this build's feed, the exact version) and builds a copy of the sample; returns its DLL.</summary>
    private async Task<string> BuildAsync(string sample)
    {
        var project = _scratch.PathOf("samples", sample);
        await RunAsync("dotnet", ["build", project, "--disable-build-servers", $"-p:SpecwrightWebScrapeVersion={_versions["Specwright.WebScrape"]}",
            $"-p:SpecwrightIttybitVersion={_versions["Specwright.Ittybit"]}", $"-p:SpecwrightWebhooksVersion={_versions["Specwright.Webhooks.AspNetCore"]}",
            $"-p:SpecwrightSandboxVersion={_versions["Specwright.Sandbox"]}", $"-p:RestoreAdditionalProjectSources={Feed}"]);
        var assets = await File.ReadAllTextAsync(Path.Combine(project, "obj", "project.assets.json"));
        Assert.Contains($"\"Specwright.WebScrape/{_versions["Specwright.WebScrape"]}\"", assets); // the package of this build, not a project or an older pack
        Assert.Contains(_cache, assets); // restored into the empty cache
        return Path.Combine(project, "bin", "Debug", "net10.0", sample + ".dll");
    }

    private static async Task WaitUntilListeningAsync(HttpClient http, Process app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(app.HasExited, "the web sample exited at start-up");
            try
            {
                using var home = await http.GetAsync("");
                if (home.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "the web sample did not answer within 60 s");
            await Task.Delay(100);
        }
    }

    /// <summary>Until the sandbox has done what <paramref name="what"/> names (its deliveries are asynchronous), at most 30 s.</summary>
    private static async Task WaitForAsync(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {what} within 30 s");
            await Task.Delay(20);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Process Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = false, RedirectStandardError = false, WorkingDirectory = _scratch.Root };
        psi.Environment["NUGET_PACKAGES"] = _cache;
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return Process.Start(psi)!;
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, bool check = true)
    {
        var withCache = new Dictionary<string, string>(env ?? new Dictionary<string, string>()) { ["NUGET_PACKAGES"] = _cache };
        var (exit, stdout, stderr) = await ProcessRunner.RunUncheckedAsync(file, args, withCache, _scratch.Root);
        if (check) Assert.True(exit == 0, $"{file} {string.Join(' ', args)} exited {exit}:\n{stdout}\n{stderr}");
        return (exit, stdout, stderr);
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _scratch.Dispose();
        try { Directory.Delete(_cache, recursive: true); }
        catch (IOException) { } // a build server may still hold a file; the OS cleans the temp directory
    }
}
