using System.Net;
using System.Text.Json.Nodes;
using System.Web;

namespace Specwright.Sandbox.Site;

/// <summary>
/// The sandbox's own small website, served under <c>/site</c>: a home page, three listing pages of
/// products with rel=next/prev pagination, one page per product (with JSON-LD), a PDF report, and a page
/// of links that browsers follow but <c>System.Uri</c> refuses (<see cref="OddHrefs"/>).
/// Scrape requests for these URLs (on a loopback host) read the same pages; nothing is fetched.
/// </summary>
public static class FixtureSite
{
    public const string Root = "/site";
    public const int ProductsPerPage = 10;
    public const int ListingPages = 3;
    public const string ReportText = "# Annual report\n\nRevenue grew 12%.";

    /// <summary>The hrefs of <c>/site/odd-links</c>: the web has them, and a scrape must still return them.</summary>
    public static readonly IReadOnlyList<string> OddHrefs =
        ["http://a,b.example/", "http://a+b.example/", "http://example.com:99999/", "http://[::1", "http://", "http://exa mple.com/"];

    public static bool Owns(Uri url) =>
        url.IsLoopback && (url.AbsolutePath == Root || url.AbsolutePath.StartsWith(Root + "/", StringComparison.Ordinal));

    /// <summary>The fixture page at <paramref name="url"/>, or null when the site has no such page (a 404).</summary>
    public static SitePage? Find(Uri url)
    {
        var path = url.AbsolutePath.TrimEnd('/');
        if (path == Root) return Home(url);
        if (path == Root + "/products") return Listing(url, PageNumber(url));
        if (path == Root + "/report.pdf") return new SitePage { Url = url, Title = "Annual report", PdfText = ReportText };
        if (path == Root + "/odd-links")
            return new SitePage { Url = url, Title = "Odd links", Body = [new Block("h1", "Odd links"), .. OddHrefs.Select(h => new Block("a", h, Href: h))] };
        if (path.StartsWith(Root + "/products/", StringComparison.Ordinal)
            && Catalogue.IndexOfSlug(path[(Root.Length + "/products/".Length)..]) is { } i && i < ProductsPerPage * ListingPages)
            return ProductPage(url, Catalogue.At(i));
        return null;
    }

    private static int? PageNumber(Uri url)
    {
        var raw = HttpUtility.ParseQueryString(url.Query)["page"];
        if (raw is null) return 1;
        return int.TryParse(raw, out var n) && n is >= 1 and <= ListingPages ? n : null;
    }

    private static SitePage Home(Uri url) => new()
    {
        Url = url,
        Title = "Sandbox Shop",
        Description = "A tiny shop served by the Specwright sandbox.",
        Body =
        [
            new Block("h1", "Sandbox Shop"),
            new Block("p", "Everything here is served by the sandbox itself; scraping it spends sandbox credits only."),
            new Block("a", "All products", Href: $"{Root}/products"),
            new Block("a", "Annual report (PDF)", Href: $"{Root}/report.pdf"),
        ],
    };

    private static SitePage? Listing(Uri url, int? page)
    {
        if (page is not { } n) return null;
        var products = Catalogue.Range((n - 1) * ProductsPerPage, ProductsPerPage).ToList();
        var body = new List<Block> { new("h1", $"Products — page {n} of {ListingPages}") };
        foreach (var p in products)
        {
            body.Add(new Block("h2", p.Name, Href: $"{Root}/products/{p.Slug}"));
            body.Add(new Block("p", $"Price: {p.Price}"));
            body.Add(new Block("img", p.Name, Src: $"{Root}/img/{p.Slug}.png"));
        }
        Uri? Page(int k) => k is >= 1 and <= ListingPages ? new Uri(url, $"{Root}/products?page={k}") : null;
        if (Page(n - 1) is { } prev) body.Add(new Block("a", "Previous page", Href: prev.PathAndQuery));
        if (Page(n + 1) is { } next) body.Add(new Block("a", "Next page", Href: next.PathAndQuery));
        return new SitePage
        {
            Url = url,
            Title = $"Products (page {n})",
            Description = "All products of the sandbox shop.",
            Body = body,
            Products = products,
            Next = Page(n + 1),
            Prev = Page(n - 1),
            JsonLd =
            [
                new JsonObject
                {
                    ["@type"] = "ItemList",
                    ["itemListElement"] = new JsonArray(products.Select(p => (JsonNode)new JsonObject { ["@type"] = "Product", ["name"] = p.Name }).ToArray()),
                },
            ],
        };
    }

    private static SitePage ProductPage(Uri url, Product p) => new()
    {
        Url = url,
        Title = p.Name,
        Description = p.Description,
        Products = [p],
        Body =
        [
            new Block("h1", p.Name),
            new Block("p", $"Price: {p.Price}"),
            new Block("img", $"Photo of {p.Name}", Src: $"{Root}/img/{p.Slug}.png"),
            new Block("p", p.Description),
            new Block("a", "Back to all products", Href: $"{Root}/products"),
        ],
        JsonLd =
        [
            new JsonObject
            {
                ["@type"] = "Product",
                ["name"] = p.Name,
                ["offers"] = new JsonObject { ["@type"] = "Offer", ["price"] = p.Amount, ["priceCurrency"] = "USD" },
            },
        ],
    };

    /// <summary>Serves the site over HTTP, so what a scrape returns can be compared with the page in a browser.</summary>
    public static async Task ServeAsync(Microsoft.AspNetCore.Http.HttpContext http)
    {
        var req = http.Request;
        var url = new Uri($"{req.Scheme}://{req.Host}{req.PathBase}{req.Path}{req.QueryString}");
        var page = Find(url);
        if (page is null)
        {
            http.Response.StatusCode = (int)HttpStatusCode.NotFound;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("No such page in the sandbox's fixture site.", http.RequestAborted);
            return;
        }
        if (page.IsPdf)
        {
            http.Response.ContentType = "application/pdf";
            await http.Response.Body.WriteAsync(PdfWriter.Write(page.PdfText!), http.RequestAborted);
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(HtmlRenderer.Render(page), http.RequestAborted);
    }
}
