using System.Reflection;
using Specwright.Core.Http;
using Specwright.Core.Options;
using Specwright.WebScrape.Internal;

namespace Specwright.WebScrape;

/// <summary>
/// Client of the webscrape.ai API: typed results without envelopes, one exception per error code,
/// the vendor's retry rules, and <see cref="SmartBrowse"/> with a wait-for-run helper.
/// </summary>
public class WebScrapeClient : IDisposable
{
    internal static readonly string SdkVersion =
        typeof(WebScrapeClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly HttpMessageInvoker _invoker;

    /// <summary>A client with its own connection pool.</summary>
    public WebScrapeClient(WebScrapeClientOptions options) : this(options, null, null) { }

    /// <summary>A client that sends through <paramref name="httpClient"/> (its handlers, proxy and pool); Specwright's retry, key and user-agent handlers run on top.</summary>
    public WebScrapeClient(HttpClient httpClient, WebScrapeClientOptions options)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), null) { }

    /// <summary>
    /// A client whose pipeline ends in <paramref name="transport"/> instead of its own socket handler (a
    /// configured <see cref="SocketsHttpHandler"/>, or a test double); disposed with the client.
    /// </summary>
    public WebScrapeClient(HttpMessageHandler transport, WebScrapeClientOptions options)
        : this(options, null, transport ?? throw new ArgumentNullException(nameof(transport))) { }

    private WebScrapeClient(WebScrapeClientOptions options, HttpClient? httpClient, HttpMessageHandler? transport)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Resolve();
        _invoker = Options.CreatePipeline("Specwright.WebScrape", SdkVersion, WebScrapeSpec.ApiKeyHeader, null, WebScrapeSpec.Retry, httpClient, transport: transport);
        Transport = new ApiTransport(_invoker, Options.BaseUrl, WebScrapeJsonContext.Default, WebScrapeErrorDecoder.Instance, "WebScrape", Options.TimeProvider);
        Api = new WebScrapeApi(Transport);
        SmartBrowse = new SmartBrowseClient(this);
    }

    internal WebScrapeApi Api { get; }
    internal ApiTransport Transport { get; }
    internal ResolvedClientOptions Options { get; }

    /// <summary>SmartBrowse: dispatch recipe runs, poll them, wait for them, read plan usage.</summary>
    public SmartBrowseClient SmartBrowse { get; }

    /// <summary>Fetches a URL as HTML, cleaned markdown, or links. 1 credit (+2 with stealth).</summary>
    [Core.SpecOperation("scrape")]
    public virtual async Task<WebScrapeResult<ScrapeData>> ScrapeAsync(ScrapeRequest request, CancellationToken cancellationToken = default)
    {
        RequestChecks.Url(request?.WebsiteUrl, nameof(ScrapeRequest.WebsiteUrl));
        RequestChecks.MaxAge(request!.MaxAge);
        var env = await Api.ScrapeAsync(request, cancellationToken).ConfigureAwait(false);
        Core.Diagnostics.SpecwrightTelemetry.RecordCredits("WebScrape", WebScrapeSpec.Operations.Scrape.Id, env.CreditsUsed);
        return new(env.Data, env.RequestId, env.CreditsUsed, env.CreditsRemaining);
    }

    /// <summary>Extracts structured data with an LLM, validated against <c>OutputSchema</c> when given. 5 credits (+5 with stealth).</summary>
    [Core.SpecOperation("smartscraper")]
    public virtual async Task<WebScrapeResult<SmartScraperData>> SmartScraperAsync(SmartScraperRequest request, CancellationToken cancellationToken = default)
    {
        RequestChecks.Url(request?.WebsiteUrl, nameof(SmartScraperRequest.WebsiteUrl));
        if (string.IsNullOrWhiteSpace(request!.UserPrompt))
            throw new ArgumentException("SmartScraperRequest.UserPrompt is required and must not be empty.", nameof(request));
        RequestChecks.MaxAge(request.MaxAge);
        var env = await Api.SmartscraperAsync(request, cancellationToken).ConfigureAwait(false);
        Core.Diagnostics.SpecwrightTelemetry.RecordCredits("WebScrape", WebScrapeSpec.Operations.Smartscraper.Id, env.CreditsUsed);
        return new(env.Data, env.RequestId, env.CreditsUsed, env.CreditsRemaining);
    }

    public override string ToString() => $"WebScrapeClient({Options})";

    public void Dispose()
    {
        _invoker.Dispose();
        GC.SuppressFinalize(this);
    }
}
