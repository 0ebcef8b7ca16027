using System.Text;

namespace Specwright.Sandbox.Site;

/// <summary>What <c>clean: true</c> does: the page as markdown, filtered by include/exclude tags.</summary>
public static class MarkdownRenderer
{
    /// <param name="page">The page.</param>
    /// <param name="includeTags">When non-empty, only blocks of these tags are kept.</param>
    /// <param name="excludeTags">Blocks of these tags are dropped.</param>
    /// <param name="tagTruncate">True replaces images by their alt text; false keeps the image tags.</param>
    public static string Render(SitePage page, IReadOnlyCollection<string> includeTags, IReadOnlyCollection<string> excludeTags, bool tagTruncate)
    {
        var lines = new List<string>();
        foreach (var b in page.Body)
        {
            if (includeTags.Count > 0 && !includeTags.Contains(b.Tag, StringComparer.OrdinalIgnoreCase)) continue;
            if (excludeTags.Contains(b.Tag, StringComparer.OrdinalIgnoreCase)) continue;
            lines.Add(Line(b, tagTruncate));
        }
        return string.Join("\n\n", lines);
    }

    private static string Line(Block b, bool tagTruncate)
    {
        var text = b.Href is null ? b.Text : $"[{b.Text}]({b.Href})";
        return b.Tag switch
        {
            "h1" => "# " + text,
            "h2" => "## " + text,
            "h3" => "### " + text,
            "li" => "- " + text,
            "img" => tagTruncate ? b.Text : HtmlRenderer.Element(b),
            _ => text,
        };
    }
}
