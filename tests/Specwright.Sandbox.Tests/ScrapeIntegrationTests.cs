using System.Text.Json;
using System.Text.Json.Nodes;
using Specwright.TestSupport;
using Specwright.WebScrape;

namespace Specwright.Sandbox.Tests;

/// <summary>scrape and smartscraper through the SDK against the sandbox: content, credits, caching, extraction.</summary>
public sealed class ScrapeIntegrationTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private Uri Site(string path) => new(sandbox.Server.BaseUrl, path.TrimStart('/'));

    [Fact]
    public async Task Scrape_of_a_listing_page_returns_its_html_links_metadata_and_pagination()
    {
        using var client = sandbox.Client(sandbox.NewKey());
        var result = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = Site("/site/products?page=2"), ExtractLinks = true });

        Assert.Equal(ContentType.Html, result.Value.ContentType);
        Assert.False(result.Value.Cleaned);
        Assert.StartsWith("<!doctype html>", result.Value.Html);
        Assert.Contains("<h2><a href=\"/site/products/product-k\">Product K</a></h2>", result.Value.Html);
        Assert.Equal("Products (page 2)", result.Value.Metadata!.Title);
        Assert.Equal("en", result.Value.Metadata.Language);
        Assert.Contains(result.Value.Links!, l => l.Url == Site("/site/products/product-k").AbsoluteUri && l.Text == "Product K");
        Assert.Equal(result.Value.Links!.Count, result.Value.Links.Select(l => l.Url).Distinct().Count());
        Assert.Equal(Site("/site/products?page=3").AbsoluteUri, result.Value.StructuredData!.Pagination!.Next);
        Assert.Equal(Site("/site/products?page=1").AbsoluteUri, result.Value.StructuredData.Pagination.Prev);
        Assert.Equal((1, 499), (result.CreditsUsed, result.CreditsRemaining));
        Assert.StartsWith("req_", result.RequestId);
    }

    [Fact]
    public async Task A_page_whose_hrefs_SystemUri_refuses_is_still_scraped_and_billed_once_with_every_href_as_written()
    {
        using var client = sandbox.Client(sandbox.NewKey());

        var result = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = Site("/site/odd-links"), ExtractLinks = true });

        Assert.Equal(Specwright.Sandbox.Site.FixtureSite.OddHrefs, result.Value.Links!.Select(l => l.Url).Where(u => !u!.Contains("/site/")));
        Assert.Equal((1, 499), (result.CreditsUsed, result.CreditsRemaining));
    }

    [Fact]
    public async Task Scrape_returns_the_same_page_the_fixture_site_serves_over_http()
    {
        using var client = sandbox.Client(sandbox.NewKey());
        using var browser = new HttpClient();
        var url = Site("/site/products/product-c");
        var served = await browser.GetStringAsync(url);
        var scraped = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = url });
        Assert.Equal(served, scraped.Value.Html);
    }

    [Fact]
    public async Task Clean_returns_markdown_honouring_tag_filters_and_tag_truncate()
    {
        using var client = sandbox.Client(sandbox.NewKey());
        var url = Site("/site/products/product-b");

        var md = (await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = url, Clean = true })).Value;
        Assert.True(md.Cleaned);
        Assert.StartsWith("# Product B\n\nPrice: $29.99\n\nPhoto of Product B", md.Html);

        var keepImages = (await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = url, Clean = true, TagTruncate = false })).Value;
        Assert.Contains("<img src=\"/site/img/product-b.png\" alt=\"Photo of Product B\">", keepImages.Html);

        var headingsOnly = (await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = url, Clean = true, IncludeTags = ["h1"] })).Value;
        Assert.Equal("# Product B", headingsOnly.Html);

        var noImages = (await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = url, Clean = true, ExcludeTags = ["img", "a"] })).Value;
        Assert.DoesNotContain("Photo", noImages.Html);
        Assert.DoesNotContain("Back to all products", noImages.Html);
    }

    [Fact]
    public async Task A_pdf_is_converted_to_markdown_with_null_metadata()
    {
        using var client = sandbox.Client(sandbox.NewKey());
        var data = (await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = Site("/site/report.pdf"), Clean = true })).Value;
        Assert.Equal(ContentType.Pdf, data.ContentType);
        Assert.Equal("# Annual report\n\nRevenue grew 12%.", data.Html);
        Assert.False(data.Cleaned);
        Assert.Null(data.Metadata);

        using var browser = new HttpClient();
        var pdf = await browser.GetByteArrayAsync(Site("/site/report.pdf"));
        Assert.Equal("%PDF-1.4", System.Text.Encoding.ASCII.GetString(pdf, 0, 8));
    }

    [Fact]
    public async Task Fields_the_vendor_documents_as_null_arrive_as_null_not_absent_as_its_node_sdk_reads_them()
    {
        // The vendor's Node SDK tells null from undefined: a PDF's data.metadata and a fresh key's last_run are null in the
        // vendor's docs and the spec's examples, so they are sent as null; a field no example shows as null stays out.
        using var http = new HttpClient { BaseAddress = new Uri(sandbox.Server.WebScrapeBaseUrl.AbsoluteUri.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Add("X-API-Key", sandbox.NewKey());
        using var scrape = await http.PostAsync("scrape", new StringContent($$"""{"website_url":"{{Site("/site/report.pdf")}}"}""", System.Text.Encoding.UTF8, "application/json"));
        var data = System.Text.Json.Nodes.JsonNode.Parse(await scrape.Content.ReadAsStringAsync())!["data"]!.AsObject();
        Assert.True(data.TryGetPropertyValue("metadata", out var metadata) && metadata is null, data.ToJsonString());
        Assert.False(data.ContainsKey("links")); // only with extract_links, as the vendor sends it

        var usage = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("smartbrowse/usage"))!["data"]!.AsObject();
        Assert.True(usage.TryGetPropertyValue("last_run", out var lastRun) && lastRun is null, usage.ToJsonString());

        using var html = await http.PostAsync("scrape", new StringContent($$"""{"website_url":"{{Site("/site/")}}"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, System.Text.Json.JsonDocument.Parse(await html.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("metadata").ValueKind);
    }

    [Fact]
    public async Task Urls_outside_the_fixture_site_get_a_deterministic_generated_page()
    {
        using var client = sandbox.Client(sandbox.NewKey());
        var a = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri("https://example.com/pricing") });
        var b = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri("https://example.com/pricing") });
        var other = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri("https://example.org/") });
        Assert.Equal(a.Value.Html, b.Value.Html);
        Assert.NotEqual(a.Value.RequestId, b.Value.RequestId);
        Assert.Contains("example.com — pricing", a.Value.Html);
        Assert.NotEqual(a.Value.Html, other.Value.Html);
    }

    [Fact]
    public async Task Stealth_costs_the_surcharge_from_the_spec()
    {
        using var client = sandbox.Client(sandbox.NewKey());
        var scrape = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri("https://example.com"), Stealth = true });
        Assert.Equal(WebScrapeSpec.Operations.Scrape.CreditCost + WebScrapeSpec.Operations.Scrape.StealthSurcharge, scrape.CreditsUsed);
        var smart = await client.SmartScraperAsync(new SmartScraperRequest { WebsiteUrl = new Uri("https://example.com"), UserPrompt = "title", Stealth = true });
        Assert.Equal(WebScrapeSpec.Operations.Smartscraper.CreditCost + WebScrapeSpec.Operations.Smartscraper.StealthSurcharge, smart.CreditsUsed);
        Assert.Equal(500 - 3 - 10, smart.CreditsRemaining);
    }

    [Fact]
    public async Task Max_age_serves_a_cached_copy_only_when_asked_and_fresh_enough()
    {
        using var client = sandbox.Client(sandbox.NewKey());
        var url = new Uri($"https://example.com/cache-{Guid.NewGuid():N}");
        var uncached = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = url });
        var written = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = url, MaxAge = 0 });
        var hit = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = url, MaxAge = 3600 });
        var stealthNeverCached = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = url, MaxAge = 3600, Stealth = true });
        var headersNeverCached = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = url, MaxAge = 3600, Headers = new Dictionary<string, string> { ["Accept-Language"] = "de" } });

        Assert.NotEqual(uncached.Value.RequestId, written.Value.RequestId);
        Assert.Equal(written.Value.RequestId, hit.Value.RequestId);
        Assert.NotEqual(written.Value.RequestId, stealthNeverCached.Value.RequestId);
        Assert.NotEqual(written.Value.RequestId, headersNeverCached.Value.RequestId);
    }

    [Fact]
    public async Task Smartscraper_output_validates_against_the_requests_output_schema()
    {
        using var client = sandbox.Client(sandbox.NewKey());
        var schema = JsonNode.Parse("""
            {"type":"object","required":["products"],"properties":{"products":{"type":"array","items":{"type":"object",
             "required":["name","price","url"],"properties":{"name":{"type":"string"},"price":{"type":"string"},"url":{"type":"string","format":"uri"},
             "in_stock":{"type":"boolean"},"amount":{"type":"number","minimum":0}}}}}}
            """)!;
        var result = await client.SmartScraperAsync(new SmartScraperRequest
        {
            WebsiteUrl = Site("/site/products"),
            UserPrompt = "Extract every product name and price",
            OutputSchema = JsonSerializer.SerializeToElement(schema, SandboxTestJson.Default.JsonNode),
        });

        var output = JsonNode.Parse(result.Value.Result!.Value.GetRawText())!;
        Assert.Empty(await ContractValidator.Instance.CheckInstanceAsync(schema, output));
        var products = output["products"]!.AsArray();
        Assert.Equal(10, products.Count);
        Assert.Equal("Product A", (string)products[0]!["name"]!);
        Assert.Equal("$19.99", (string)products[0]!["price"]!);
        Assert.Equal(19.99, (double)products[0]!["amount"]!);
        Assert.Equal((5, 495), (result.CreditsUsed, result.CreditsRemaining));
    }

    [Fact]
    public async Task Smartscraper_without_a_schema_is_free_form_and_plain_text_is_a_string()
    {
        using var client = sandbox.Client(sandbox.NewKey());
        var free = await client.SmartScraperAsync(new SmartScraperRequest { WebsiteUrl = Site("/site/products/product-b"), UserPrompt = "What does it cost?" });
        Assert.Equal("$29.99", free.Value.Result!.Value.GetProperty("price").GetString());

        var text = await client.SmartScraperAsync(new SmartScraperRequest { WebsiteUrl = Site("/site/products"), UserPrompt = "List prices", PlainText = true });
        Assert.Equal(JsonValueKind.String, text.Value.Result!.Value.ValueKind);
        Assert.StartsWith("Product A costs $19.99. Product B costs $29.99.", text.Value.Result.Value.GetString());
    }

    [Fact]
    public async Task An_unsatisfiable_schema_gives_validation_failed_with_the_failing_paths_and_costs_nothing()
    {
        var key = sandbox.NewKey();
        using var client = sandbox.Client(key);
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => client.SmartScraperAsync(new SmartScraperRequest
        {
            WebsiteUrl = Site("/site/products/product-b"),
            UserPrompt = "price",
            OutputSchema = JsonDocument.Parse("""{"type":"object","required":["price"],"properties":{"price":{"type":"number","minimum":1000000}}}""").RootElement,
        }));
        Assert.Equal(422, e.StatusCode);
        Assert.Equal("schema_validation_error", e.DetailsModel!.Type);
        Assert.Equal(["price: must be >= 1000000 (got 29.99)"], e.DetailsModel.Errors!);
        Assert.Equal(500, sandbox.State.Accounts.Find(key)!.Balance);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonNode))]
internal sealed partial class SandboxTestJson : System.Text.Json.Serialization.JsonSerializerContext;
