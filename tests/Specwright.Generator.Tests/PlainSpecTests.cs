using Specwright.TestSupport;

namespace Specwright.Generator.Tests;

/// <summary>
/// A spec without any x-specwright extension (PlainSpecs/crawler.yaml: inline schemas, path and query
/// parameters, a body cursor, a 204 DELETE, bearer auth, {error: {type, message}}) becomes a working SDK
/// through `make new-service` and a build, with no handwritten line. Runs in a scratch copy of the repo's
/// Core and generator, then drives the SDK with PlainSpecs/harness over a scripted handler.
/// </summary>
public sealed class PlainSpecTests : IDisposable
{
    private readonly ScratchRepo _scratch = new();
    private string Repo => _scratch.Root;

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task A_plain_spec_scaffolded_by_make_new_service_builds_and_every_operation_works_from_the_public_client()
    {
        CopyRepoParts();
        var plain = Path.Combine(RepoPaths.Root, "tests", "Specwright.Generator.Tests", "PlainSpecs");
        File.Copy(Path.Combine(plain, "crawler.yaml"), Path.Combine(Repo, "openapi", "crawler.yaml"));
        var harness = Directory.CreateDirectory(Path.Combine(Repo, "harness")).FullName;
        File.Copy(Path.Combine(plain, "harness", "Program.cs.txt"), Path.Combine(harness, "Program.cs"));
        File.WriteAllText(Path.Combine(harness, "Harness.csproj"),
            File.ReadAllText(Path.Combine(plain, "harness", "Harness.csproj.txt")).Replace("../../src/", "../src/"));

        var scaffold = await ProcessRunner.RunAsync("make", "-C", Repo, "--no-print-directory", "new-service", "NAME=Crawler", "SPEC=openapi/crawler.yaml");
        Assert.Contains("created src/Specwright.Crawler", scaffold);
        Assert.Equal(["README.md", "Specwright.Crawler.csproj"], Directory.GetFiles(Path.Combine(Repo, "src", "Specwright.Crawler")).Select(Path.GetFileName).Order());
        Assert.Contains("Specwright.Crawler.csproj", File.ReadAllText(Path.Combine(Repo, "Generated.sln")));

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
            "operations createCrawl=CrawlsClient.CreateAsync deleteCrawl=CrawlsClient.DeleteAsync getCrawl=CrawlsClient.GetAsync "
                + "listCrawlPages=PagesClient.ListCrawlAsync listCrawls=CrawlsClient.ListAsync",
        ], lines);

        // An operation added to the spec reaches the public client on the next build, with its docs.
        var spec = Path.Combine(Repo, "openapi", "crawler.yaml");
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
        var generated = File.ReadAllText(Path.Combine(Repo, "src", "Specwright.Crawler", "obj", "Generated", "CrawlerClient.g.cs"));
        Assert.Contains("/// <summary>Cancel a running crawl</summary>", generated);
        Assert.Contains("/// <exception cref=\"ConflictException\">HTTP 409: An error</exception>", generated);

        // A handwritten partial replaces one generated method ([SuppressGenerated]); the project still builds.
        File.WriteAllText(Path.Combine(Repo, "src", "Specwright.Crawler", "CrawlsClient.Delete.cs"), """
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
        await ProcessRunner.RunAsync("dotnet", "build", Path.Combine(Repo, "src", "Specwright.Crawler"), "-nologo", "-v:q");
        generated = File.ReadAllText(Path.Combine(Repo, "src", "Specwright.Crawler", "obj", "Generated", "CrawlerClient.g.cs"));
        Assert.DoesNotContain("DeleteAsync(", generated);
        Assert.Contains("GetAsync(string crawlId", generated);
    }

    private async Task<string[]> RunHarnessAsync()
    {
        var output = await ProcessRunner.RunAsync("dotnet", "run", "--project", Path.Combine(Repo, "harness"), "-nologo", "-v:q");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>What a new service builds from: Core, the generator, the shared props, the solution and the Makefile.</summary>
    private void CopyRepoParts()
    {
        _scratch.Copy("Directory.Build.props", "Directory.Build.targets", "eng", "NuGet.config", "Generated.sln", "Makefile", "src/Specwright.Core", "generator");
        Directory.CreateDirectory(Path.Combine(Repo, "openapi"));
    }
}
