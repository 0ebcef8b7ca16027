using System.Text;
using Specwright.TestSupport;

namespace Specwright.Sandbox.Tests;

/// <summary>
/// The vendors' documented examples, kept in the specs, replayed: every example (request and response) is valid
/// against the schema it illustrates, and every documented request body is accepted by the sandbox.
/// </summary>
public sealed class DocumentedExampleTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly string[] Specs = ["webscrape.yaml", "scrapellm.yaml", "ittybit.yaml"];

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var spec in Specs)
        foreach (var e in SpecDocument.Load(spec).Examples())
            data.Add(spec, e.Where);
        return data;
    }

    public static TheoryData<string, string> RequestExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var spec in Specs)
        foreach (var e in SpecDocument.Load(spec).Examples().Where(e => e.Where.Contains(" request ", StringComparison.Ordinal) && !e.Where.StartsWith("POST webhook", StringComparison.Ordinal)))
            data.Add(spec, e.Where);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_example_is_valid_against_the_schema_it_illustrates(string spec, string where)
    {
        var example = SpecDocument.Load(spec).Examples().Single(e => e.Where == where);

        var errors = await ContractValidator.Instance.CheckAgainstSpecSchemaAsync(spec, example.SchemaPointer, example.Value);

        Assert.True(errors.Count == 0, $"{spec} {where} breaks {example.SchemaPointer}:\n{string.Join("\n", errors)}");
    }

    [Theory]
    [MemberData(nameof(RequestExamples))]
    public async Task The_documented_request_is_accepted_by_the_sandbox(string spec, string where)
    {
        var example = SpecDocument.Load(spec).Examples().Single(e => e.Where == where);
        var (method, path) = (where.Split(' ')[0], where.Split(' ')[1]);
        using var http = new HttpClient();
        var (baseUrl, header, key) = spec switch
        {
            "webscrape.yaml" => (sandbox.Server.WebScrapeBaseUrl, "X-API-Key", sandbox.NewKey(credits: 10_000)),
            "scrapellm.yaml" => (sandbox.Server.ScrapeLlmBaseUrl, "X-API-Key", sandbox.NewScrapeLlmKey(credits: 10_000)),
            _ => (sandbox.Server.IttybitBaseUrl, "Authorization", "Bearer " + sandbox.NewIttybitKey(credits: 10_000)),
        };
        async Task<HttpResponseMessage> SendAsync(string method, string path, string json)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), baseUrl.AbsoluteUri.TrimEnd('/') + path)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation(header, key);
            return await http.SendAsync(request);
        }

        var id = "m3Yc2tFvN8q"; // the sandbox's seeded SmartBrowse recipe
        if (spec == "ittybit.yaml" && path.Contains("{id}", StringComparison.Ordinal))
        {
            // A resource of this key made from its own collection's documented create request.
            var collection = path[..path.IndexOf("/{id}", StringComparison.Ordinal)];
            var create = SpecDocument.Load(spec).Examples().First(e => e.Where.StartsWith($"POST {collection} request ", StringComparison.Ordinal));
            using var created = await SendAsync("POST", collection, create.Value.ToJsonString());
            Assert.True(created.IsSuccessStatusCode, $"creating a {collection} resource: HTTP {(int)created.StatusCode}");
            id = System.Text.Json.Nodes.JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        }

        using var response = await SendAsync(method, path.Replace("{id}", id, StringComparison.Ordinal), example.Value.ToJsonString());

        Assert.True(response.IsSuccessStatusCode, $"{spec} {where}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
