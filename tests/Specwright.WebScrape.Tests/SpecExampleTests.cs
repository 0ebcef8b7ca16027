using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Specwright.TestSupport;

namespace Specwright.WebScrape.Tests;

/// <summary>Every example in openapi/webscrape.yaml against the types generated from the same file.</summary>
public class SpecExampleTests
{
    private static readonly SpecDocument Spec = SpecDocument.Load("webscrape.yaml");

    public static TheoryData<string> ExampleNames()
    {
        var data = new TheoryData<string>();
        foreach (var e in Spec.Examples()) data.Add(e.Where);
        return data;
    }

    /// <summary>The request defaults of the vendor's published spec (issue #18 point 5); the SDK sends only what the caller sets.</summary>
    [Theory]
    [InlineData("ScrapeRequest", "parse_mode", "accurate")]
    [InlineData("SmartScraperRequest", "parse_mode", "accurate")]
    [InlineData("SmartScraperRequest", "page_complexity", "low")]
    [InlineData("SmartScraperRequest", "detail_level", "medium")]
    public void The_spec_documents_the_vendors_request_defaults_and_the_sdk_does_not_send_them(string schema, string property, string value)
    {
        var node = Spec.Root["components"]!["schemas"]![schema]!["properties"]![property]!;
        Assert.Equal(value, node["default"]?.GetValue<string>());

        var body = schema == "ScrapeRequest"
            ? JsonSerializer.Serialize(new ScrapeRequest { WebsiteUrl = new Uri("https://example.com") }, WebScrapeJsonContext.Default.ScrapeRequest)
            : JsonSerializer.Serialize(new SmartScraperRequest { WebsiteUrl = new Uri("https://example.com"), UserPrompt = "p" }, WebScrapeJsonContext.Default.SmartScraperRequest);
        Assert.DoesNotContain(property, body);
    }

    /// <summary>What the vendor's docs and OAS do not document is marked as observed, with where it was seen (issue #18 point 14).</summary>
    [Theory]
    [InlineData("components/headers/XRequestId")]
    [InlineData("components/headers/RetryAfter")]
    [InlineData("webhooks/smartbrowseRunFinished/post")]
    [InlineData("components/schemas/BareError")]
    [InlineData("components/schemas/InsufficientCreditsDetails")]
    [InlineData("components/schemas/AccountDeletionPendingDetails")]
    [InlineData("components/schemas/RateLimitedDetails")]
    [InlineData("components/schemas/ValidationFailedDetails")]
    public void An_element_the_vendor_does_not_document_is_marked_observed(string path)
    {
        JsonNode node = Spec.Root;
        foreach (var part in path.Split('/')) node = node[part]!;

        Assert.False(string.IsNullOrWhiteSpace(node["x-specwright-observed"]?.GetValue<string>()), $"{path} has no x-specwright-observed");
    }

    [Fact]
    public void The_spec_has_examples_for_every_operation_and_the_webhook()
    {
        var names = Spec.Examples().Select(e => e.Where).ToList();
        foreach (var op in new[] { "/scrape", "/smartscraper", "/smartbrowse/recipes/{id}/run", "/smartbrowse/runs/{id}", "/smartbrowse/usage", "webhook smartbrowseRunFinished" })
            Assert.Contains(names, n => n.Contains(op + " 2", StringComparison.Ordinal) || n.Contains(op + " request", StringComparison.Ordinal));
        Assert.True(names.Count >= 30, $"only {names.Count} examples");
    }

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public void Example_deserializes_into_the_generated_type_and_round_trips_without_losing_a_field(string where)
    {
        var example = Spec.Examples().Single(e => e.Where == where);
        var typeName = Spec.SchemaNameFor(example.Schema, example.Value);
        var type = typeof(WebScrapeJsonContext).Assembly.GetType($"Specwright.WebScrape.{typeName}")
                   ?? throw new Xunit.Sdk.XunitException($"no generated type {typeName} for {where}");
        var typeInfo = WebScrapeJsonContext.Default.GetTypeInfo(type)!;

        var model = JsonSerializer.Deserialize(example.Value.ToJsonString(), typeInfo)!;

        AssertNoUnmappedFields(model, typeName);
        var roundTripped = JsonNode.Parse(JsonSerializer.Serialize(model, typeInfo));
        JsonAssert.Equivalent(example.Value, roundTripped, $"{where} lost or changed data on the way through {typeName}");
    }

    /// <summary>An example field that lands in AdditionalProperties means the spec's schema and example disagree.</summary>
    private static void AssertNoUnmappedFields(object? node, string path)
    {
        if (node is null || node is string || node.GetType().IsPrimitive || node is JsonElement) return;
        if (node is IDictionary dict)
        {
            foreach (DictionaryEntry kv in dict) AssertNoUnmappedFields(kv.Value, $"{path}[{kv.Key}]");
            return;
        }
        if (node is IEnumerable list)
        {
            var i = 0;
            foreach (var item in list) AssertNoUnmappedFields(item, $"{path}[{i++}]");
            return;
        }
        if (node.GetType().Namespace != "Specwright.WebScrape") return;
        foreach (var p in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0) continue;
            var value = p.GetValue(node);
            if (p.Name == "AdditionalProperties" && value is IDictionary extra)
                Assert.True(extra.Count == 0, $"{path} has fields the schema does not declare: {string.Join(", ", extra.Keys.Cast<object>())}");
            else
                AssertNoUnmappedFields(value, $"{path}.{p.Name}");
        }
    }
}
