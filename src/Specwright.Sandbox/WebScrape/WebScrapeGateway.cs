using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Specwright.Sandbox.Accounts;
using Specwright.Sandbox.Faults;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.Limits;
using Specwright.WebScrape;
using Ops = Specwright.WebScrape.WebScrapeSpec.Operations;

namespace Specwright.Sandbox.WebScrape;

/// <summary>
/// Everything under <c>/v1</c>: request id, routing by the spec's paths, injected faults, the key,
/// rate limits, then the operation. Whatever goes wrong becomes a documented error envelope, never a bare 500.
/// </summary>
internal sealed class WebScrapeGateway
{
    public const string Prefix = "/v1";
    private const string Service = "webscrape";

    private readonly SandboxState _state;
    private readonly ILogger _logger;
    private readonly RouteTable<Func<ApiCall, Task<Reply>>> _routes;

    public WebScrapeGateway(SandboxState state, ILogger logger)
    {
        _state = state;
        _logger = logger;
        var scrape = new ScrapeHandlers(state);
        var browse = new SmartBrowseHandlers(state);
        _routes = new RouteTable<Func<ApiCall, Task<Reply>>>()
            .Add(Ops.Scrape.Method, Ops.Scrape.Path, Ops.Scrape.Id, scrape.ScrapeAsync)
            .Add(Ops.Smartscraper.Method, Ops.Smartscraper.Path, Ops.Smartscraper.Id, scrape.SmartScraperAsync)
            .Add(Ops.DispatchSmartBrowseRun.Method, Ops.DispatchSmartBrowseRun.Path, Ops.DispatchSmartBrowseRun.Id, browse.DispatchAsync)
            .Add(Ops.GetSmartBrowseRun.Method, Ops.GetSmartBrowseRun.Path, Ops.GetSmartBrowseRun.Id, browse.GetRunAsync)
            .Add(Ops.GetSmartBrowseUsage.Method, Ops.GetSmartBrowseUsage.Path, Ops.GetSmartBrowseUsage.Id, browse.UsageAsync);
    }

    public Task HandleAsync(HttpContext http)
    {
        var requestId = Ids.RequestId();
        http.Response.Headers["X-Request-ID"] = requestId;
        var method = http.Request.Method;
        var path = http.Request.Path.Value ?? "/";
        var matched = _routes.TryMatch(method, path, out var operationId, out var handler, out var values);
        var fault = matched ? _state.Faults.Take(Service, operationId) : null;
        return Delivery.DeliverAsync(http, _state, Service, Spec.SpecDocuments.WebScrape, matched ? operationId : null, fault,
            () => ReplyAsync(http, requestId, method, path, matched, operationId, handler, values, fault));
    }

    private async Task<Reply> ReplyAsync(HttpContext http, string requestId, string method, string path, bool matched,
        string operationId, Func<ApiCall, Task<Reply>> handler, Dictionary<string, string> values, FaultRule? fault)
    {
        if (!matched)
            return Envelopes.Error(requestId, _routes.PathExists(path)
                ? WebScrapeError.InvalidRequest($"method {method} is not allowed on {Prefix}{path}")
                : WebScrapeError.NotFound($"no such endpoint: {method} {Prefix}{path}"));

        switch (fault?.Kind)
        {
            case "status":
                return Envelopes.Error(requestId, FaultError(fault.Status!.Value, fault.RetryAfter));
            case "error":
                return Envelopes.Error(requestId, new WebScrapeError(fault.Code!, $"injected {fault.Code} (sandbox fault)", null,
                    fault.RetryAfter is { } ra ? TimeSpan.FromSeconds(ra) : null));
        }

        var (account, refusal) = Authenticate(http, requestId);
        if (account is null) return refusal!;
        var throttle = _state.Limiter.TryEnter(account.Key,
            account.RequestsPerMinute ?? _state.Options.RequestsPerMinute,
            account.MaxConcurrentRequests ?? _state.Options.MaxConcurrentRequests, out var lease);
        if (throttle is not null) return Envelopes.Error(requestId, Throttled(throttle));
        using (lease)
        {
            try
            {
                if (fault is not null) await fault.DelayIfAskedAsync(http.RequestAborted);
                return await handler(new ApiCall(http, requestId, account, operationId, values));
            }
            catch (WebScrapeError e)
            {
                return Envelopes.Error(requestId, e);
            }
            catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
            {
                _logger.LogError(e, "{Operation} failed in the sandbox (request {RequestId})", operationId, requestId);
                return Envelopes.Error(requestId, new WebScrapeError("internal_error", "internal error"));
            }
        }
    }

    /// <summary>The key's account, or the 401 to send. A missing key gets the vendor's bare body, as its SDK fixtures show.</summary>
    private (Account? Account, Reply? Refusal) Authenticate(HttpContext http, string requestId)
    {
        var key = http.Request.Headers[WebScrapeSpec.ApiKeyHeader].ToString();
        if (key.Length == 0)
            return (null, Envelopes.BareUnauthorized("missing or invalid credentials — provide a session cookie or X-API-Key header"));
        if (!KeyFormat.IsWellFormed(key))
            return (null, Envelopes.Error(requestId, new WebScrapeError("unauthorized",
                $"malformed API key: expected {KeyFormat.Prefix} followed by {KeyFormat.SecretLength} base62 characters")));
        var account = _state.Accounts.Find(key);
        return account is null ? (null, Envelopes.Error(requestId, new WebScrapeError("unauthorized", "invalid API key"))) : (account, null);
    }

    private static WebScrapeError Throttled(Throttle t) => new("rate_limited",
        t.Reason == RateLimiter.PerMinute
            ? "request rate exceeds plan limit — upgrade plan or slow down"
            : "too many in-flight requests for plan — upgrade plan or wait",
        WebScrapeError.DetailsOf(new RateLimitedDetails
        {
            Reason = t.Reason,
            LimitPerMin = t.Reason == RateLimiter.PerMinute ? t.Limit : null,
            MaxConcurrent = t.Reason == RateLimiter.Concurrent ? t.Limit : null,
        }, WebScrapeJsonContext.Default.RateLimitedDetails),
        t.RetryAfter);

    private WebScrapeError FaultError(int status, int? retryAfter)
    {
        var wait = retryAfter is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        if (status == 429)
            return Throttled(new Throttle(RateLimiter.PerMinute, _state.Options.RequestsPerMinute, wait ?? TimeSpan.FromSeconds(1)));
        return WebScrapeErrorFactory.CodeForStatus(status) switch
        {
            "internal_error" => new WebScrapeError("internal_error", "internal error", null, wait) { InjectedStatus = status },
            "service_unavailable" => new WebScrapeError("service_unavailable", "extraction service is unreachable", null, wait) { InjectedStatus = status },
            // No code of the spec (a gateway or load balancer answered): named after the status, like the SDKs' fallback.
            _ => new WebScrapeError(status == 408 ? "request_timeout" : "gateway_timeout",
                status == 408 ? "the request took too long to arrive" : "the upstream did not answer in time", null, wait) { InjectedStatus = status },
        };
    }
}
