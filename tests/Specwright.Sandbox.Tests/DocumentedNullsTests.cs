using System.Text;
using System.Text.Json.Nodes;
using Specwright.Core.Http;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.Spec;

namespace Specwright.Sandbox.Tests;

/// <summary>Fields the spec's examples show as null are sent as null when a reply leaves them out; others stay absent.</summary>
public sealed class DocumentedNullsTests
{
    private static readonly JsonObject Spec = JsonNode.Parse("""
        {"paths":{"/things/{id}":{
          "parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
          "get":{"operationId":"getThing","responses":{"200":{"description":"ok","content":{"application/json":{
            "schema":{"$ref":"#/components/schemas/Envelope"},
            "examples":{"fresh":{"value":{"data":{"id":"t1","last_run":null,"tags":[{"name":"a","color":null}]}}}}}}}}}}},
         "components":{"schemas":{
           "Envelope":{"type":"object","properties":{"data":{"oneOf":[{"$ref":"#/components/schemas/Thing"},{"type":"null"}]}}},
           "Thing":{"type":"object","properties":{"id":{"type":"string"},"note":{"type":["string","null"]},"last_run":{"type":["object","null"]},
             "tags":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"color":{"type":["string","null"]}}}}}}}}}
        """)!.AsObject();

    private static readonly OperationInfo GetThing = new("getThing") { Method = "GET", Path = "/things/{id}" };

    [Fact]
    public void A_field_an_example_shows_as_null_is_sent_as_null_at_any_depth_and_others_stay_absent()
    {
        var nulls = new DocumentedNulls(Spec);
        var reply = nulls.Fill(GetThing, new Reply(200, Encoding.UTF8.GetBytes("""{"data":{"id":"t2","tags":[{"name":"b"},{"name":"c","color":"red"}]}}""")));
        Assert.Equal("""{"data":{"id":"t2","tags":[{"name":"b","color":null},{"name":"c","color":"red"}],"last_run":null}}""", Encoding.UTF8.GetString(reply.Body));

        var error = new Reply(404, Encoding.UTF8.GetBytes("""{"data":{"id":"t2"}}"""));
        Assert.Same(error, nulls.Fill(GetThing, error)); // only success replies, as documented
    }
}
