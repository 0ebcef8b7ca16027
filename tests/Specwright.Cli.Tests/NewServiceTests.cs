using System.Diagnostics;
using System.Text.Json.Nodes;
using Specwright.TestSupport;

namespace Specwright.Cli.Tests;

/// <summary>
/// A new service gets a sandbox and CLI commands with no code: in a scratch copy of the repository, a plain spec (no
/// x-specwright extension) is scaffolded with `make new-service` and the CLI is built; `specwright sandbox` then serves it
/// (from the spec's examples and schemas), and every operation is called through its generated command, each answer
/// checked against the spec's schema with Ajv. Bad input comes back as the spec's errors, named.
/// </summary>
public sealed class NewServiceTests : IDisposable
{
    private readonly ScratchRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task A_plain_spec_gets_a_sandbox_and_a_cli_command_per_operation_with_no_code()
    {
        _repo.Copy("Directory.Build.props", "Directory.Build.targets", "eng", "NuGet.config", "Generated.sln", "Makefile", "openapi", "generator", "src");
        var spec = _repo.PathOf("openapi", "crawler.yaml");
        File.Copy(Path.Combine(RepoPaths.Root, "tests", "Specwright.Generator.Tests", "PlainSpecs", "crawler.yaml"), spec);
        Assert.Contains("created src/Specwright.Crawler",
            await ProcessRunner.RunAsync("make", "-C", _repo.Root, "--no-print-directory", "new-service", "NAME=Crawler", "SPEC=openapi/crawler.yaml"));
        await ProcessRunner.RunAsync("dotnet", "build", _repo.PathOf("src", "Specwright.Cli"), "-nologo", "-v:q");
        var cli = _repo.PathOf("src", "Specwright.Cli", "bin", "Debug", "net10.0", "specwright.dll");

        var help = await Cli(cli, "--help");
        Assert.Contains("crawler", help.Stdout);
        Assert.Equal(["call", "create-crawl", "delete-crawl", "get-crawl", "list-crawl-pages", "list-crawls"],
            CommandNames((await Cli(cli, "crawler", "--help")).Stdout));
        Assert.Equal(["create-crawl", "delete-crawl", "get-crawl", "list-crawl-pages", "list-crawls"],
            CommandNames((await Cli(cli, "crawler", "call", "--help")).Stdout)); // the form the docs show

        var port = FreePort.Next();
        using var sandbox = Process.Start(new ProcessStartInfo("dotnet", ["exec", cli, "sandbox", "--urls", $"http://127.0.0.1:{port}"])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            var banner = new List<string>();
            while (await sandbox.StandardOutput.ReadLineAsync() is { } line && !line.Contains("control API")) banner.Add(line);
            var title = banner.FindIndex(l => l.Contains("Crawler API (crawler, answered from the spec's examples)"));
            Assert.True(title >= 0, string.Join('\n', banner));
            var baseUrl = banner[title + 1].Split(" : ")[1].Trim();
            var key = banner[title + 2].Split(" : ")[1].Split(' ')[0];
            Assert.Equal($"http://127.0.0.1:{port}/crawler", baseUrl);
            string[] connect = ["--base-url", baseUrl, "--api-key", key];

            await AnswersMatchSpec(spec, "/paths/~1crawls/post/responses/202", await Ok(cli, ["crawler", "create-crawl", "--body", """{"url":"https://example.com","max_pages":5}""", .. connect]));
            await AnswersMatchSpec(spec, "/paths/~1crawls/get/responses/200", await Ok(cli, ["crawler", "list-crawls", "--limit", "10", "--status", "completed", .. connect]));
            await AnswersMatchSpec(spec, "/paths/~1crawls~1{crawl_id}/get/responses/200", await Ok(cli, ["crawler", "get-crawl", "--crawl-id", "c1", .. connect]));
            await AnswersMatchSpec(spec, "/paths/~1crawls~1{crawl_id}~1pages/get/responses/200", await Ok(cli, ["crawler", "list-crawl-pages", "--crawl-id", "c1", .. connect]));
            Assert.Equal("null", (await Ok(cli, ["crawler", "delete-crawl", "--crawl-id", "c1", .. connect])).Trim()); // 204: no body

            // The spec's constraints and the key, answered in the spec's error shape ({error: {type, message}}) and exit codes.
            var range = await Cli(cli, ["crawler", "list-crawls", "--limit", "0", .. connect]);
            Assert.Equal(1, range.Code);
            Assert.Contains("(HTTP 400)", range.Stderr);
            Assert.Contains("limit: must be >= 1", range.Stderr);
            var body = await Cli(cli, ["crawler", "create-crawl", "--body", """{"max_pages":"many"}""", .. connect]);
            Assert.Equal(1, body.Code);
            Assert.Contains("url is required", body.Stderr);
            Assert.Contains("max_pages: expected integer, got string", body.Stderr);
            var wrongKey = await Cli(cli, ["crawler", "get-crawl", "--crawl-id", "c1", "--base-url", baseUrl, "--api-key", "nope"]);
            Assert.Equal(1, wrongKey.Code);
            Assert.Contains("unauthorized (HTTP 401): invalid API key", wrongKey.Stderr);
            var missing = await Cli(cli, ["crawler", "get-crawl", .. connect]);
            Assert.Equal(2, missing.Code);
            Assert.Contains("Option '--crawl-id' is required", missing.Stderr);
        }
        finally
        {
            sandbox.Kill(entireProcessTree: true);
            await sandbox.WaitForExitAsync();
        }

        // Without a key the command starts the embedded sandbox, which serves the new service too.
        var embedded = await Cli(cli, "crawler", "get-crawl", "--crawl-id", "c9");
        Assert.True(embedded.Code == 0, embedded.Stderr);
        Assert.Contains("No CRAWLER_API_KEY or --api-key: using the embedded sandbox", embedded.Stderr);
        await AnswersMatchSpec(spec, "/paths/~1crawls~1{crawl_id}/get/responses/200", embedded.Stdout);
    }

    private static async Task AnswersMatchSpec(string spec, string response, string stdout)
    {
        var errors = await ContractValidator.Instance.CheckAgainstSpecSchemaAsync(spec, "#" + response + "/content/application~1json/schema", JsonNode.Parse(stdout));
        Assert.True(errors.Count == 0, $"{response}: {string.Join("; ", errors)}\n{stdout}");
    }

    private static string[] CommandNames(string help) =>
        help.Split('\n').SkipWhile(l => !l.StartsWith("Commands:", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l.Split(' ')[0]).Order(StringComparer.Ordinal).ToArray();

    private static async Task<string> Ok(string cli, string[] args)
    {
        var r = await Cli(cli, args);
        Assert.True(r.Code == 0, $"{string.Join(' ', args)} exited {r.Code}: {r.Stderr}");
        return r.Stdout;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Cli(string cli, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", cli, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Remove("CRAWLER_API_KEY");
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }
}
