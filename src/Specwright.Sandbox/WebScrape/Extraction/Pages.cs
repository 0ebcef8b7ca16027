using Specwright.Sandbox.Site;

namespace Specwright.Sandbox.WebScrape.Extraction;

/// <summary>What the sandbox "fetches" for a URL: a fixture page, or a deterministic generated one. Never the network.</summary>
internal static class Pages
{
    public static SitePage Fetch(Uri url)
    {
        if (!FixtureSite.Owns(url)) return GeneratedPage.For(url);
        return FixtureSite.Find(url) ?? new SitePage
        {
            Url = url,
            Title = "Not found",
            Body = [new Block("h1", "Not found"), new Block("p", "The fixture site has no page at this address.")],
        };
    }
}
