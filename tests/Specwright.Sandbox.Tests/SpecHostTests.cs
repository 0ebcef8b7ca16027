using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.Spec;

namespace Specwright.Sandbox.Tests;

/// <summary>
/// The one host every service goes through: parameters checked against the spec's constraints in each service's own error
/// shape, every bad field named at once, a request id on every answer, and the spec's examples for what is not simulated.
/// </summary>
public sealed class SpecHostTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Ittybit_query_parameters_are_checked_against_the_spec_every_bad_one_named()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, sandbox.Server.IttybitBaseUrl.AbsoluteUri.TrimEnd('/') + "/events?limit=0&order=sideways");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.NewIttybitKey());
        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("request_invalid", (string?)body["kind"]);
        Assert.Contains("limit: must be >= 1", (string?)body["message"]);
        Assert.Contains("order: must be one of", (string?)body["message"]);
        Assert.True(response.Headers.Contains("X-Request-ID"));
    }

    [Fact]
    public async Task ScrapeLlm_answers_a_mistyped_parameter_with_fastapis_422_and_a_broken_constraint_with_its_400()
    {
        using var http = new HttpClient();
        var baseUrl = sandbox.Server.ScrapeLlmBaseUrl.AbsoluteUri.TrimEnd('/');
        using var typed = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/scrapers/perplexity?prompt=hi&timeout=soon");
        typed.Headers.Add("X-API-Key", SandboxOptions.DemoScrapeLlmKey);
        using var r1 = await http.SendAsync(typed);
        var issues = JsonNode.Parse(await r1.Content.ReadAsStringAsync())!["detail"]!.AsArray();
        Assert.Equal(422, (int)r1.StatusCode);
        Assert.Equal("""["query","timeout"]""", issues.Single()!["loc"]!.ToJsonString());

        using var range = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/scrapers/perplexity?prompt=hi&timeout=9999");
        range.Headers.Add("X-API-Key", SandboxOptions.DemoScrapeLlmKey);
        using var r2 = await http.SendAsync(range);
        Assert.Equal(400, (int)r2.StatusCode);
        Assert.Contains("timeout: must be <=", (string?)JsonNode.Parse(await r2.Content.ReadAsStringAsync())!["detail"]);
    }

    [Fact]
    public void An_operation_left_to_the_spec_answers_with_its_documented_example()
    {
        var spec = SpecDocuments.Ittybit;
        var reply = ExampleReplies.For(spec, Specwright.Ittybit.IttybitSpec.Operations.GetConnection.Info);
        var documented = spec["paths"]!["/connections/{id}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["example"];
        Assert.Equal(200, reply.Status);
        Assert.True(JsonNode.DeepEquals(documented, JsonNode.Parse(reply.Body)), System.Text.Encoding.UTF8.GetString(reply.Body));
        Assert.Equal("con_abcdefgh12345678", (string?)JsonNode.Parse(reply.Body)!["id"]);
    }

    [Fact]
    public async Task A_value_made_from_a_schema_without_examples_satisfies_it()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","required":["id","count","tags","when"],"properties":{
              "id":{"type":"string","minLength":12,"maxLength":20},"count":{"type":"integer","minimum":3},
              "tags":{"type":"array","minItems":2,"items":{"type":"string","enum":["a","b"]}},
              "when":{"type":"string","format":"date-time"},"next":{"type":["string","null"]},
              "kind":{"oneOf":[{"type":"null"},{"type":"string","const":"x"}]}}}
            """)!.AsObject();
        var value = new SchemaSample(new JsonObject()).Make(schema);
        Assert.Empty(await Specwright.TestSupport.ContractValidator.Instance.CheckInstanceAsync(schema, value));
        Assert.Equal(2, value!["tags"]!.AsArray().Count);
    }
}
