using System.Text.Json.Nodes;

namespace Specwright.Sandbox.Site;

/// <summary>A block of page content; <see cref="Tag"/> is the HTML element it renders as.</summary>
public sealed record Block(string Tag, string Text, string? Href = null, string? Src = null);

/// <summary>A product of the fixture catalogue.</summary>
public sealed record Product(string Name, string Price, string Slug, string Description)
{
    public decimal Amount => decimal.Parse(Price.TrimStart('$'), System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A page the sandbox can "fetch": its content as a model, rendered to HTML or markdown on demand, plus
/// the facts an extraction reads from it (products, title). PDFs carry their text instead of blocks.
/// </summary>
public sealed record SitePage
{
    public required Uri Url { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public string Language { get; init; } = "en";
    public IReadOnlyList<Block> Body { get; init; } = [];
    public IReadOnlyList<JsonObject> JsonLd { get; init; } = [];
    public Uri? Next { get; init; }
    public Uri? Prev { get; init; }
    public IReadOnlyList<Product> Products { get; init; } = [];

    /// <summary>Markdown text of a PDF; null for HTML pages.</summary>
    public string? PdfText { get; init; }

    public bool IsPdf => PdfText is not null;

    /// <summary>
    /// Every link on the page, made absolute where it parses and kept as written where it does not (as the real
    /// API does with the web's broken hrefs), de-duplicated, in page order.
    /// </summary>
    public IEnumerable<(string Url, string Text)> Links() =>
        Body.Where(b => b.Href is not null)
            .Select(b => (Url: Uri.TryCreate(Url, b.Href, out var absolute) ? absolute.AbsoluteUri : b.Href!, b.Text))
            .DistinctBy(l => l.Url);
}
