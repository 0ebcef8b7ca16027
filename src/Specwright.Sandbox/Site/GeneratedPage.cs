using System.Security.Cryptography;
using System.Text;

namespace Specwright.Sandbox.Site;

/// <summary>
/// The page the sandbox pretends to fetch for any URL outside its fixture site: deterministic (the same
/// URL gives the same page), derived from the URL alone, never a network call.
/// </summary>
public static class GeneratedPage
{
    private static readonly string[] Words =
        ["sandbox", "deterministic", "page", "content", "catalogue", "report", "section", "details", "overview", "example"];

    public static SitePage For(Uri url)
    {
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(url.AbsoluteUri));
        var host = url.Host.Length > 0 ? url.Host : "localhost";
        var topic = url.Segments.Length > 1 ? Uri.UnescapeDataString(url.Segments[^1].Trim('/')) : "home";
        if (url.AbsolutePath.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
            return new SitePage { Url = url, Title = topic, PdfText = $"# {topic}\n\n{Sentence(seed, 0)}" };

        return new SitePage
        {
            Url = url,
            Title = $"{host} — {topic}",
            Description = Sentence(seed, 1),
            Body =
            [
                new Block("h1", $"{host} — {topic}"),
                new Block("p", Sentence(seed, 2)),
                new Block("p", Sentence(seed, 3)),
                new Block("a", "About", Href: "/about"),
                new Block("a", "Contact", Href: "/contact"),
            ],
        };
    }

    private static string Sentence(byte[] seed, int n)
    {
        var words = Enumerable.Range(0, 8).Select(i => Words[seed[(n * 8 + i) % seed.Length] % Words.Length]);
        var s = string.Join(' ', words);
        return char.ToUpperInvariant(s[0]) + s[1..] + ".";
    }
}
