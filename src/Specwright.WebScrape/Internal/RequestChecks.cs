namespace Specwright.WebScrape.Internal;

/// <summary>Client-side checks that save a billed round trip; the messages name the field.</summary>
internal static class RequestChecks
{
    public static void Url(Uri? url, string field)
    {
        if (url is null)
            throw new ArgumentException($"{field} is required.", "request");
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            throw new ArgumentException($"{field} must be an absolute http or https URL, got '{url}'.", "request");
    }

    public static void MaxAge(int? maxAge)
    {
        if (maxAge < 0)
            throw new ArgumentOutOfRangeException("request", maxAge, "MaxAge must be 0 or more seconds (omit it to skip the cache).");
    }
}
