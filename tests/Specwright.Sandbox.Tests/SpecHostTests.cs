using System.Text.Json;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Specwright.Generator;
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
    public void Range_default_redirect_and_download_responses_are_answered_and_counted_as_documented()
    {
        var spec = JsonNode.Parse("""
            {"paths":{"/things":{
              "get":{"operationId":"listThings","responses":{"2XX":{"description":"ok","content":{"application/json":{"example":{"n":1}}}},"4XX":{"description":"no"}}},
              "post":{"operationId":"makeThing","responses":{"default":{"description":"any","content":{"application/json":{"example":{"n":2}}}}}}},
             "/report":{"get":{"operationId":"getReport","responses":{"200":{"description":"a PDF","content":{"application/pdf":{"schema":{"type":"string","format":"binary"},"example":"%PDF-1.4 r"}}}}}},
             "/moved":{"get":{"operationId":"getMoved","responses":{"307":{"description":"elsewhere","content":{"application/json":{"example":{"redirect_to":"/v2"}}}},"404":{"description":"no"}}}}}}
            """)!.AsObject();
        // An operation that documents only a redirect answers it, with its body (the SDK reads one with no Location as the result).
        var moved = ExampleReplies.For(spec, new Specwright.Core.Http.OperationInfo("getMoved") { Method = "GET", Path = "/moved" });
        Assert.Equal((307, """{"redirect_to":"/v2"}"""), (moved.Status, System.Text.Encoding.UTF8.GetString(moved.Body)));
        var report = ExampleReplies.For(spec, new Specwright.Core.Http.OperationInfo("getReport") { Method = "GET", Path = "/report" });
        Assert.Equal((200, "application/pdf", "%PDF-1.4 r"), (report.Status, report.ContentType, System.Text.Encoding.UTF8.GetString(report.Body)));
        var list = ExampleReplies.For(spec, new Specwright.Core.Http.OperationInfo("listThings") { Method = "GET", Path = "/things" });
        var make = ExampleReplies.For(spec, new Specwright.Core.Http.OperationInfo("makeThing") { Method = "POST", Path = "/things" });
        Assert.Equal((200, """{"n":1}"""), (list.Status, System.Text.Encoding.UTF8.GetString(list.Body)));
        Assert.Equal((200, """{"n":2}"""), (make.Status, System.Text.Encoding.UTF8.GetString(make.Body)));
        Assert.Contains(429, SpecDocuments.DocumentedStatuses(spec, "listThings"));
        Assert.DoesNotContain(500, SpecDocuments.DocumentedStatuses(spec, "listThings"));
        Assert.Empty(SpecDocuments.DocumentedStatuses(spec, "makeThing"));
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

    [Fact]
    public void A_request_made_from_a_schema_satisfies_it_leaves_out_read_only_fields_and_stops_where_the_schema_recurs()
    {
        var spec = JsonNode.Parse("""
            {"components":{"schemas":{"Step":{"type":"object","required":["kind"],"properties":{
              "kind":{"type":"string","pattern":"^AC[0-9a-fA-F]{32}$"},
              "next":{"type":"array","items":{"$ref":"#/components/schemas/Step"}}}}}}}
            """)!.AsObject();
        var schema = JsonNode.Parse("""
            {"type":"object","required":["id","step","epochs","tags"],"properties":{
              "id":{"type":"string","readOnly":true},
              "step":{"$ref":"#/components/schemas/Step"},
              "epochs":{"type":"number","minimum":0,"exclusiveMinimum":true},
              "tags":{"type":"array","items":{"type":"string"}},
              "max_tokens":{"type":"integer","default":"inf"},
              "call":{"oneOf":[{"type":"string","enum":["none"]},{"ref":"#/components/schemas/Missing"}]}}}
            """)!.AsObject();
        var value = new SchemaSample(spec, forRequest: true).Make(schema)!.AsObject();

        Assert.Null(value["id"]); // readOnly: not sent
        Assert.Matches("^AC[0-9a-fA-F]{32}$", value["step"]!["kind"]!.GetValue<string>());
        Assert.False(value["step"]!.AsObject().ContainsKey("next")); // the schema came round: left out, not a chain twelve deep
        Assert.True(value["epochs"]!.GetValue<double>() > 0);
        Assert.Equal(2, value["tags"]!.AsArray().Count); // two, so a form or query array is told from a single value
        Assert.Equal(JsonValueKind.Number, value["max_tokens"]!.GetValueKind()); // a default of the wrong type is not used
        Assert.False(value.ContainsKey("call")); // no value can match a oneOf with a branch that accepts anything
    }
}
