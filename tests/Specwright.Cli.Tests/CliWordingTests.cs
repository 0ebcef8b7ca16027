using Specwright.Sandbox;
using Specwright.TestSupport;
using static Specwright.Cli.Tests.InProcessCli;

namespace Specwright.Cli.Tests;

/// <summary>
/// The CLI speaks in flags and in the service's own variables, checks a generated command's flags against the spec
/// before sending, and explains a 404 from a chosen base URL (issue #29 point 5).
/// </summary>
public sealed class CliWordingTests
{
    [Theory]
    [InlineData("webscrape", "WEBSCRAPE_API_KEY", "WEBSCRAPE_BASE_URL")]
    [InlineData("scrapellm", "SCRAPELLM_API_KEY", "SCRAPELLM_BASE_URL")]
    [InlineData("ittybit", "ITTYBIT_API_KEY", "ITTYBIT_BASE_URL")]
    public async Task A_services_help_names_its_own_variables_and_no_other_services(string service, string keyVariable, string urlVariable)
    {
        var (code, stdout, _) = await Run(service, "--help");

        Assert.Equal(0, code);
        var apiKey = Assert.Single(Lines(stdout), l => l.StartsWith("--api-key", StringComparison.Ordinal));
        Assert.EndsWith($"API key (default: {keyVariable})", apiKey);
        Assert.Contains($"(default: {urlVariable} when set", Assert.Single(Lines(stdout), l => l.StartsWith("--base-url", StringComparison.Ordinal)));
        foreach (var other in new[] { "WEBSCRAPE_", "SCRAPELLM_", "ITTYBIT_" }.Where(v => !keyVariable.StartsWith(v, StringComparison.Ordinal)))
            Assert.DoesNotContain(other, stdout);
    }

    [Fact]
    public async Task The_sandbox_command_takes_only_its_own_flags()
    {
        var (_, help, _) = await Run("sandbox", "--help");
        var (code, _, stderr) = await Run("sandbox", "--api-key", "x");

        Assert.Contains("--urls", help);
        Assert.DoesNotContain("--api-key", help);
        Assert.DoesNotContain("--base-url", help);
        Assert.Equal(2, code);
        Assert.StartsWith("error: '--api-key' is not a known option of 'specwright sandbox'", Lines(stderr)[0]);
    }

    [Theory]
    [InlineData("--limit", "500", "error: --limit must be 1 to 100, got 500.")]
    [InlineData("--limit", "0", "error: --limit must be 1 to 100, got 0.")]
    [InlineData("--limit", "abc", "error: --limit must be a whole number, got 'abc'.")]
    [InlineData("--order", "up", "error: --order must be one of asc, desc; got 'up'.")]
    public async Task A_generated_command_refuses_a_flag_outside_the_specs_bounds_before_anything_starts(string flag, string value, string error)
    {
        var (code, stdout, stderr) = await Run("ittybit", "call", "list-tasks", flag, value);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal([error], Lines(stderr)); // one line, and no "using the embedded sandbox": nothing was started or sent
    }

    [Fact]
    public async Task A_value_inside_the_bounds_is_sent()
    {
        var (code, stdout, stderr) = await Run("ittybit", "call", "list-tasks", "--limit", "100", "--order", "desc", "--sandbox");

        Assert.True(code == 0, stderr);
        Assert.StartsWith("[", stdout.TrimStart());
    }

    [Fact]
    public async Task An_sdk_check_names_the_flag_not_the_sdk_property_in_one_line()
    {
        var (code, _, stderr) = await Run("webscrape", "scrape", "https://example.com", "--max-age", "-5", "--sandbox");

        Assert.Equal(2, code);
        Assert.Equal("error: --max-age must be at least 0, got -5.", Lines(stderr)[^1]);
        Assert.DoesNotContain("MaxAge", stderr);
        Assert.DoesNotContain("Actual value", stderr);
    }

    [Fact]
    public async Task A_missing_key_names_the_flag_and_the_services_variable()
    {
        Assert.Null(Environment.GetEnvironmentVariable("WEBSCRAPE_API_KEY")); // the test's premise
        var (code, _, stderr) = await Run("webscrape", "scrape", "https://example.com", "--base-url", "http://127.0.0.1:9/v1");

        Assert.Equal(2, code);
        Assert.Equal(["error: No webscrape.ai API key: set --api-key or the WEBSCRAPE_API_KEY environment variable."], Lines(stderr));
    }

    [Theory]
    [InlineData("--schema")]
    [InlineData("--body")]
    public async Task Bad_json_in_any_flag_is_one_line_naming_the_flag_and_where_it_breaks(string flag)
    {
        var args = flag == "--schema"
            ? new[] { "webscrape", "smartscraper", "https://example.com", "the title", "--schema", "{bad", "--sandbox" }
            : ["webscrape", "call", "scrape", "--body", "{bad", "--sandbox"];

        var (code, _, stderr) = await Run(args);

        Assert.Equal(2, code);
        Assert.Equal($"error: {flag}: not valid JSON (line 1, byte 2).", Lines(stderr)[^1]);
    }

    [Fact]
    public async Task A_missing_schema_file_is_a_usage_error_naming_it()
    {
        var (code, _, stderr) = await Run("webscrape", "smartscraper", "https://example.com", "the title", "--schema", "@/no/such/schema.json", "--sandbox");

        Assert.Equal(2, code);
        Assert.Equal("error: --schema: no file '/no/such/schema.json'.", Lines(stderr)[^1]);
    }

    [Fact]
    public async Task A_404_at_a_base_url_without_the_specs_path_says_the_url_used_and_the_one_to_try()
    {
        await using var sandbox = await SandboxServer.StartAsync(SandboxOptions.Fast());
        var root = sandbox.WebScrapeBaseUrl.GetLeftPart(UriPartial.Authority);

        var (code, _, stderr) = await Run("webscrape", "scrape", "https://example.com", "--base-url", root, "--api-key", SandboxOptions.DemoWebScrapeKey);

        Assert.Equal(1, code);
        var lines = Lines(stderr);
        Assert.StartsWith("error: not_found (HTTP 404):", lines[0]);
        Assert.Equal($"hint: the base URL was {root}/, but webscrape.ai API's paths are documented below /v1 (https://api.webscrape.ai/v1); try --base-url {root}/v1", lines[1]);
    }

    [Fact]
    public async Task A_404_at_the_documented_path_is_not_blamed_on_the_base_url()
    {
        await using var sandbox = await SandboxServer.StartAsync(SandboxOptions.Fast());

        var (code, _, stderr) = await Run("webscrape", "smartbrowse", "get", "run_doesnotexist", "--base-url", sandbox.WebScrapeBaseUrl.ToString(), "--api-key", SandboxOptions.DemoWebScrapeKey);

        Assert.Equal(1, code);
        var lines = Lines(stderr);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains("(HTTP 404)", lines[0]);
        Assert.Equal($"hint: the base URL was {sandbox.WebScrapeBaseUrl}; a 404 there is the server's answer for this path or id", lines[1]);
    }

    [Fact]
    public async Task The_readmes_headline_cli_example_prints_the_answer_the_readme_shows()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "README.md"));
        const string command = "specwright scrapellm ask chatgpt \"best CRM for a small team\" --sandbox";
        Assert.Contains(command, readme);

        var (code, stdout, stderr) = await Run("scrapellm", "ask", "chatgpt", "best CRM for a small team", "--sandbox");

        Assert.True(code == 0, stderr);
        var lines = Lines(stdout);
        Assert.True(lines.Length >= 2, stdout);
        // The answer's lines as printed; the last (its job id and time) differs per run.
        foreach (var line in lines[..^1]) Assert.Contains(line, readme);
    }
}
