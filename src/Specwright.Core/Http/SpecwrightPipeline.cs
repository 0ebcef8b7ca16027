using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using Microsoft.Extensions.Logging;
using Specwright.Core.Retry;

namespace Specwright.Core.Http;

/// <summary>What a service's pipeline needs to know.</summary>
public sealed record PipelineSettings(
    string ProductName,
    string ProductVersion,
    string ApiKeyHeader,
    string? ApiKeyScheme,
    string? ApiKey,
    Uri BaseUrl,
    RetryPolicy Retry,
    TimeSpan AttemptTimeout,
    TimeProvider Time,
    ILoggerFactory LoggerFactory)
{
    /// <summary>Gives each request's access token (OAuth2, OpenID Connect) instead of a fixed key.</summary>
    public Auth.IAccessTokenProvider? TokenProvider { get; init; }

    /// <summary>The credentials of a spec's other security schemes, for operations that take them.</summary>
    internal Auth.CredentialSet? Credentials { get; init; }

    /// <summary>Thrown (as a ConfigurationException) by an operation that needs the key when none is configured.</summary>
    public string MissingKeyMessage { get; init; } = "No API key is configured.";

    /// <summary>When set, every attempt waits for a slot of the plan's limits (taken by the retry handler, outside the attempt's timeout).</summary>
    public Options.ClientRateLimit? RateLimit { get; init; }

    /// <summary>The caller's limiter (not disposed with the pipeline).</summary>
    public System.Threading.RateLimiting.RateLimiter? Limiter { get; init; }

    /// <summary>The caller's partitioned limiter (not disposed with the pipeline).</summary>
    public System.Threading.RateLimiting.PartitionedRateLimiter<HttpRequestMessage>? PartitionedLimiter { get; init; }

    /// <summary>With none of the above, learn the limits from the API's 429s.</summary>
    public bool AdaptiveRateLimit { get; init; } = true;

    /// <summary>The one limiter of this pipeline, per the settings: the caller's, the configured limit, the adaptive one, or none.</summary>
    internal RateLimiting.RequestLimiter? CreateLimiter()
    {
        var logger = LoggerFactory.CreateLogger("Specwright.Http");
        if (PartitionedLimiter is not null) return new(null, PartitionedLimiter, owned: false, Time, logger);
        if (Limiter is not null) return new(Limiter, null, owned: false, Time, logger);
        if (RateLimit is not null) return new(RateLimit.CreateLimiter(Time), null, owned: true, Time, logger);
        return AdaptiveRateLimit ? new(new RateLimiting.AdaptiveRateLimiter(Time, logger), null, owned: true, Time, logger) : null;
    }

    /// <summary>The key travels as the query parameter <see cref="ApiKeyHeader"/> instead of a header.</summary>
    public bool ApiKeyInQuery { get; init; }

    /// <summary>The service's error decoder, for retry decisions that depend on the error's code (<see cref="ErrorDecoder.DecidesRetryByCode"/>).</summary>
    public ErrorDecoder? Errors { get; init; }

    /// <summary>The Timeout of the caller's HttpClient the pipeline ends in (set by <see cref="SpecwrightPipeline.CreateInvoker"/>).</summary>
    public TimeSpan? CallerClientTimeout { get; init; }

    public override string ToString() => $"PipelineSettings {{ {ProductName} {ProductVersion}, {BaseUrl}, key: *** }}";
}

/// <summary>
/// Builds the HTTP middleware pipeline, outermost first:
/// retry (ours: vendor rules, client rate limit when configured, per-attempt timeout) -> Kiota RedirectHandler -> user agent (ours)
/// -> API key (ours: only for the API host, so inside the redirect handler) -> transport.
/// </summary>
public static class SpecwrightPipeline
{
    public static IReadOnlyList<DelegatingHandler> CreateHandlers(PipelineSettings s) =>
    [
        new Specwright.Core.Retry.RetryHandler(s.Retry, s.AttemptTimeout, s.Time, s.LoggerFactory.CreateLogger("Specwright.Http"), s.CreateLimiter(), s.Errors,
            s.CallerClientTimeout),
        // A redirect without a Location is answered as it came (the transport types it) instead of Kiota's untyped
        // InvalidOperationException ("Unable to perform redirect as Location Header is not set").
        new RedirectHandler(new RedirectHandlerOption { MaxRedirect = 5, ShouldRedirect = response => response.Headers.Location is not null }),
        new UserAgentHandler(s.ProductName, s.ProductVersion),
        new ApiKeyHandler(s.ApiKeyHeader, s.ApiKeyScheme, s.ApiKey, s.BaseUrl, s.MissingKeyMessage, s.ApiKeyInQuery) { TokenProvider = s.TokenProvider, Credentials = s.Credentials },
    ];

    /// <summary>The whole pipeline over the caller's HttpClient when one is given, else over <paramref name="transport"/>, else over a new socket handler.</summary>
    public static HttpMessageInvoker CreateInvoker(PipelineSettings settings, HttpClient? callerClient, HttpMessageHandler? transport = null)
    {
        HttpMessageHandler inner = callerClient is not null ? new ForwardingHandler(callerClient)
            : transport ?? new SocketsHttpHandler
            {
                AllowAutoRedirect = false, // Kiota's RedirectHandler follows redirects so the key handler sees each hop
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(30),
            };
        if (callerClient is not null && callerClient.Timeout != Timeout.InfiniteTimeSpan) settings = settings with { CallerClientTimeout = callerClient.Timeout };
        foreach (var handler in CreateHandlers(settings).Reverse())
        {
            handler.InnerHandler = inner;
            inner = handler;
        }
        return new HttpMessageInvoker(inner, disposeHandler: true);
    }
}
