using System.Text;
using System.Text.Json;
using static System.Net.WebUtility;

namespace Specwright.Sandbox.Site;

/// <summary>A page as the raw HTML a fetch would return.</summary>
public static class HtmlRenderer
{
    public static string Render(SitePage page)
    {
        var sb = new StringBuilder("<!doctype html>");
        sb.Append($"<html lang=\"{HtmlEncode(page.Language)}\"><head><meta charset=\"utf-8\"><title>{HtmlEncode(page.Title)}</title>");
        if (page.Description is not null) sb.Append($"<meta name=\"description\" content=\"{HtmlEncode(page.Description)}\">");
        if (page.Prev is not null) sb.Append($"<link rel=\"prev\" href=\"{HtmlEncode(page.Prev.AbsoluteUri)}\">");
        if (page.Next is not null) sb.Append($"<link rel=\"next\" href=\"{HtmlEncode(page.Next.AbsoluteUri)}\">");
        foreach (var ld in page.JsonLd)
            sb.Append("<script type=\"application/ld+json\">").Append(ld.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default })).Append("</script>");
        sb.Append("</head><body>");
        foreach (var b in page.Body) sb.Append(Element(b));
        return sb.Append("</body></html>").ToString();
    }

    public static string Element(Block b) => b switch
    {
        { Tag: "img" } => $"<img src=\"{HtmlEncode(b.Src)}\" alt=\"{HtmlEncode(b.Text)}\">",
        { Href: not null, Tag: "a" } => $"<p><a href=\"{HtmlEncode(b.Href)}\">{HtmlEncode(b.Text)}</a></p>",
        { Href: not null } => $"<{b.Tag}><a href=\"{HtmlEncode(b.Href)}\">{HtmlEncode(b.Text)}</a></{b.Tag}>",
        _ => $"<{b.Tag}>{HtmlEncode(b.Text)}</{b.Tag}>",
    };
}
