using System.Text.Json;
using System.Text.Json.Nodes;
using Specwright.TestSupport;

namespace Specwright.WebScrape.Tests;

/// <summary>A newer API (new fields, new enum values, explicit nulls) must not break the generated types.</summary>
public class ForwardCompatibilityTests
{
    private const string RunWithFutureValues = """
        {
          "status": "completed",
          "request_id": "req_1",
          "credits_used": 0,
          "credits_remaining": 10,
          "shard": "eu-2",
          "data": {
            "id": "r1", "recipe_id": "m3Yc2tFvN8q", "run_status": "paused",
            "pages_extracted": 1, "items_extracted": 2, "credits_used": 2,
            "created_at": "2026-05-21T12:00:00Z", "started_at": null, "completed_at": null,
            "priority": { "level": 3 },
            "result": { "pages": [ { "items": [ { "name": "A", "nested": [1, 2] } ] } ], "mode": "turbo", "drift": 0.5, "warnings": ["w"], "engine": "v9" }
          }
        }
        """;

    /// <summary>Hrefs browsers follow that System.Uri refuses (each one failed a billed scrape when links were typed as Uri).</summary>
    public static TheoryData<string> OddHrefs => new("http://a,b.example/", "http://a+b.example/", "http://example.com:99999/", "http://[::1", "http://", "http://exa mple.com/");

    [Theory]
    [MemberData(nameof(OddHrefs))]
    public async Task A_scraped_href_that_SystemUri_refuses_is_returned_as_written(string href)
    {
        var body = $$"""
            {"status":"completed","data":{"request_id":"eng_1","html":"<a>x</a>","content_type":"html","links":[{"url":{{JsonSerializer.Serialize(href)}},"text":"x"}]},"credits_used":1,"credits_remaining":9,"request_id":"req_l"}
            """;
        using var client = ClientFactory.Create(new FakeHttp().ThenJson(200, body));

        var result = await client.ScrapeAsync(ClientFactory.Scrape());

        Assert.Equal(href, Assert.Single(result.Value.Links!).Url);
        Assert.Equal(1, result.CreditsUsed);
    }

    [Fact]
    public void Unknown_run_status_is_kept_and_is_not_terminal()
    {
        var env = JsonSerializer.Deserialize(RunWithFutureValues, WebScrapeJsonContext.Default.SmartBrowseRunEnvelope)!;

        Assert.Equal("paused", env.Data.RunStatus.Value);
        Assert.False(env.Data.RunStatus.IsKnown);
        Assert.False(env.Data.RunStatus.IsTerminal);
        Assert.False(env.Data.RunStatus.IsFailure);
        Assert.NotEqual(RunStatus.Running, env.Data.RunStatus);
    }

    [Fact]
    public void Unknown_fields_are_kept_at_every_level_and_written_back()
    {
        var env = JsonSerializer.Deserialize(RunWithFutureValues, WebScrapeJsonContext.Default.SmartBrowseRunEnvelope)!;

        Assert.Equal("eu-2", ((JsonElement)env.AdditionalProperties["shard"]).GetString());
        Assert.Equal(3, ((JsonElement)env.Data.AdditionalProperties["priority"]).GetProperty("level").GetInt32());
        Assert.Equal("v9", ((JsonElement)env.Data.Result!.AdditionalProperties["engine"]).GetString());
        var written = JsonNode.Parse(JsonSerializer.Serialize(env, WebScrapeJsonContext.Default.SmartBrowseRunEnvelope));
        JsonAssert.Equivalent(JsonNode.Parse(RunWithFutureValues), written, "future fields must survive a round trip");
    }

    [Fact]
    public void Known_values_compare_equal_to_their_static_members_and_wire_strings()
    {
        var status = JsonSerializer.Deserialize("\"cancelled\"", WebScrapeJsonContext.Default.RunStatus);

        Assert.Equal(RunStatus.Cancelled, status);
        Assert.True(status == "cancelled");
        Assert.True(status.IsKnown && status.IsTerminal && status.IsFailure && !status.IsSuccess);
        Assert.True(RunStatus.Completed.IsSuccess);
        Assert.False(RunStatus.Queued.IsTerminal);
        Assert.Equal(5, RunStatus.KnownValues.Count);
    }

    [Fact]
    public void A_non_string_enum_value_fails_with_a_message_naming_the_type()
    {
        var e = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize("{\"id\":\"x\",\"recipe_id\":\"y\",\"run_status\":7}", WebScrapeJsonContext.Default.SmartBrowseRun));
        Assert.Contains("RunStatus", e.Message);
    }

    [Fact]
    public void Unset_optional_request_fields_are_omitted_not_sent_as_defaults()
    {
        var json = JsonSerializer.Serialize(new ScrapeRequest { WebsiteUrl = new Uri("https://example.com") }, WebScrapeJsonContext.Default.ScrapeRequest);

        Assert.Equal("""{"website_url":"https://example.com"}""", json);
    }

    [Fact]
    public void Max_age_zero_is_sent_because_it_differs_from_omitted()
    {
        var json = JsonSerializer.Serialize(new ScrapeRequest { WebsiteUrl = new Uri("https://example.com"), MaxAge = 0, ParseMode = ParseMode.Speed },
            WebScrapeJsonContext.Default.ScrapeRequest);

        Assert.Equal("""{"website_url":"https://example.com","parse_mode":"speed","max_age":0}""", json);
    }
}
