using System.Text.Json.Nodes;

namespace Specwright.Sandbox.WebScrape;

/// <summary>What a request body's schema cannot say (the host has checked the schema).</summary>
internal static class RequestBody
{
    /// <summary>A URL field must be absolute http(s): the fetcher cannot open anything else.</summary>
    public static Uri HttpUrl(JsonObject body, string field)
    {
        var text = body[field]!.GetValue<string>();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw WebScrapeError.InvalidRequest($"{field}: must be an http or https URL (got \"{Truncate(text)}\")");
        return url;
    }

    private static string Truncate(string s) => s.Length <= 100 ? s : s[..100] + "…";
}
