using System.Diagnostics;
using System.Text.Json.Nodes;
using Specwright.TestSupport;

namespace Specwright.Cli.Tests;

/// <summary>
/// A new service gets an SDK, a sandbox and CLI commands with no code (<see cref="NewServiceScratch"/>: a plain spec
/// scaffolded with `make new-service` in a scratch copy of the repository, the CLI built). `specwright sandbox` serves it (from
/// the spec's examples and schemas), and every operation is called through its generated command, each answer checked against
/// the spec's schema with Ajv; bad input comes back as the spec's errors, named. The SDK drives every operation from its public
/// client (PlainSpecs/harness over a scripted handler), takes a spec change on the next build, and a handwritten partial.
/// </summary>
public sealed class NewServiceTests(NewServiceScratch scratch) : IClassFixture<NewServiceScratch>
{
    [Fact]
    public async Task A_plain_spec_gets_a_sandbox_and_a_cli_command_per_operation_with_no_code()
    {
        Assert.Contains("created src/Specwright.Crawler", scratch.Scaffold);
        var spec = scratch.Spec;
        var cli = scratch.Cli;

        var help = await Cli(cli, "--help");
        Assert.Contains("crawler", help.Stdout);
        string[] commands = ["create-crawl", "delete-crawl", "download-crawl-report", "export-crawl-pages", "get-crawl", "get-crawl-robots", "list-crawl-pages", "list-crawls", "purge-crawl-pages", "tag-crawl",
            "upload-crawl-seeds", "watch-crawl"];
        string[] withCall = ["call", .. commands];
        Assert.Equal(withCall, CommandNames((await Cli(cli, "crawler", "--help")).Stdout));
        Assert.Equal(commands, CommandNames((await Cli(cli, "crawler", "call", "--help")).Stdout)); // the form the docs show

        var (sandbox, baseUrl, key) = await StartSandboxAsync();
        using var _ = sandbox;
        var port = new Uri(baseUrl).Port;
        try
        {
            Assert.Matches(@"^http://127\.0\.0\.1:\d+/crawler$", baseUrl);
            string[] connect = ["--base-url", baseUrl, "--api-key", key];

            await AnswersMatchSpec(spec, "/paths/~1crawls/post/responses/202", await Ok(cli, ["crawler", "create-crawl", "--body", """{"url":"https://example.com","max_pages":5}""", .. connect]));
            await AnswersMatchSpec(spec, "/paths/~1crawls/get/responses/200", await Ok(cli, ["crawler", "list-crawls", "--limit", "10", "--status", "completed", .. connect]));
            await AnswersMatchSpec(spec, "/paths/~1crawls~1{crawl_id}/get/responses/200", await Ok(cli, ["crawler", "get-crawl", "--crawl-id", "c1", .. connect]));
            await AnswersMatchSpec(spec, "/paths/~1crawls~1{crawl_id}~1pages/get/responses/200", await Ok(cli, ["crawler", "list-crawl-pages", "--crawl-id", "c1", .. connect]));
            Assert.Equal("null", (await Ok(cli, ["crawler", "delete-crawl", "--crawl-id", "c1", .. connect])).Trim()); // 204: no body
            // Server-sent events from the spec's example, printed as they arrive: data after the event's type, or one JSON document each.
            Assert.Equal("page: {\"url\":\"https://example.com/\",\"status\":\"crawled\"}\npage: {\"url\":\"https://example.com/about\",\"status\":\"crawled\"}\n"
                + "done: {\"status\":\"completed\"}\n", await Ok(cli, ["crawler", "watch-crawl", "--crawl-id", "c1", .. connect]));
            var lines = (await Ok(cli, ["crawler", "watch-crawl", "--crawl-id", "c1", "--json", .. connect])).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            Assert.Equal("""{"event":"page","id":"1","data":{"url":"https://example.com/","status":"crawled"}}""", lines[0]);
            Assert.Equal("""{"event":"done","id":"3","data":{"status":"completed"}}""", lines[2]);
            // A download: streamed to --out's file with a line saying what was saved, or without --out as it comes to stdout.
            var report = scratch.PathOf("report.pdf");
            Assert.Equal($"saved {report} (21 bytes, application/pdf)\n", await Ok(cli, ["crawler", "download-crawl-report", "--crawl-id", "c1", "--out", report, .. connect]));
            Assert.Equal("%PDF-1.4 crawl report", File.ReadAllText(report));
            Assert.Equal("%PDF-1.4 crawl report", await Ok(cli, ["crawler", "download-crawl-report", "--crawl-id", "c1", .. connect]));
            Assert.Equal($$"""{"file":"{{report}}","bytes":21,"contentType":"application/pdf","fileName":null}""",
                (await Ok(cli, ["crawler", "download-crawl-report", "--crawl-id", "c1", "--out", report, "--json", .. connect])).Trim());
            // Plain text and JSON Lines come to stdout as they arrive, like any answer that is not one JSON document.
            Assert.Equal("User-agent: *\nDisallow: /private\n", await Ok(cli, ["crawler", "get-crawl-robots", "--crawl-id", "c1", .. connect]));
            Assert.Equal("{\"url\":\"https://example.com/\",\"title\":\"Home\"}\n{\"url\":\"https://example.com/about\",\"title\":\"About\"}\n",
                await Ok(cli, ["crawler", "export-crawl-pages", "--crawl-id", "c1", .. connect]));
            // A multipart upload (--file streamed from disk, --form fields) and a form post (--form, a repeated name an array): the sandbox
            // reads each as its media type and checks it against the spec's schema, so a wrong field comes back named.
            var seeds = scratch.PathOf("seeds.txt");
            File.WriteAllText(seeds, "https://example.com/a\nhttps://example.com/b\n");
            await AnswersMatchSpec(spec, "/paths/~1crawls~1{crawl_id}~1seeds/post/responses/200", await Ok(cli, ["crawler", "upload-crawl-seeds", "--crawl-id", "c1",
                "--file", $"file=@{seeds};type=text/plain", "--form", "label=more", "--form", "priority=2", .. connect]));
            var noFile = await Cli(cli, ["crawler", "upload-crawl-seeds", "--crawl-id", "c1", "--form", "priority=9", "--form", "label=" + new string('x', 21), .. connect]);
            Assert.Equal(1, noFile.Code);
            Assert.Contains("file is required", noFile.Stderr);
            Assert.Contains("priority: must be <= 5 (got 9)", noFile.Stderr);
            Assert.Contains("label: must be at most 20 characters (got 21)", noFile.Stderr);
            await AnswersMatchSpec(spec, "/paths/~1crawls~1{crawl_id}~1tags/post/responses/200", await Ok(cli, ["crawler", "tag-crawl", "--crawl-id", "c1",
                "--form", "tag=seo", "--form", "tag=weekly", "--form", "note=two tags & a note", .. connect]));
            await AnswersMatchSpec(spec, "/paths/~1crawls~1{crawl_id}~1tags/post/responses/200", await Ok(cli, ["crawler", "tag-crawl", "--crawl-id", "c1",
                "--body", """{"tag":["seo"]}""", .. connect])); // JSON given for a form: sent as its fields
            var badTag = await Cli(cli, ["crawler", "tag-crawl", "--crawl-id", "c1", "--form", "tag=seo", "--form", "tag=SEO!", .. connect]);
            Assert.Equal(1, badTag.Code);
            Assert.Contains("tag[1]: must match the pattern ^[a-z]+$", badTag.Stderr);
            var noTags = await Cli(cli, ["crawler", "tag-crawl", "--crawl-id", "c1", .. connect]);
            Assert.Equal(2, noTags.Code);
            Assert.Contains("tagCrawl needs a request body: --body or --form.", noTags.Stderr);
            var twoBodies = await Cli(cli, ["crawler", "tag-crawl", "--crawl-id", "c1", "--form", "tag=seo", "--body", "{}", .. connect]);
            Assert.Equal(2, twoBodies.Code);
            Assert.Contains("--body: give the body whole (--body) or by field (--form/--file), not both.", twoBodies.Stderr);
            var noSuchFile = await Cli(cli, ["crawler", "upload-crawl-seeds", "--crawl-id", "c1", "--file", "file=@missing.txt", .. connect]);
            Assert.Equal(2, noSuchFile.Code);
            Assert.Contains("--file: no file 'missing.txt'.", noSuchFile.Stderr);

            // purgeCrawlPages takes an admin key (a second security scheme), not the bearer key: the sandbox checks the one sent.
            Assert.Equal("null", (await Ok(cli, ["crawler", "purge-crawl-pages", "--crawl-id", "c1", "--credential", $"adminKey={key}", .. connect])).Trim());
            var wrongAdmin = await Cli(cli, ["crawler", "purge-crawl-pages", "--crawl-id", "c1", "--credential", "adminKey=nope", .. connect]);
            Assert.Equal(1, wrongAdmin.Code);
            Assert.Contains("unauthorized (HTTP 401): invalid credentials", wrongAdmin.Stderr);
            var noAdmin = await Cli(cli, ["crawler", "purge-crawl-pages", "--crawl-id", "c1", .. connect]);
            Assert.Equal(2, noAdmin.Code);
            Assert.Contains("Operation 'purgeCrawlPages' needs credentials that are not configured: adminKey (--credential adminKey=<value> or the CRAWLER_ADMIN_KEY environment variable).", noAdmin.Stderr);
            var unknownScheme = await Cli(cli, ["crawler", "purge-crawl-pages", "--crawl-id", "c1", "--credential", "root=s3cret", .. connect]);
            Assert.Equal(2, unknownScheme.Code);
            Assert.Contains("--credential: 'root' is not one of Crawler API's other security schemes (adminKey).", unknownScheme.Stderr);
            Assert.DoesNotContain("s3cret", unknownScheme.Stderr);

            // The spec's constraints: a flag outside them is refused before sending (exit 2); the sandbox answers one sent anyway in the
            // spec's error shape ({error: {type, message}}).
            var range = await Cli(cli, ["crawler", "list-crawls", "--limit", "0", .. connect]);
            Assert.Equal(2, range.Code);
            Assert.Equal("error: --limit must be 1 to 100, got 0.", range.Stderr.Trim());
            using (var http = new HttpClient())
            using (var sent = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/crawls?limit=0"))
            {
                sent.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
                using var answer = await http.SendAsync(sent);
                Assert.Equal(400, (int)answer.StatusCode);
                Assert.Contains("limit: must be >= 1", (string?)System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync())?["error"]?["message"]);
            }
            var body = await Cli(cli, ["crawler", "create-crawl", "--body", """{"max_pages":"many"}""", .. connect]);
            Assert.Equal(1, body.Code);
            Assert.Contains("url is required", body.Stderr);
            Assert.Contains("max_pages: expected integer, got string", body.Stderr);
            var wrongKey = await Cli(cli, ["crawler", "get-crawl", "--crawl-id", "c1", "--base-url", baseUrl, "--api-key", "nope"]);
            Assert.Equal(1, wrongKey.Code);
            Assert.Contains("unauthorized (HTTP 401): invalid API key", wrongKey.Stderr);
            // The spec's second server, its variables given as flags (the sandbox stands in for a self-hosted crawler).
            string[] hosted = ["--server", "1", "--server-variable", "host=127.0.0.1", "--server-variable", $"port={port}", "--api-key", key];
            await AnswersMatchSpec(spec, "/paths/~1crawls~1{crawl_id}/get/responses/200", await Ok(cli, ["crawler", "get-crawl", "--crawl-id", "c1", .. hosted]));
            var region = await Cli(cli, ["crawler", "get-crawl", "--crawl-id", "c1", "--server", "1", "--server-variable", "region=eu", "--api-key", key]);
            Assert.Equal(2, region.Code);
            Assert.Contains("--server/--server-variable: Server variable 'region' is not one of this server's (host, port).", region.Stderr);
            var both = await Cli(cli, ["crawler", "get-crawl", "--crawl-id", "c1", .. hosted, "--base-url", baseUrl]);
            Assert.Equal(2, both.Code);
            Assert.Contains("use them without --base-url and --sandbox", both.Stderr);
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

    [Fact]
    public async Task A_plain_spec_scaffolded_by_make_new_service_builds_and_every_operation_works_from_the_public_client()
    {
        Assert.Equal(["README.md", "Specwright.Crawler.csproj"], scratch.ScaffoldedFiles);
        Assert.Contains("Specwright.Crawler.csproj", File.ReadAllText(scratch.PathOf("Generated.sln")));
        var harness = Directory.CreateDirectory(scratch.PathOf("harness")).FullName;
        File.Copy(Path.Combine(NewServiceScratch.PlainSpecs, "harness", "Program.cs.txt"), Path.Combine(harness, "Program.cs"), overwrite: true);
        File.WriteAllText(Path.Combine(harness, "Harness.csproj"),
            File.ReadAllText(Path.Combine(NewServiceScratch.PlainSpecs, "harness", "Harness.csproj.txt")).Replace("../../src/", "../src/"));

        var lines = await RunHarnessAsync();
        Assert.Equal(
        [
            "created c1 queued 202 req-1",
            "item c1",
            "item c2",
            "deleted 204",
            "not found: 404 not_found_error No crawl nope",
            "refused: crawlId",
            "sent POST /v2/crawls Bearer k_test",
            "sent GET /v2/crawls?status=completed Bearer k_test",
            "sent GET /v2/crawls?cursor=p2&status=completed Bearer k_test",
            "sent DELETE /v2/crawls/c1 Bearer k_test",
            "sent GET /v2/crawls/nope Bearer k_test",
            "operations createCrawl=CrawlsClient.CreateAsync deleteCrawl=CrawlsClient.DeleteAsync downloadCrawlReport=CrawlsClient.DownloadReportAsync "
                + "exportCrawlPages=PagesClient.ExportCrawlAsync getCrawl=CrawlsClient.GetAsync getCrawlRobots=CrawlsClient.GetRobotsAsync "
                + "listCrawlPages=PagesClient.ListCrawlAsync listCrawls=CrawlsClient.ListAsync purgeCrawlPages=PagesClient.PurgeCrawlAsync tagCrawl=CrawlsClient.TagAsync "
                + "uploadCrawlSeeds=CrawlsClient.UploadSeedsAsync watchCrawl=CrawlsClient.WatchAsync",
        ], lines);

        // The same SDK against the sandbox (`specwright sandbox`, a real process): a file upload and a form post, each read by the
        // sandbox as its media type and checked against the spec (a wrong one refused, named); a download to a file; events.
        var (sandbox, baseUrl, key) = await StartSandboxAsync();
        try
        {
            Assert.Equal(
            [
                "upload 200 queued 2",
                "form 200 tags seo,weekly",
                "refused 400 BadRequestException priority: must be <= 5 (got 9)",
                "download 21 bytes %PDF-1.4 crawl report",
                "event page 1 https://example.com/",
                "event page 2 https://example.com/about",
                "event done 3 completed",
                "text Disallow: /private",
                "line https://example.com/ Home",
                "line https://example.com/about About",
            ], await RunHarnessAsync(baseUrl, key));
        }
        finally
        {
            sandbox.Kill(entireProcessTree: true);
            await sandbox.WaitForExitAsync();
        }

        // An operation added to the spec reaches the public client on the next build, with its docs. (The CLI test's built CLI
        // and sandbox keep the spec they were built with: the sandbox embeds it.)
        var spec = scratch.Spec;
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("  /crawls/{crawl_id}/pages:", """
              /crawls/{crawl_id}/cancel:
                post:
                  operationId: cancelCrawl
                  tags: [Crawls]
                  summary: Cancel a running crawl
                  parameters:
                    - name: crawl_id
                      in: path
                      required: true
                      schema: { type: string }
                  responses:
                    '200':
                      description: The cancelled crawl
                      content:
                        application/json:
                          schema: { $ref: '#/components/schemas/Crawl' }
                    '409':
                      $ref: '#/components/responses/Error'
              /crawls/{crawl_id}/pages:
            """));
        Assert.Contains("cancelCrawl=CrawlsClient.CancelAsync", (await RunHarnessAsync())[^1]);
        var generated = File.ReadAllText(scratch.PathOf("src", "Specwright.Crawler", "obj", "Generated", "CrawlerClient.g.cs"));
        Assert.Contains("/// <summary>Cancel a running crawl</summary>", generated);
        Assert.Contains("/// <exception cref=\"ConflictException\">HTTP 409: An error</exception>", generated);

        // A handwritten partial replaces one generated method ([SuppressGenerated]); the project still builds.
        File.WriteAllText(scratch.PathOf("src", "Specwright.Crawler", "CrawlsClient.Delete.cs"), """
            namespace Specwright.Crawler;

            [Specwright.Core.SuppressGenerated("deleteCrawl")]
            public partial class CrawlsClient
            {
                /// <summary>Deletes a crawl, refusing the ones that are still running.</summary>
                public virtual Task<Specwright.Core.Http.ApiResponse> DeleteAsync(string crawlId, CancellationToken cancellationToken = default) =>
                    crawlId.StartsWith("running", StringComparison.Ordinal)
                        ? throw new InvalidOperationException("still running")
                        : _client.Api.DeleteCrawlAsync(crawlId, cancellationToken: cancellationToken);
            }
            """);
        await ProcessRunner.RunAsync("dotnet", "build", scratch.PathOf("src", "Specwright.Crawler"), "-nologo", "-v:q");
        generated = File.ReadAllText(scratch.PathOf("src", "Specwright.Crawler", "obj", "Generated", "CrawlerClient.g.cs"));
        Assert.DoesNotContain("DeleteAsync(", generated);
        Assert.Contains("GetAsync(string crawlId", generated);
    }

    /// <summary>`specwright sandbox` from the scratch's CLI on a free port: the process, and the crawler's base URL and demo key from its banner.</summary>
    private async Task<(Process Process, string BaseUrl, string Key)> StartSandboxAsync()
    {
        var port = FreePort.Next();
        var sandbox = Process.Start(new ProcessStartInfo("dotnet", ["exec", scratch.Cli, "sandbox", "--urls", $"http://127.0.0.1:{port}"])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var banner = new List<string>();
        while (await sandbox.StandardOutput.ReadLineAsync() is { } line && !line.Contains("control API")) banner.Add(line);
        var title = banner.FindIndex(l => l.Contains("Crawler API (crawler, answered from the spec's examples)"));
        if (title < 0) await sandbox.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token).ContinueWith(_ => { });
        Assert.True(title >= 0, string.Join('\n', banner) + (sandbox.HasExited ? await sandbox.StandardError.ReadToEndAsync() : ""));
        return (sandbox, banner[title + 1].Split(" : ")[1].Trim(), banner[title + 2].Split(" : ")[1].Split(' ')[0]);
    }

    private async Task<string[]> RunHarnessAsync(params string[] args)
    {
        // (dotnet run passes -nologo on to the program, so it is left out.)
        var output = await ProcessRunner.RunAsync("dotnet", ["run", "--project", scratch.PathOf("harness"), "-v:q", "--", .. args]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static async Task AnswersMatchSpec(string spec, string response, string stdout)
    {
        var errors = await ContractValidator.Instance.CheckAgainstSpecSchemaAsync(spec, "#" + response + "/content/application~1json/schema", JsonNode.Parse(stdout));
        Assert.True(errors.Count == 0, $"{response}: {string.Join("; ", errors)}\n{stdout}");
    }

    private static string[] CommandNames(string help) =>
        help.Split('\n').SkipWhile(l => !l.StartsWith("Commands:", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l.Split(' ')[0]).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task A_new_service_gets_its_docs_page_sdk_reference_and_samples_for_files_and_streams_with_no_edit()
    {
        var output = scratch.PathOf("docs-out");
        var log = await ProcessRunner.RunAsync("bash", scratch.PathOf("generator", "build-docs.sh"), output);
        Assert.Contains($"docs: {output}/crawler.html (with code samples), {output}/crawler-sdk.html (and .md)", log);
        Assert.Contains("href=\"crawler.html\"", File.ReadAllText(Path.Combine(output, "index.html")));
        Assert.Contains("href=\"crawler-sdk.html\"", File.ReadAllText(Path.Combine(output, "index.html")));
        Assert.Contains("DownloadReportAsync", File.ReadAllText(Path.Combine(output, "crawler-sdk.html")));
        Assert.Contains("DownloadReportAsync", File.ReadAllText(Path.Combine(output, "crawler-sdk.md")));

        var samples = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "crawler-samples.json")))!.AsArray();
        JsonNode Sample(string id) => samples.Single(s => (string?)s!["operationId"] == id)!;
        // A download goes to a file (the CLI's --out, curl's -o, a stream copied in C#); events are read as they arrive.
        Assert.Equal("specwright crawler call download-crawl-report --crawl-id 'example' --out download-crawl-report.pdf", (string?)Sample("downloadCrawlReport")["cli"]);
        Assert.EndsWith("-o download-crawl-report.pdf", (string?)Sample("downloadCrawlReport")["curl"]);
        Assert.Equal("var response = await client.Pages.ExportCrawlAsync(\"example\");\nusing var lines = response.Value;\nawait foreach (var item in lines)\n    Console.WriteLine(item.Title);",
            (string?)Sample("exportCrawlPages")["cSharpCall"]);
        // An upload sends its file from disk (--file, curl -F) and a form its fields (--form, curl --data-urlencode).
        Assert.Equal("specwright crawler call upload-crawl-seeds --crawl-id 'example' --file 'file=@file.bin'", (string?)Sample("uploadCrawlSeeds")["cli"]);
        Assert.EndsWith("\\\n  -F 'file=@file.bin'", (string?)Sample("uploadCrawlSeeds")["curl"]);
        Assert.Equal("var response = await client.Crawls.UploadSeedsAsync(\"example\", new FileParameter(File.OpenRead(\"file.bin\"), \"file.bin\"));\nConsole.WriteLine(response.Value.Queued);",
            (string?)Sample("uploadCrawlSeeds")["cSharpCall"]);
        // Each C# sample is a whole program: its using lines, the client, the call, a field printed.
        Assert.All(samples, s => Assert.Equal("using Specwright.Crawler;", (string?)s!["cSharpUsings"]));
        Assert.Equal("specwright crawler call tag-crawl --crawl-id 'example' --form 'tag=example'", (string?)Sample("tagCrawl")["cli"]);
        Assert.EndsWith("\\\n  --data-urlencode 'tag=example'", (string?)Sample("tagCrawl")["curl"]);
        Assert.Equal("var response = await client.Crawls.DownloadReportAsync(\"example\");\nusing var content = response.Value;\n"
            + "await using var file = File.Create(\"download-crawl-report.pdf\");\nawait content.CopyToAsync(file);", (string?)Sample("downloadCrawlReport")["cSharpCall"]);
        Assert.Equal("var response = await client.Crawls.WatchAsync(\"example\");\nusing var events = response.Value;\n"
            + "await foreach (var item in events)\n    Console.WriteLine($\"{item.EventType}: {item.Data}\");", (string?)Sample("watchCrawl")["cSharpCall"]);
    }

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
