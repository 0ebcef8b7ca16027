using System.Text.Json;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.Site;
using Specwright.WebScrape;

namespace Specwright.Sandbox.WebScrape.Extraction;

/// <summary>Produces <c>data</c> of <c>POST /scrape</c> from the page the URL names.</summary>
internal sealed class ScrapeEngine(TimeProvider clock)
{
    private readonly UrlCache<ScrapeData> _cache = new(clock);

    public ScrapeData Scrape(ScrapeRequest request)
    {
        var url = request.WebsiteUrl;
        var stealth = request.Stealth == true;
        var key = $"{url.AbsoluteUri}|{request.Clean}|{request.TagTruncate}|{request.ExtractLinks}|{string.Join(",", request.IncludeTags ?? [])}|{string.Join(",", request.ExcludeTags ?? [])}";
        var data = _cache.GetOrCreate(key, request.MaxAge, UrlCache<ScrapeData>.Cacheable(url, stealth, request.Headers), () => Fresh(request), out var hit);
        if (!hit) return data;
        // A cached copy is the same extraction (same data.request_id), served without fetching.
        return new ScrapeData
        {
            RequestId = data.RequestId, Html = data.Html, ContentType = data.ContentType, Cleaned = data.Cleaned,
            Links = data.Links, Metadata = data.Metadata, StructuredData = data.StructuredData, LatencyMs = 3,
        };
    }

    private static ScrapeData Fresh(ScrapeRequest request)
    {
        var page = Pages.Fetch(request.WebsiteUrl);
        var stealthMs = request.Stealth == true ? 900 : 0;
        if (page.IsPdf)
        {
            return new ScrapeData
            {
                RequestId = Ids.ExtractionId("scrape"),
                Html = page.PdfText,
                ContentType = ContentType.Pdf,
                Cleaned = false,
                Metadata = null,
                LatencyMs = 1200 + stealthMs,
            };
        }
        var clean = request.Clean == true;
        var html = clean
            ? MarkdownRenderer.Render(page, request.IncludeTags?.ToList() ?? [], request.ExcludeTags?.ToList() ?? [], request.TagTruncate ?? true)
            : HtmlRenderer.Render(page);
        return new ScrapeData
        {
            RequestId = Ids.ExtractionId("scrape"),
            Html = html,
            ContentType = ContentType.Html,
            Cleaned = clean,
            Links = request.ExtractLinks == true ? page.Links().Select(l => new ScrapeLink { Url = l.Url, Text = l.Text }).ToList() : null,
            Metadata = new PageMetadata { Title = page.Title, Description = page.Description, Language = page.Language },
            StructuredData = page.JsonLd.Count > 0 || page.Next is not null || page.Prev is not null ? Structured(page) : null,
            LatencyMs = 150 + html.Length / 50 + stealthMs,
        };
    }

    private static StructuredData Structured(SitePage page) => new()
    {
        JsonLd = page.JsonLd.Select(ld => ToElement(ld)).ToList(),
        Microdata = [],
        Pagination = page.Next is null && page.Prev is null ? null : new PaginationHints { Next = page.Next?.AbsoluteUri, Prev = page.Prev?.AbsoluteUri },
    };

    internal static JsonElement ToElement(System.Text.Json.Nodes.JsonNode node)
    {
        using var doc = JsonDocument.Parse(node.ToJsonString());
        return doc.RootElement.Clone();
    }
}
