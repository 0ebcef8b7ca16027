using System.Net;
using Specwright.Core.Errors;
using Specwright.TestSupport;

namespace Specwright.WebScrape.Tests;

public class TransportTests
{
    [Fact]
    public async Task A_client_over_a_handler_sends_through_the_whole_pipeline_and_disposes_it()
    {
        var http = new FakeHttp().ThenJson(503, """{"status":"error","error":{"code":"service_unavailable","message":"m"},"request_id":"r"}""").ThenJson(200, ClientFactory.ScrapeOk);
        var transport = new DisposalTracker { InnerHandler = http };
        var client = new WebScrapeClient(transport, new WebScrapeClientOptions
        {
            ApiKey = ClientFactory.Key, BaseUrl = new Uri("https://api.webscrape.ai/v1"), TimeProvider = new TestClock(),
        });

        var result = await client.ScrapeAsync(ClientFactory.Scrape());
        client.Dispose();

        Assert.Equal("req_ok", result.RequestId);
        Assert.Equal(2, http.Requests.Count); // retried
        Assert.All(http.Requests, r => Assert.Equal(ClientFactory.Key, r.Headers["X-API-Key"]));
        Assert.Matches(@"^Specwright\.WebScrape/\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", http.Requests[0].Headers["User-Agent"]); // semver, a prerelease between releases
        Assert.True(transport.Disposed);
    }

    private sealed class DisposalTracker : DelegatingHandler
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    [Fact]
    public async Task Keeps_the_callers_user_agent_and_adds_the_sdks_once_per_attempt()
    {
        var http = new FakeHttp().ThenJson(500, """{"status":"error","error":{"code":"internal_error","message":"m"},"request_id":"r"}""").ThenJson(200, ClientFactory.ScrapeOk);
        var caller = http.CreateClient();
        caller.DefaultRequestHeaders.UserAgent.ParseAdd("MyApp/2.1");
        using var client = new WebScrapeClient(caller, new WebScrapeClientOptions
        {
            ApiKey = ClientFactory.Key, BaseUrl = new Uri("https://api.webscrape.ai/v1"), TimeProvider = new TestClock(),
        });

        await client.ScrapeAsync(ClientFactory.Scrape());

        Assert.Equal(2, http.Requests.Count);
        foreach (var request in http.Requests)
        {
            var agent = request.Headers["User-Agent"];
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(agent, @"Specwright\.WebScrape/\d+\.\d+\.\d+"));
            Assert.Contains("MyApp/2.1", agent);
        }
    }

    [Fact]
    public async Task Sends_the_key_accept_and_user_agent_and_content_type_only_with_a_body()
    {
        var http = new FakeHttp().ThenJson(200, ClientFactory.ScrapeOk).ThenJson(200, ClientFactory.Run("running"));
        using var client = ClientFactory.Create(http);

        await client.ScrapeAsync(ClientFactory.Scrape());
        await client.SmartBrowse.GetRunAsync("k7Xb9dRmQ2p");

        var post = http.Requests[0];
        Assert.Equal("https://api.webscrape.ai/v1/scrape", post.Uri.AbsoluteUri);
        Assert.Equal(ClientFactory.Key, post.Headers["X-API-Key"]);
        Assert.Equal("application/json", post.Headers["Accept"]);
        Assert.Matches(@"Specwright\.WebScrape/\d+\.\d+\.\d+", post.Headers["User-Agent"]);
        Assert.Equal("application/json", post.ContentType);
        var get = http.Requests[1];
        Assert.Null(get.ContentType);
        Assert.Null(get.Body);
    }

    [Fact]
    public async Task A_redirect_to_another_host_does_not_carry_the_key()
    {
        var http = new FakeHttp()
            .Then(_ => new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri("https://elsewhere.example/v1/scrape") } })
            .ThenJson(200, ClientFactory.ScrapeOk);
        using var client = ClientFactory.Create(http);

        await client.ScrapeAsync(ClientFactory.Scrape());

        Assert.Equal(2, http.Requests.Count);
        Assert.True(http.Requests[0].Headers.ContainsKey("X-API-Key"));
        Assert.Equal("elsewhere.example", http.Requests[1].Uri.Host);
        Assert.False(http.Requests[1].Headers.ContainsKey("X-API-Key"));
    }

    [Fact]
    public async Task The_key_never_appears_in_messages_ToString_or_logs()
    {
        var logs = new CapturingLoggerFactory();
        var http = new FakeHttp().ThenJson(500, """{"status":"error","error":{"code":"internal_error","message":"internal error"},"request_id":"r"}""");
        var options = new WebScrapeClientOptions { ApiKey = ClientFactory.Key, LoggerFactory = logs, TimeProvider = new TestClock() };
        using var client = new WebScrapeClient(http.CreateClient(), options);

        var e = await Assert.ThrowsAsync<InternalErrorException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.NotEmpty(logs.Lines);
        foreach (var text in logs.Lines.Append(e.ToString()).Append(e.Message).Append(client.ToString()).Append(options.ToString()))
            Assert.DoesNotContain("TESTKEY", text);
    }

    [Fact]
    public void A_missing_key_fails_at_construction_naming_the_option_and_variable()
    {
        var saved = Environment.GetEnvironmentVariable("WEBSCRAPE_API_KEY");
        Environment.SetEnvironmentVariable("WEBSCRAPE_API_KEY", null);
        try
        {
            var e = Assert.Throws<ConfigurationException>(() => new WebScrapeClient(new WebScrapeClientOptions()));
            Assert.Contains("WebScrapeClientOptions.ApiKey", e.Message);
            Assert.Contains("WEBSCRAPE_API_KEY", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("WEBSCRAPE_API_KEY", saved);
        }
    }

    [Theory]
    [InlineData("ftp://api.example/v1")]
    [InlineData("/relative")]
    public void A_bad_base_url_fails_naming_it(string url)
    {
        var e = Assert.Throws<ConfigurationException>(() =>
            new WebScrapeClient(new WebScrapeClientOptions { ApiKey = ClientFactory.Key, BaseUrl = new Uri(url, UriKind.RelativeOrAbsolute) }));
        Assert.Contains("BaseUrl", e.Message);
    }

    [Fact]
    public async Task Base_url_without_a_trailing_slash_keeps_its_version_segment()
    {
        var http = new FakeHttp().ThenJson(200, ClientFactory.ScrapeOk);
        using var client = new WebScrapeClient(http.CreateClient(), new WebScrapeClientOptions { ApiKey = ClientFactory.Key, BaseUrl = new Uri("http://127.0.0.1:5000/v1") });

        await client.ScrapeAsync(ClientFactory.Scrape());

        Assert.Equal("http://127.0.0.1:5000/v1/scrape", http.Requests[0].Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ftp://example.com/file")]
    public async Task Bad_request_input_is_rejected_before_any_request_naming_the_field(string? url)
    {
        var http = new FakeHttp();
        using var client = ClientFactory.Create(http);

        // A missing field is an ArgumentNullException, a wrong one an ArgumentException: both name it.
        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = url is null ? null! : new Uri(url) }));

        Assert.Equal("body.WebsiteUrl", e.ParamName);
        Assert.Empty(http.Requests);
    }

    [Fact]
    public async Task An_empty_run_id_is_rejected_naming_the_parameter()
    {
        using var client = ClientFactory.Create(new FakeHttp());

        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.SmartBrowse.GetRunAsync(" "));

        Assert.Equal("id", e.ParamName);
    }

    [Fact]
    public async Task SmartScraper_result_is_reachable_as_json_and_as_a_typed_object()
    {
        var http = new FakeHttp().ThenJson(200, """{"status":"completed","data":{"request_id":"e","result":{"products":[{"name":"A","price":"$1"}]}},"credits_used":5,"credits_remaining":495,"request_id":"req_s"}""");
        using var client = ClientFactory.Create(http);

        var result = await client.SmartScraperAsync(new SmartScraperRequest { WebsiteUrl = new Uri("https://example.com"), UserPrompt = "products" });

        Assert.Equal("A", result.Value.Result!.Value.GetProperty("products")[0].GetProperty("name").GetString());
        Assert.Equal("$1", result.Value.GetResult(TestJson.Default.Catalog)!.Products[0].Price);
        Assert.Equal(5, result.CreditsUsed);
    }

    [Fact]
    public async Task A_success_without_request_id_in_the_body_takes_the_X_Request_ID_header()
    {
        const string withoutId = """{"status":"completed","data":{"request_id":"eng_1","html":"<p/>","content_type":"html"},"credits_used":1,"credits_remaining":9}""";
        var http = new FakeHttp()
            .ThenJson(200, withoutId, r => r.Headers.Add("X-Request-ID", "req_from_header"))
            .ThenJson(200, ClientFactory.ScrapeOk, r => r.Headers.Add("X-Request-ID", "req_header_loses"));
        using var client = ClientFactory.Create(http);

        Assert.Equal("req_from_header", (await client.ScrapeAsync(ClientFactory.Scrape())).RequestId);
        Assert.Equal("req_ok", (await client.ScrapeAsync(ClientFactory.Scrape())).RequestId); // the body's id wins when it has one
    }
}

public sealed record Product(string Name, string Price);
public sealed record Catalog(List<Product> Products);
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(Catalog))]
public partial class TestJson : System.Text.Json.Serialization.JsonSerializerContext;
