using Specwright.Core.Options;

namespace Specwright.WebScrape;

/// <summary>
/// Options of <see cref="WebScrapeClient"/>. <c>ApiKey</c> falls back to the <c>WEBSCRAPE_API_KEY</c>
/// environment variable; <c>BaseUrl</c> defaults to <c>https://api.webscrape.ai/v1</c>; <c>MaxRetries</c>
/// to 2; <c>Timeout</c> (per attempt) to 180 s.
/// </summary>
public sealed class WebScrapeClientOptions : SpecwrightClientOptions
{
    /// <summary>Checks these options against the spec's defaults (key variable, base URL, retries).</summary>
    internal ResolvedClientOptions Resolve() =>
        Resolve("webscrape.ai", WebScrapeSpec.ApiKeyEnvironmentVariable, WebScrapeSpec.DefaultBaseUrl, WebScrapeSpec.Retry.MaxRetries);
}
