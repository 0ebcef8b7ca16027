using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Specwright.WebScrape;

namespace Specwright.Sandbox.Tests;

/// <summary>The documented control API (<c>/_sandbox</c>) that standalone users and demos drive with curl.</summary>
public sealed class ControlApiTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private HttpClient Control() => new() { BaseAddress = new Uri(sandbox.Server.BaseUrl, "_sandbox/") };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_key_created_over_http_has_its_balance_and_flags()
    {
        using var control = Control();
        using var created = await control.PostAsync("webscrape/keys", Json("""{"credits":42,"email_verified":false}"""));
        var info = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var key = (string)info["key"]!;
        Assert.Matches("^wsg_live_[0-9A-Za-z]{32}$", key);
        Assert.Equal(42, (int)info["credits"]!);

        using var client = sandbox.Client(key);
        await Assert.ThrowsAsync<EmailVerificationRequiredException>(() => client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri("https://example.com") }));
        using var update = await control.PostAsync("webscrape/keys", Json($$"""{"key":"{{key}}","email_verified":true}"""));
        Assert.Equal(41, (await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri("https://example.com") })).CreditsRemaining);
        var after = JsonNode.Parse(await control.GetStringAsync($"webscrape/keys/{key}"))!;
        Assert.Equal(41, (int)after["credits"]!);
    }

    [Fact]
    public async Task A_fault_armed_over_http_hits_the_next_matching_call_then_disarms()
    {
        using var control = Control();
        using var armed = await control.PostAsync("faults", Json("""{"kind":"error","code":"internal_error","count":1,"operation":"getSmartBrowseUsage"}"""));
        Assert.Equal(HttpStatusCode.Created, armed.StatusCode);
        Assert.Single(JsonNode.Parse(await control.GetStringAsync("faults"))!.AsArray());

        using var client = sandbox.Client(sandbox.NewKey(), maxRetries: 0);
        await Assert.ThrowsAsync<InternalErrorException>(() => client.SmartBrowse.GetUsageAsync());
        Assert.Empty(JsonNode.Parse(await control.GetStringAsync("faults"))!.AsArray());
        await client.SmartBrowse.GetUsageAsync();

        var stats = JsonNode.Parse(await control.GetStringAsync("stats"))!;
        Assert.True((int)stats["requests"]!["getSmartBrowseUsage"]! >= 2);
        Assert.True((int)stats["statuses"]!["500"]! >= 1);
    }

    [Theory]
    [InlineData("faults", """{"kind":"meteor"}""", "kind must be one of")]
    [InlineData("faults", """{"kind":"status","status":404}""", "a status fault needs status 408, 429, 500, 502, 503 or 504")]
    [InlineData("faults", """{"kind":"delay"}""", "a delay fault needs delay_ms > 0")]
    [InlineData("faults", """{"kind":""", "")]
    [InlineData("webscrape/keys", """{"key":"sk_test_123"}""", "is not a webscrape.ai key")]
    public async Task Bad_control_requests_get_400_with_the_reason(string path, string body, string message)
    {
        using var control = Control();
        using var response = await control.PostAsync(path, Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (string)(await response.Content.ReadFromJsonAsync<JsonNode>())!["error"]!;
        Assert.Contains(message, error);
        Assert.DoesNotContain("sk_test_123", error);
    }

    [Fact]
    public async Task A_recipe_put_over_http_can_be_dispatched()
    {
        using var control = Control();
        using var put = await control.PutAsync("webscrape/recipes/Tw0PageRec1", Json("""{"pages":2,"items_per_page":4,"drift":0.1}"""));
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        using var client = sandbox.Client(sandbox.NewKey(), clock: TimeProvider.System);
        var run = await client.SmartBrowse.RunAndWaitAsync("Tw0PageRec1", schedule: SandboxFixture.FastPolling);
        Assert.Equal((2, 8, 0.1), (run.PagesExtracted, run.ItemsExtracted, run.Result!.Drift!.Value));
    }
}
