using System.Text.Json.Nodes;
using static Specwright.Cli.Tests.InProcessCli;

namespace Specwright.Cli.Tests;

/// <summary>The CLI defects a new user hit (issue #17 point 6), each as it should behave now.</summary>
public sealed class CliDefectTests
{
    [Fact]
    public async Task A_schema_file_given_as_at_path_is_read_not_expanded_as_a_response_file()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """{"type":"object","properties":{"title":{"type":"string"}},"required":["title"]}""");
        try
        {
            var (code, stdout, stderr) = await Run("webscrape", "smartscraper", "https://example.com/x", "the title", "--schema", "@" + file, "--json", "--sandbox");

            Assert.True(code == 0, stderr);
            Assert.NotNull(JsonNode.Parse(stdout)!["result"]!["title"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new[] { "webscrap" }, "'webscrap' is not a known command or argument of 'specwright'; did you mean 'webscrape'?", "specwright --help")]
    [InlineData(new[] { "webscrape", "smartscrapr", "https://example.com" }, "'smartscrapr' is not a known command or argument of 'specwright webscrape'; did you mean 'smartscraper'?", "specwright webscrape --help")]
    [InlineData(new[] { "webscrape", "scrape", "https://example.com", "--jsn" }, "'--jsn' is not a known option of 'specwright webscrape scrape'; did you mean '--json'?", "specwright webscrape scrape --help")]
    [InlineData(new[] { "zzzz" }, "'zzzz' is not a known command or argument of 'specwright'", "specwright --help")]
    public async Task A_mistyped_word_is_named_with_the_nearest_command_or_option(string[] args, string error, string help)
    {
        var (code, stdout, stderr) = await Run(args);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal([$"error: {error}", $"See '{help}'."], Lines(stderr));
    }

    [Fact]
    public async Task A_parse_error_is_one_error_line_and_where_to_find_help_exit_2()
    {
        var (code, stdout, stderr) = await Run("webscrape", "smartbrowse", "usage", "--bogus");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var lines = Lines(stderr);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains("--bogus", lines[0]);
        Assert.Equal("See 'specwright webscrape smartbrowse usage --help'.", lines[1]);
    }

    [Fact]
    public async Task A_number_that_is_not_one_is_said_in_words_not_in_dotNET_type_names()
    {
        var (code, _, stderr) = await Run("webscrape", "scrape", "https://example.com", "--max-age", "abc");

        Assert.Equal(2, code);
        Assert.Contains("as a whole number", stderr);
        Assert.DoesNotContain("System.", stderr);
    }

    [Theory]
    [InlineData("tasks")]
    [InlineData("events")]
    public async Task Ittybit_lists_honour_json_and_an_empty_list_is_an_empty_array(string list)
    {
        var (code, stdout, _) = await Run("ittybit", list, "--json", "--sandbox");

        Assert.Equal(0, code);
        Assert.Empty(JsonNode.Parse(stdout)!.AsArray());
    }

    [Fact]
    public async Task Server_flags_on_a_spec_with_one_plain_server_name_the_way_to_another_address()
    {
        var (code, _, stderr) = await Run("ittybit", "call", "list-tasks", "--server-variable", "region=eu", "--api-key", "k");

        Assert.Equal(2, code);
        Assert.Contains("--server/--server-variable: Server variable 'region': this server has no variables.", stderr);
    }

    [Theory]
    [InlineData("ittybit", "call", "list-tasks")] // the command made from the spec
    [InlineData("ittybit", "events", "--max", "1")] // a curated command
    public async Task A_credential_for_a_service_that_takes_only_its_key_is_refused_without_repeating_it(params string[] command)
    {
        var (code, _, stderr) = await Run([.. command, "--credential", "admin=s3cret-value", "--api-key", "k"]);

        Assert.Equal(2, code);
        Assert.Contains("--credential: Ittybit API takes only the API key (--api-key).", stderr);
        Assert.DoesNotContain("s3cret-value", stderr);
    }

    [Theory]
    [InlineData("--api-key", "ittybit_some_key_0001")]
    [InlineData("--base-url", "http://127.0.0.1:5080/ittybit")]
    public async Task Sandbox_with_a_key_or_url_is_an_error_naming_the_clash(string option, string value)
    {
        var (code, _, stderr) = await Run("ittybit", "events", "--sandbox", option, value);

        Assert.Equal(2, code);
        Assert.Contains("--sandbox cannot be combined with --api-key or --base-url", stderr);
        Assert.DoesNotContain(value, stderr);
    }

    [Theory]
    [InlineData("--max must be 1 or more", "ittybit", "tasks", "--max", "-1")]
    [InlineData("--width must be 1 or more", "ittybit", "task", "video", "https://example.com/a.mp4", "--width", "-100")]
    public async Task Numbers_out_of_range_are_refused_before_the_sandbox_starts(string message, params string[] args)
    {
        var (code, _, stderr) = await Run([.. args, "--sandbox"]);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("embedded sandbox", stderr); // refused by the parser, before anything started
    }

    [Fact]
    public async Task Creating_a_task_without_wait_prints_the_bare_id_and_a_follow_up_that_works_in_the_mode_used()
    {
        var (code, stdout, stderr) = await Run("ittybit", "task", "video", "https://example.com/a.mp4", "--sandbox");

        Assert.Equal(0, code);
        Assert.Matches("^task_[A-Za-z0-9]+$", stdout.Trim());
        Assert.Contains("the embedded sandbox stops with this command", stderr);
        Assert.Contains("specwright sandbox", stderr);
    }

    [Fact]
    public async Task A_wait_names_its_run_and_Ctrl_C_prints_how_to_pick_it_up_again()
    {
        await using var sandbox = await Sandbox.SandboxServer.StartAsync(new Sandbox.SandboxOptions { RunPageDuration = TimeSpan.FromSeconds(5) });
        using var cts = new CancellationTokenSource();
        var stderr = new CancelOnWrite("run ", cts); // Ctrl+C once the first state of the run is shown
        var stdout = new StringWriter();

        var code = await CliApp.RunAsync(["webscrape", "smartbrowse", "run", "m3Yc2tFvN8q", "--wait",
            "--api-key", Sandbox.SandboxOptions.DemoWebScrapeKey, "--base-url", sandbox.WebScrapeBaseUrl.ToString()], stdout, stderr, cts.Token);

        Assert.Equal(130, code);
        var runId = System.Text.RegularExpressions.Regex.Match(stderr.ToString(), "run (\\w+) \\w+: ").Groups[1].Value;
        Assert.NotEmpty(runId);
        Assert.Contains($"cancelled; the work goes on on the server: follow it with: specwright webscrape smartbrowse get {runId}", stderr.ToString());
    }

    /// <summary>Stderr that cancels the command once a line containing <paramref name="marker"/> was written.</summary>
    private sealed class CancelOnWrite(string marker, CancellationTokenSource cts) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(marker, StringComparison.Ordinal) == true) cts.Cancel();
        }
    }
}
