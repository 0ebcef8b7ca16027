using System.Text.Json.Nodes;
using static Specwright.Cli.Tests.InProcessCli;

namespace Specwright.Cli.Tests;

/// <summary>Commands run in-process against the embedded sandbox: output, JSON and exit codes.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Scrape_prints_json_and_says_the_sandbox_is_used()
    {
        var (code, stdout, stderr) = await Run("webscrape", "scrape", "https://example.com/page", "--clean", "--json", "--sandbox");
        Assert.Equal(0, code);
        var data = JsonNode.Parse(stdout)!;
        Assert.Equal("html", (string)data["content_type"]!);
        Assert.True((bool)data["cleaned"]!);
        Assert.Contains("Using the embedded sandbox", stderr);
        Assert.Contains("1 credit used, 499 left", stderr);
    }

    [Fact]
    public async Task Smartbrowse_run_wait_completes_and_prints_the_run_as_json()
    {
        var (code, stdout, _) = await Run("webscrape", "smartbrowse", "run", "m3Yc2tFvN8q", "--wait", "--json", "--sandbox");
        Assert.Equal(0, code);
        var run = JsonNode.Parse(stdout)!;
        Assert.Equal("completed", (string)run["run_status"]!);
        Assert.Equal(87, (int)run["items_extracted"]!);
    }

    [Fact]
    public async Task Smartbrowse_run_wait_for_people_prints_progress_and_an_items_table()
    {
        var (code, stdout, stderr) = await Run("webscrape", "smartbrowse", "run", "m3Yc2tFvN8q", "--wait", "--sandbox");
        Assert.Equal(0, code);
        Assert.Contains("completed: 3 pages, 87 items", stderr);
        Assert.Contains("Product A", stdout);
        Assert.Contains("$19.99", stdout);
        Assert.Contains("… and 72 more items", stdout);
    }

    [Fact]
    public async Task Smartscraper_takes_a_schema_and_returns_shaped_json()
    {
        var schema = """{"type":"object","required":["title"],"properties":{"title":{"type":"string"}}}""";
        var (code, stdout, _) = await Run("webscrape", "smartscraper", "https://example.com/x", "the title", "--schema", schema, "--sandbox");
        Assert.Equal(0, code);
        Assert.Equal("example.com — x", (string)JsonNode.Parse(stdout)!["title"]!);
    }

    [Fact]
    public async Task An_api_error_is_one_line_with_code_and_request_id_and_exit_code_1()
    {
        var (code, stdout, stderr) = await Run("webscrape", "smartbrowse", "run", "unknownRcp1", "--sandbox");
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Matches(@"error: not_found \(HTTP 404\): recipe not found \[request req_[0-9A-Za-z]{8}\]", stderr);
    }

    [Fact]
    public async Task A_failed_run_exits_4()
    {
        var (code, _, stderr) = await Run("webscrape", "smartbrowse", "run", "F4iLs0nLdQ2", "--wait", "--sandbox");
        Assert.Equal(4, code);
        Assert.Contains("target page did not load within timeout", stderr);
    }

    [Fact]
    public async Task Bad_input_exits_2_with_a_clear_message()
    {
        var (code, _, stderr) = await Run("webscrape", "smartscraper", "https://example.com", "x", "--schema", "{nope", "--sandbox");
        Assert.Equal(2, code);
        Assert.Contains("--schema: not valid JSON (line 1, byte 2).", stderr);
    }

    [Fact]
    public async Task A_wrong_key_against_a_server_never_prints_the_key()
    {
        await using var sandbox = await Sandbox.SandboxServer.StartAsync();
        const string key = "wsg_live_wrongwrongwrongwrongwrongwrong12";
        var (code, stdout, stderr) = await Run("webscrape", "smartbrowse", "usage", "--api-key", key, "--base-url", sandbox.WebScrapeBaseUrl.ToString());
        Assert.Equal(1, code);
        Assert.Contains("error: unauthorized (HTTP 401): invalid API key", stderr);
        Assert.DoesNotContain(key, stderr + stdout);
    }

    [Fact]
    public async Task An_Ittybit_key_is_created_used_listed_and_deleted_from_the_command_line()
    {
        await using var sandbox = await Sandbox.SandboxServer.StartAsync();
        const string admin = "ittybit_cli_admin_key_0001";
        sandbox.State.IttybitProjects.AddProjectKey(admin, 100);
        var server = sandbox.IttybitBaseUrl.ToString();

        var (created, secret, note) = await Run("ittybit", "create-key", "CI", "--api-key", admin, "--base-url", server);
        secret = secret.Trim();
        Assert.Equal(0, created);
        Assert.StartsWith("ittybit_", secret); // stdout holds the secret alone, for a secret store
        Assert.Contains("its secret is shown this once", note);
        var id = note.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(w => w.StartsWith("key_", StringComparison.Ordinal)).TrimEnd(';');

        var (listed, keys, _) = await Run("ittybit", "keys", "--json", "--api-key", secret, "--base-url", server); // the new key reaches the project
        Assert.Equal(0, listed);
        Assert.Equal(["CI", "Sandbox key"], JsonNode.Parse(keys)!.AsArray().Select(k => (string)k!["name"]!).Order());
        Assert.DoesNotContain(secret, keys);

        Assert.Equal(0, (await Run("ittybit", "delete-key", id, "--api-key", admin, "--base-url", server)).Code);
        var (refused, _, error) = await Run("ittybit", "keys", "--api-key", secret, "--base-url", server);
        Assert.Equal(1, refused);
        Assert.Contains("token_invalid", error);
        Assert.DoesNotContain(secret, error);
        var (empty, _, none) = await Run("ittybit", "connections", "--api-key", admin, "--base-url", server);
        Assert.Equal((0, "no connections"), (empty, none.Trim().Split('\n')[^1]));
    }

    [Fact]
    public async Task Missing_arguments_fail_with_usage_help()
    {
        var (code, _, stderr) = await Run("webscrape", "scrape");
        Assert.Equal(2, code);
        Assert.Contains("url", stderr);
    }

    [Fact]
    public async Task Cancelling_a_wait_exits_130_cleanly()
    {
        using var cts = new CancellationTokenSource();
        var stderr = new CancelOn(cts, " running: "); // as Ctrl+C would, once the run is under way
        var code = await CliApp.RunAsync(["webscrape", "smartbrowse", "run", "S1owTa5kR9z", "--wait", "--sandbox"], new StringWriter(), stderr, cts.Token);
        Assert.Equal(130, code);
        // The run goes on; with the embedded sandbox (which stops with the command) the line says how to keep one instead.
        Assert.Contains("cancelled; the work goes on on the server: the embedded sandbox stops with this command", Lines(stderr.ToString())[^1]);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Records output and cancels once a line containing <paramref name="trigger"/> is written.</summary>
    private sealed class CancelOn(CancellationTokenSource cts, string trigger) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(trigger, StringComparison.Ordinal) == true) cts.Cancel();
        }
    }

    [Fact]
    public async Task The_sandbox_command_serves_until_cancelled_and_prints_url_and_key()
    {
        using var cts = new CancellationTokenSource();
        var stdout = new CancelOn(cts, "control API");
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["sandbox", "--urls", "http://127.0.0.1:0"], stdout, stderr, cts.Token);
        Assert.Equal(0, code);
        Assert.Matches(@"webscrape\.ai API \(webscrape\)\n\s+base URL\s+: http://127\.0\.0\.1:\d+/v1", stdout.ToString().Replace("\r", ""));
        Assert.Contains(Sandbox.SandboxOptions.DemoWebScrapeKey, stdout.ToString());
        Assert.Contains("sandbox stopped", stderr.ToString());
    }

    [Fact]
    public async Task The_demo_tour_runs_to_the_end()
    {
        var (code, stdout, stderr) = await Run("demo");
        Assert.True(code == 0, stderr);
        Assert.Contains("1. webscrape.ai SmartBrowse", stdout);
        Assert.Contains("\"name\": \"Product A\"", stdout);
        Assert.Contains("the server saw 3 attempts", stderr);
        Assert.Contains("perplexity, US, 3 credits", stderr);
        Assert.Contains(", cached (job job_", stderr);
        Assert.Matches(@"job [0-9a-f-]{36}: done", stderr);
        Assert.Contains("gemini, DE, 3 credits", stderr);
        Assert.Contains("refused before sending: 'options.Country' JP is not supported by this operation (it refuses JP, TW)", stderr);
        Assert.DoesNotContain("(Parameter '", stderr); // .NET's suffix is not for people
        Assert.Contains("491 ScrapeLLM credits left", stderr);
        Assert.Contains("demo complete", stdout);
    }

    [Fact]
    public async Task Scrapellm_ask_prints_the_answer_as_json_with_the_scrapers_fields()
    {
        var (code, stdout, stderr) = await Run("scrapellm", "ask", "chatgpt", "best crm for a small team", "--country", "gb", "--json");
        Assert.True(code == 0, stderr);
        var answer = JsonNode.Parse(stdout)!;
        Assert.Equal(("chatgpt", "GB", 3), ((string)answer["scraper"]!, (string)answer["country"]!, (int)answer["credits_used"]!));
        Assert.NotEmpty(answer["links"]!.AsArray());
        Assert.Contains("No SCRAPELLM_API_KEY or --api-key: using the embedded sandbox", stderr);
    }

    [Fact]
    public async Task Scrapellm_submit_wait_polls_the_job_to_its_answer()
    {
        var (code, stdout, stderr) = await Run("scrapellm", "submit", "amazon_rufus", "waterproof hiking boots", "--wait");
        Assert.True(code == 0, stderr);
        Assert.Contains("waterproof hiking boots (", stdout);
        Assert.Contains("https://www.amazon.com/dp/B0", stdout);
        Assert.Matches(@"job [0-9a-f-]{36}: pending", stderr);
        Assert.Contains("amazon_rufus, US, 3 credits", stderr);
    }

    [Fact]
    public async Task Scrapellm_failures_map_to_exit_codes()
    {
        var failed = await Run("scrapellm", "submit", "gemini", "sandbox:fail now", "--wait");
        var country = await Run("scrapellm", "ask", "google_ai_mode", "hi", "--country", "TW");
        var unknownScraper = await Run("scrapellm", "ask", "claude", "hi");
        var unknownJob = await Run("scrapellm", "job", "3f7a2b1c-9d4e-4f6a-8b2c-1e5d7a9c0b3f");

        Assert.Equal(4, failed.Code);
        Assert.Contains("ended failed: Scraper returned an unexpected error; its credits are refunded", failed.Err);
        Assert.Equal(2, country.Code);
        Assert.Contains("--country TW is not supported by this operation", country.Err);
        Assert.DoesNotContain("(Parameter", country.Err);
        Assert.Equal(2, unknownScraper.Code);
        Assert.Contains("Argument 'claude' not recognized", unknownScraper.Err);
        Assert.Equal(1, unknownJob.Code);
        Assert.Contains("error: job_expired_or_unknown (HTTP 404): Job not found", unknownJob.Err);
    }
}
