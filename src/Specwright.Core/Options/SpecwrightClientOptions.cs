using Microsoft.Extensions.Logging;
using Specwright.Core.Errors;

namespace Specwright.Core.Options;

/// <summary>Options every service client shares. A service's options class derives from it.</summary>
public abstract class SpecwrightClientOptions
{
    /// <summary>The API key. When null, the service's environment variable is read at client construction.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// For an API whose spec declares OAuth2 or OpenID Connect: gives each request's access token (for example a
    /// <see cref="Auth.ClientCredentialsTokenProvider"/>). When set, <see cref="ApiKey"/> is not needed and not sent.
    /// </summary>
    public Auth.IAccessTokenProvider? TokenProvider { get; set; }

    /// <summary>The API's base URL, including any version segment (e.g. <c>https://api.webscrape.ai/v1</c>).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Retries after the first attempt; 0 disables retrying. Null uses the vendor's default from the spec.</summary>
    public int? MaxRetries { get; set; }

    /// <summary>Time allowed for one attempt to get response headers (retries get their own).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(180);

    /// <summary>Where request, retry and poll events are logged. Keys and auth headers are never logged.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock used for backoff, Retry-After dates and polling (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Your plan's rate limits, enforced on the client so batches wait for a slot instead of drawing 429s. Null: none.</summary>
    public ClientRateLimit? RateLimit { get; set; }

    /// <summary>
    /// Any <see cref="System.Threading.RateLimiting.RateLimiter"/> each attempt takes a permit from (held until the response's headers
    /// arrive): one shared by several clients, or a distributed one that several processes on one key share (Specwright.Redis).
    /// The caller owns it (the client does not dispose it). Instead of <see cref="RateLimit"/>.
    /// </summary>
    public System.Threading.RateLimiting.RateLimiter? Limiter { get; set; }

    /// <summary>Or a limiter partitioned by request (the operation id is in <c>request.Options</c>, <c>Specwright.OperationId</c>). Caller-owned.</summary>
    public System.Threading.RateLimiting.PartitionedRateLimiter<HttpRequestMessage>? PartitionedLimiter { get; set; }

    /// <summary>
    /// With no limit configured, learn the key's limits from the API's 429s (<see cref="RateLimiting.AdaptiveRateLimiter"/>): nothing
    /// held back until a 429; every call paused until its <c>Retry-After</c>, and no longer; a limit a 429 names kept as a ceiling,
    /// lowered to this client's part only when 429s come again within two minutes, and back after a minute without one. True by default.
    /// </summary>
    public bool AdaptiveRateLimit { get; set; } = true;

    /// <summary>The limiter a DI registration keeps for all its client instances (set by the registration, never by callers).</summary>
    internal System.Threading.RateLimiting.RateLimiter? RegistrationLimiter { get; set; }

    /// <summary>
    /// The longest <c>Retry-After</c> a retry waits for (the wait ends early when the call is cancelled). A longer one
    /// is not waited: the error is thrown at once with its <c>RetryAfter</c>, for the caller to schedule. Null: the
    /// spec's <c>retryAfterMaxSeconds</c> (60 s for the three APIs); a batch job may raise it to wait out long limits.
    /// </summary>
    public TimeSpan? MaxRetryAfter { get; set; }

    /// <summary>Never shows the key.</summary>
    public override string ToString() =>
        $"{GetType().Name} {{ BaseUrl = {BaseUrl}, ApiKey = {(ApiKey is null ? "(from environment)" : "***")}, MaxRetries = {MaxRetries?.ToString() ?? "(vendor default)"}, Timeout = {Timeout}, MaxRetryAfter = {MaxRetryAfter?.ToString() ?? "(vendor default)"}, RateLimit = {LimitText(RateLimit, Limiter, PartitionedLimiter, AdaptiveRateLimit)} }}";

    internal static string LimitText(ClientRateLimit? limit, System.Threading.RateLimiting.RateLimiter? limiter,
        System.Threading.RateLimiting.PartitionedRateLimiter<HttpRequestMessage>? partitioned, bool adaptive) =>
        limit?.ToString() ?? (limiter is not null ? limiter.GetType().Name : partitioned is not null ? partitioned.GetType().Name : adaptive ? "adaptive" : "none");

    /// <summary>
    /// Checks the options and resolves the key and base URL; errors name the setting to fix. With
    /// <paramref name="apiKeyOptional"/> (a service with operations that need no key) a missing key is
    /// reported by the first call that needs one instead.
    /// </summary>
    public ResolvedClientOptions Resolve(string serviceName, string apiKeyEnvironmentVariable, string? defaultBaseUrl, int defaultMaxRetries,
        bool apiKeyOptional = false) =>
        Resolve(serviceName, apiKeyEnvironmentVariable, null, defaultBaseUrl, defaultMaxRetries, apiKeyOptional);

    /// <summary>
    /// As above; the base URL is <see cref="BaseUrl"/>, else the <paramref name="baseUrlEnvironmentVariable"/> environment variable
    /// (how an app is pointed at a sandbox without a code change), else <paramref name="defaultBaseUrl"/>.
    /// </summary>
    public ResolvedClientOptions Resolve(string serviceName, string apiKeyEnvironmentVariable, string? baseUrlEnvironmentVariable, string? defaultBaseUrl,
        int defaultMaxRetries, bool apiKeyOptional = false) =>
        Resolve(serviceName, apiKeyEnvironmentVariable, baseUrlEnvironmentVariable, defaultBaseUrl, defaultMaxRetries, apiKeyOptional, null, []);

    /// <summary>
    /// As above, for a spec with several security schemes: <paramref name="apiKeySchemeName"/> is the scheme <see cref="ApiKey"/> fills, and
    /// <paramref name="credentials"/> every other scheme an operation may need, with its option's value (null: its environment variable).
    /// A credential that is missing is reported by the first call that needs it, naming the option and the variable.
    /// </summary>
    public ResolvedClientOptions Resolve(string serviceName, string apiKeyEnvironmentVariable, string? baseUrlEnvironmentVariable, string? defaultBaseUrl,
        int defaultMaxRetries, bool apiKeyOptional, string? apiKeySchemeName, IEnumerable<KeyValuePair<Auth.CredentialScheme, string?>> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var key = ApiKey ?? Environment.GetEnvironmentVariable(apiKeyEnvironmentVariable);
        var missingKey = $"No {serviceName} API key: set {GetType().Name}.ApiKey or the {apiKeyEnvironmentVariable} environment variable.";
        if (TokenProvider is not null) key = null; // tokens come from the provider
        else if (string.IsNullOrWhiteSpace(key))
        {
            if (!apiKeyOptional || ApiKey is not null) throw new ConfigurationException(missingKey);
            key = null;
        }
        if (key is not null && Auth.CredentialSet.Unsendable(key))
            throw new ConfigurationException(
                $"The {serviceName} API key contains whitespace or control characters; check {GetType().Name}.ApiKey or {apiKeyEnvironmentVariable}.");
        var fromEnvironment = BaseUrl is null && baseUrlEnvironmentVariable is not null
            ? Environment.GetEnvironmentVariable(baseUrlEnvironmentVariable) is { Length: > 0 } set ? set.Trim() : null
            : null;
        var baseUrlSetting = fromEnvironment is null ? $"{GetType().Name}.BaseUrl" : $"the {baseUrlEnvironmentVariable} environment variable";
        Uri baseUrl;
        if (BaseUrl is not null) baseUrl = BaseUrl;
        else if (fromEnvironment is not null)
            baseUrl = Uri.TryCreate(fromEnvironment, UriKind.Absolute, out var parsed) ? parsed
                : throw new ConfigurationException($"{baseUrlSetting} must be an absolute http(s) URL, got '{fromEnvironment}'.");
        else if (defaultBaseUrl is not null) baseUrl = new Uri(defaultBaseUrl);
        else
            throw new ConfigurationException($"{GetType().Name}.BaseUrl is required: the {serviceName} spec names no server" +
                (baseUrlEnvironmentVariable is null ? "." : $" (or set the {baseUrlEnvironmentVariable} environment variable)."));
        if (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("http" or "https"))
            throw new ConfigurationException($"{baseUrlSetting} must be an absolute http(s) URL, got '{baseUrl}'.");
        if (MaxRetries is < 0 or > 10)
            throw new ConfigurationException($"{GetType().Name}.MaxRetries must be between 0 and 10, got {MaxRetries}.");
        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
            throw new ConfigurationException($"{GetType().Name}.Timeout must be positive, got {Timeout}.");
        if (MaxRetryAfter is { } maxRetryAfter && (maxRetryAfter < TimeSpan.Zero || maxRetryAfter > TimeSpan.FromDays(1)))
            throw new ConfigurationException($"{GetType().Name}.MaxRetryAfter must be between 0 and 1 day, got {maxRetryAfter}.");
        RateLimit?.Check(GetType().Name);
        if (new object?[] { RateLimit, Limiter, PartitionedLimiter }.Count(x => x is not null) > 1)
            throw new ConfigurationException($"{GetType().Name}: set only one of RateLimit, Limiter and PartitionedLimiter.");
        // One rule for base URLs: operation paths are appended to it, so it must end with '/'.
        if (!baseUrl.AbsolutePath.EndsWith('/')) baseUrl = new Uri(baseUrl.AbsoluteUri + "/");
        return new ResolvedClientOptions(key, baseUrl, MaxRetries ?? defaultMaxRetries, Timeout,
            LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider)
        {
            MissingKeyMessage = missingKey + " Only operations that need no key work without one.",
            RateLimit = RateLimit,
            Limiter = Limiter ?? RegistrationLimiter,
            PartitionedLimiter = PartitionedLimiter,
            AdaptiveRateLimit = AdaptiveRateLimit,
            MaxRetryAfter = MaxRetryAfter,
            TokenProvider = TokenProvider,
            Credentials = apiKeySchemeName is null ? null
                : new Auth.CredentialSet(apiKeySchemeName, $"{GetType().Name}.ApiKey or the {apiKeyEnvironmentVariable} environment variable", GetType().Name, credentials),
        };
    }
}

/// <summary>Checked options. The key is held privately and never printed.</summary>
public sealed class ResolvedClientOptions
{
    internal ResolvedClientOptions(string? apiKey, Uri baseUrl, int maxRetries, TimeSpan timeout, ILoggerFactory loggerFactory, TimeProvider time)
    {
        ApiKey = apiKey;
        BaseUrl = baseUrl;
        MaxRetries = maxRetries;
        Timeout = timeout;
        LoggerFactory = loggerFactory;
        TimeProvider = time;
    }

    internal string? ApiKey { get; }
    internal string MissingKeyMessage { get; init; } = "No API key is configured.";
    internal Auth.IAccessTokenProvider? TokenProvider { get; init; }
    internal Auth.CredentialSet? Credentials { get; init; }

    /// <summary>The client-side rate limit, if one was set.</summary>
    public ClientRateLimit? RateLimit { get; init; }

    /// <summary>The caller's limiter, if one was given.</summary>
    public System.Threading.RateLimiting.RateLimiter? Limiter { get; init; }

    /// <summary>The caller's partitioned limiter, if one was given.</summary>
    public System.Threading.RateLimiting.PartitionedRateLimiter<HttpRequestMessage>? PartitionedLimiter { get; init; }

    /// <summary>Whether a client without a configured limit learns one from the API's 429s.</summary>
    public bool AdaptiveRateLimit { get; init; } = true;

    /// <summary>The longest Retry-After waited for, when the caller set one (else the spec's).</summary>
    public TimeSpan? MaxRetryAfter { get; init; }

    /// <summary>False when no key was configured (allowed only where the service has keyless operations).</summary>
    public bool HasApiKey => ApiKey is not null || TokenProvider is not null;
    public Uri BaseUrl { get; }
    public int MaxRetries { get; }
    public TimeSpan Timeout { get; }
    public ILoggerFactory LoggerFactory { get; }
    public TimeProvider TimeProvider { get; }

    /// <summary>The HTTP pipeline for these options: retry (vendor rules), redirects, user agent, key header.</summary>
    /// <param name="productName">User-Agent product name.</param>
    /// <param name="productVersion">User-Agent product version.</param>
    /// <param name="apiKeyHeader">The header that carries the key.</param>
    /// <param name="apiKeyScheme">A scheme before the key (e.g. Bearer), or null.</param>
    /// <param name="retryRules">The vendor's retry rules, from the spec.</param>
    /// <param name="callerClient">The caller's HttpClient to send through, if any.</param>
    /// <param name="transport">Else the caller's handler to end the pipeline with (e.g. a configured SocketsHttpHandler); else a new one.</param>
    /// <param name="apiKeyInQuery">The key is a query parameter named <paramref name="apiKeyHeader"/>.</param>
    /// <param name="errors">The service's error decoder, which decides retries that depend on an error's code.</param>
    public HttpMessageInvoker CreatePipeline(string productName, string productVersion, string apiKeyHeader, string? apiKeyScheme,
        Retry.RetryRules retryRules, HttpClient? callerClient, HttpMessageHandler? transport = null, bool apiKeyInQuery = false,
        Http.ErrorDecoder? errors = null) =>
        Http.SpecwrightPipeline.CreateInvoker(new Http.PipelineSettings(productName, productVersion, apiKeyHeader, apiKeyScheme, ApiKey,
            BaseUrl, new Retry.RetryPolicy(MaxRetryAfter is { } cap ? retryRules with { RetryAfterCap = cap } : retryRules, MaxRetries), Timeout, TimeProvider, LoggerFactory)
        {
            MissingKeyMessage = MissingKeyMessage,
            RateLimit = RateLimit,
            Limiter = Limiter,
            PartitionedLimiter = PartitionedLimiter,
            AdaptiveRateLimit = AdaptiveRateLimit,
            ApiKeyInQuery = apiKeyInQuery,
            Errors = errors,
            TokenProvider = TokenProvider,
            Credentials = Credentials,
        }, callerClient, transport);

    public override string ToString() => $"BaseUrl = {BaseUrl}, ApiKey = {(ApiKey is null ? "(none)" : "***")}, MaxRetries = {MaxRetries}, Timeout = {Timeout}, MaxRetryAfter = {MaxRetryAfter?.ToString() ?? "(vendor default)"}, RateLimit = {SpecwrightClientOptions.LimitText(RateLimit, Limiter, PartitionedLimiter, AdaptiveRateLimit)}";
}
