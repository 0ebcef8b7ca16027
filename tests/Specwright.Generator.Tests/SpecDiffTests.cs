using System.Text.Json.Nodes;
using Specwright.SpecDiff;

namespace Specwright.Generator.Tests;

/// <summary>The spec diff classifies each kind of change the way a caller of the generated SDK feels it.</summary>
public sealed class SpecDiffTests
{
    private const string Before = """
        {"openapi":"3.1.0","info":{"version":"1.0"},
         "paths":{
           "/scrape":{"post":{"operationId":"scrape","x-specwright-credits":{"cost":1},
             "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/ScrapeRequest"}}}},
             "responses":{"200":{},"400":{}}}},
           "/old":{"get":{"operationId":"legacy","responses":{"200":{}}}}},
         "components":{"schemas":{
           "ScrapeRequest":{"type":"object","required":["website_url"],"properties":{"website_url":{"type":"string"},"clean":{"type":"boolean"},"depth":{"type":"integer"}}},
           "ScrapeData":{"type":"object","properties":{"html":{"type":"string"},"latency_ms":{"type":"integer"}}},
           "RunStatus":{"type":"string","enum":["queued","running","done"]},
           "ErrorCode":{"type":"string","x-specwright-error-codes":{"invalid_request":{"status":400},"gone":{"status":410}}}}}}
        """;

    private const string After = """
        {"openapi":"3.1.0","info":{"version":"1.1"},
         "paths":{
           "/scrape":{"post":{"operationId":"scrape","x-specwright-credits":{"cost":2},
             "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/ScrapeRequest"}}}},
             "responses":{"200":{},"400":{},"429":{}}}},
           "/new":{"get":{"operationId":"fresh","responses":{"200":{}}}}},
         "components":{"schemas":{
           "ScrapeRequest":{"type":"object","required":["website_url","mode"],"properties":{"website_url":{"type":"string"},"clean":{"type":"boolean"},"mode":{"type":"string"}}},
           "ScrapeData":{"type":"object","properties":{"html":{"type":"string"},"latency_ms":{"type":"number"},"links":{"type":"array"}}},
           "RunStatus":{"type":"string","enum":["queued","running","completed"]},
           "ErrorCode":{"type":"string","x-specwright-error-codes":{"invalid_request":{"status":400},"rate_limited":{"status":429}}}}}}
        """;

    private static IReadOnlyList<SpecChange> Diff() =>
        SpecComparer.Compare(JsonNode.Parse(Before)!.AsObject(), JsonNode.Parse(After)!.AsObject());

    [Theory]
    [InlineData(Impact.Breaking, "operations", "removed legacy (GET /old)")]
    [InlineData(Impact.Additive, "operations", "added fresh (GET /new)")]
    [InlineData(Impact.Additive, "operations", "scrape documents status 429")]
    [InlineData(Impact.Additive, "operations", "scrape credit cost 1 -> 2")]
    [InlineData(Impact.Breaking, "schemas", "ScrapeRequest.mode added (required)")]
    [InlineData(Impact.Breaking, "schemas", "ScrapeRequest.depth removed")]
    [InlineData(Impact.Additive, "schemas", "ScrapeData.links added")]
    [InlineData(Impact.Breaking, "schemas", "ScrapeData.latency_ms type integer -> number")]
    [InlineData(Impact.Breaking, "enums", "RunStatus value 'done' removed")]
    [InlineData(Impact.Additive, "enums", "RunStatus value 'completed' added")]
    [InlineData(Impact.Additive, "error codes", "added rate_limited (HTTP 429)")]
    [InlineData(Impact.Breaking, "error codes", "removed gone (its exception type goes)")]
    public void Each_change_is_found_and_classified(Impact impact, string area, string what) =>
        Assert.Contains(new SpecChange(impact, area, what), Diff());

    [Fact]
    public void Breaking_changes_come_first_and_nothing_else_is_reported()
    {
        var changes = Diff();
        Assert.Equal(12, changes.Count);
        Assert.True(changes.SkipWhile(c => c.Impact == Impact.Breaking).All(c => c.Impact == Impact.Additive));
    }

    [Fact]
    public void An_unchanged_spec_has_no_changes()
    {
        var doc = JsonNode.Parse(Before)!.AsObject();
        Assert.Empty(SpecComparer.Compare(doc, doc.DeepClone().AsObject()));
    }

    [Fact]
    public void The_changelog_section_lists_breaking_then_added()
    {
        var text = ChangelogWriter.Section("1.1.1", "v1.0.1", Diff());
        Assert.StartsWith("## 1.1.1\n\nSpec changes since `v1.0.1`", text);
        Assert.True(text.IndexOf("### Breaking", StringComparison.Ordinal) < text.IndexOf("### Added", StringComparison.Ordinal));
        Assert.Contains("- operations: removed legacy (GET /old)\n", text);
    }

    [Fact]
    public void Prepending_keeps_older_sections_below_the_new_one()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# Changelog\n\n## 1.0.1\n\nFirst release.\n");
            ChangelogWriter.Prepend(path, "1.1.1", "v1.0.1", Diff());
            var text = File.ReadAllText(path);
            Assert.StartsWith("# Changelog\n\n## 1.1.1\n", text);
            Assert.EndsWith("## 1.0.1\n\nFirst release.\n", text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_next_version_is_a_major_for_a_breaking_change_a_minor_for_an_additive_one_and_a_patch_otherwise()
    {
        var breaking = Diff();
        Assert.Contains(breaking, c => c.Impact == Impact.Breaking);
        Assert.Equal("2.0.0", NextVersion.Propose("1.4.2", breaking));
        Assert.Equal("1.5.0", NextVersion.Propose("1.4.2", breaking.Where(c => c.Impact == Impact.Additive).ToList()));
        Assert.Equal("1.4.3", NextVersion.Propose("1.4.2+spec.1.0", []));
        var e = Assert.Throws<ArgumentException>(() => NextVersion.Propose("2025.12", []));
        Assert.Contains("'2025.12' is not a semver release", e.Message);
    }
}
