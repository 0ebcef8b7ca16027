using System.Text.Json.Nodes;

namespace Specwright.Generator.Tests;

/// <summary>One spelling for every later step: the normalizer's rewrites, each on the smallest spec that shows it.</summary>
public sealed class SpecNormalizerTests
{
    private static JsonObject Normalized(string schemaJson)
    {
        var root = JsonNode.Parse("""{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {}, "components": {"schemas": {}}}""")!.AsObject();
        root["components"]!["schemas"]!["S"] = JsonNode.Parse(schemaJson);
        SpecNormalizer.Normalize(root);
        return root["components"]!["schemas"]!["S"]!.AsObject();
    }

    [Theory]
    [InlineData("""{"type": ["string", "null"]}""")]
    [InlineData("""{"anyOf": [{"type": "string"}, {"type": "null"}]}""")]
    [InlineData("""{"oneOf": [{"type": "null"}, {"type": "string"}]}""")]
    [InlineData("""{"type": "string", "nullable": true}""")]
    [InlineData("""{"type": "string", "enum": ["a", null]}""")]
    public void Every_spelling_of_a_nullable_string_becomes_one(string schema)
    {
        var s = Normalized(schema);
        Assert.Equal("string", s["type"]!.GetValue<string>());
        Assert.True(s["nullable"]!.GetValue<bool>());
        Assert.Null(s["anyOf"]);
        Assert.Null(s["oneOf"]);
    }

    [Theory]
    [InlineData("""{"$ref": "#/components/schemas/T", "description": "The owner"}""")]
    [InlineData("""{"allOf": [{"$ref": "#/components/schemas/T"}, {"description": "The owner"}]}""")]
    [InlineData("""{"anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}], "description": "The owner"}""")]
    public void A_described_reference_is_allOf_one_reference_with_its_description(string schema)
    {
        var s = Normalized(schema);
        var allOf = Assert.IsType<JsonArray>(s["allOf"]);
        Assert.Equal("#/components/schemas/T", Assert.Single(allOf)!["$ref"]!.GetValue<string>());
        Assert.Equal("The owner", s["description"]!.GetValue<string>());
    }

    [Fact]
    public void Several_types_become_any_value_and_integer_with_number_a_number()
    {
        Assert.Null(Normalized("""{"type": ["string", "integer"]}""")["type"]);
        Assert.Equal("number", Normalized("""{"type": ["integer", "number"]}""")["type"]!.GetValue<string>());
    }

    [Fact]
    public void Const_gets_its_type_and_numeric_exclusive_bounds_become_3_0s()
    {
        var s = Normalized("""{"properties": {"object": {"const": "task"}, "n": {"type": "integer", "exclusiveMinimum": 0}}}""");
        Assert.Equal("string", s["properties"]!["object"]!["type"]!.GetValue<string>());
        Assert.Equal("task", s["properties"]!["object"]!["const"]!.GetValue<string>());
        Assert.Equal(0, s["properties"]!["n"]!["minimum"]!.GetValue<long>());
        Assert.True(s["properties"]!["n"]!["exclusiveMinimum"]!.GetValue<bool>());
    }

    [Fact]
    public void A_property_named_like_a_keyword_and_examples_are_left_alone()
    {
        var s = Normalized("""{"properties": {"const": {"type": "string"}, "type": {"type": ["string", "null"]}}, "example": {"type": ["a", "b"]}}""");
        Assert.Equal("string", s["properties"]!["const"]!["type"]!.GetValue<string>());
        Assert.Equal("string", s["properties"]!["type"]!["type"]!.GetValue<string>());
        Assert.IsType<JsonArray>(s["example"]!["type"]);
    }

    [Fact]
    public void Operations_without_ids_get_one_and_shared_ids_are_made_unique()
    {
        var root = JsonNode.Parse("""
            {"paths": {
              "/pets/{id}": {"get": {"operationId": "getPet"}, "head": {"operationId": "getPet"}, "delete": {}},
              "/2010-04-01/Accounts/{Sid}.json": {"post": {}}
            }}
            """)!.AsObject();
        SpecNormalizer.Normalize(root);
        string Id(string path, string method) => root["paths"]![path]![method]!["operationId"]!.GetValue<string>();
        Assert.Equal("getPet", Id("/pets/{id}", "get"));
        Assert.Equal("getPetHead", Id("/pets/{id}", "head"));
        Assert.Equal("deletePetsId", Id("/pets/{id}", "delete"));
        Assert.Equal("post20100401AccountsSidJson", Id("/2010-04-01/Accounts/{Sid}.json", "post"));
    }

    [Fact]
    public void Examples_written_as_a_list_callbacks_and_schemaless_bodies_are_put_in_the_form_generation_reads()
    {
        var root = JsonNode.Parse("""
            {"paths": {"/": {"post": {
              "callbacks": {"onData": {"{$request.query.url}": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/nowhere"}}}}}}}},
              "responses": {
                "200": {"content": {"application/json": {"examples": [{"a": 1}, {"b": 2}]}}},
                "201": {"content": {"image/png": {}}}
              }
            }}}}
            """)!.AsObject();
        SpecNormalizer.Normalize(root);
        var op = root["paths"]!["/"]!["post"]!;
        Assert.Null(op["callbacks"]);
        var json = op["responses"]!["200"]!["content"]!["application/json"]!;
        Assert.Equal(2, json["examples"]!["example2"]!["value"]!["b"]!.GetValue<long>());
        Assert.Empty(json["schema"]!.AsObject());
        Assert.Equal("binary", op["responses"]!["201"]!["content"]!["image/png"]!["schema"]!["format"]!.GetValue<string>());
    }

    [Fact]
    public void Names_that_differ_only_by_punctuation_stay_apart()
    {
        var names = Naming.Distinct(["StartTime", "StartTime<", "StartTime>", "status", "Status"], Naming.Pascal);
        Assert.Equal(["StartTime", "StartTimeBefore", "StartTimeAfter", "Status", "StatusValue"],
            new[] { "StartTime", "StartTime<", "StartTime>", "status", "Status" }.Select(w => names[w]));
        Assert.Equal("@event", Naming.Variable("event"));
        Assert.True(Naming.Pascal(new string('a', 300)).Length <= 120);
    }
}
