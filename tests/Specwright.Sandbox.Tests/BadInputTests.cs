using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Specwright.Sandbox.Tests;

/// <summary>Bad requests get 400 invalid_request envelopes naming the field; never a 500, never a hang.</summary>
public sealed class BadInputTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Theory]
    [InlineData("scrape", "", "request body is required")]
    [InlineData("scrape", "{\"website_url\":", "request body is not valid JSON")]
    [InlineData("scrape", "[1,2]", "request body: expected object, got array")]
    [InlineData("scrape", "{}", "website_url is required")]
    [InlineData("scrape", "{\"website_url\":42}", "website_url: expected string, got integer")]
    [InlineData("scrape", "{\"website_url\":\"not a url\"}", "website_url: must match the pattern ^[Hh][Tt][Tt][Pp][Ss]?://")]
    [InlineData("scrape", "{\"website_url\":\"ftp://example.com/a\"}", "website_url: must match the pattern ^[Hh][Tt][Tt][Pp][Ss]?://")]
    [InlineData("scrape", "{\"website_url\":\"https://example.com\",\"clean\":\"yes\"}", "clean: expected boolean, got string")]
    [InlineData("scrape", "{\"website_url\":\"https://example.com\",\"max_age\":-5}", "max_age: must be >= 0 (got -5)")]
    [InlineData("scrape", "{\"website_url\":\"https://example.com\",\"max_age\":1.5}", "max_age: expected integer, got number")]
    [InlineData("scrape", "{\"website_url\":\"https://example.com\",\"parse_mode\":\"fast\"}", "parse_mode: must be one of \"accurate\", \"speed\" (got \"fast\")")]
    [InlineData("scrape", "{\"website_url\":\"https://example.com\",\"headers\":{\"X-A\":1}}", "headers.X-A: expected string, got integer")]
    [InlineData("scrape", "{\"website_url\":\"https://example.com\",\"include_tags\":\"h1\"}", "include_tags: expected array, got string")]
    [InlineData("smartscraper", "{\"website_url\":\"https://example.com\"}", "user_prompt is required")]
    [InlineData("smartscraper", "{\"website_url\":\"https://example.com\",\"user_prompt\":\"\"}", "user_prompt: must be at least 1 characters")]
    [InlineData("smartscraper", "{\"website_url\":\"https://example.com\",\"user_prompt\":\"x\",\"detail_level\":\"max\"}", "detail_level: must be one of \"low\", \"medium\", \"high\"")]
    [InlineData("smartscraper", "{\"website_url\":\"https://example.com\",\"user_prompt\":\"x\",\"output_schema\":[]}", "output_schema: expected object, got array")]
    [InlineData("smartscraper", "{\"website_url\":\"https://example.com\",\"user_prompt\":\"x\",\"output_schema\":{\"type\":\"strnig\"}}", "output_schema.type: \"strnig\" is not a JSON Schema type")]
    public async Task Bad_bodies_get_invalid_request_naming_the_field(string operation, string body, string message)
    {
        var key = sandbox.NewKey();
        using var raw = sandbox.Raw(key);
        using var response = await raw.PostAsync(operation, new StringContent(body, Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error", (string)json["status"]!);
        Assert.Equal("invalid_request", (string)json["error"]!["code"]!);
        Assert.StartsWith(message, (string)json["error"]!["message"]!);
        Assert.Equal(500, sandbox.State.Accounts.Find(key)!.Balance);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_with_the_limit_named()
    {
        using var raw = sandbox.Raw(sandbox.NewKey());
        var huge = "{\"website_url\":\"https://example.com\",\"user_prompt\":\"" + new string('x', sandbox.State.Options.MaxRequestBodyBytes) + "\"}";
        using var response = await raw.PostAsync("smartscraper", new StringContent(huge, Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"request body is larger than the sandbox's limit of {sandbox.State.Options.MaxRequestBodyBytes} bytes", (string)json["error"]!["message"]!);
    }

    [Fact]
    public async Task Several_problems_are_reported_together()
    {
        using var raw = sandbox.Raw(sandbox.NewKey());
        using var response = await raw.PostAsync("scrape", new StringContent("""{"clean":1,"stealth":"no"}""", Encoding.UTF8, "application/json"));
        var message = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!;
        Assert.Equal("website_url is required; clean: expected boolean, got integer; stealth: expected boolean, got string", message);
    }

    [Fact]
    public async Task A_wrong_method_is_invalid_request_and_an_unknown_path_is_not_found()
    {
        using var raw = new HttpClient { BaseAddress = new Uri(sandbox.Server.WebScrapeBaseUrl.AbsoluteUri + "/") };
        raw.DefaultRequestHeaders.Add("X-API-Key", sandbox.NewKey());
        using var get = await raw.GetAsync("scrape");
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Contains("method GET is not allowed on /v1/scrape", await get.Content.ReadAsStringAsync());
        using var unknown = await raw.GetAsync("nothing/here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("\"code\":\"not_found\"", await unknown.Content.ReadAsStringAsync());
    }
}
