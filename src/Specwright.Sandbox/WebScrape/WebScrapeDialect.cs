using Microsoft.AspNetCore.Http;
using Specwright.Core.Http;
using Specwright.Sandbox.Accounts;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.Limits;
using Specwright.WebScrape;

namespace Specwright.Sandbox.WebScrape;

/// <summary>
/// How webscrape.ai answers where its spec cannot say: served under <c>/v1</c> like the real API, keys of the real format
/// with accounts and per-account limits, a bare 401 body when no key is sent (the vendor SDKs' fixtures), and the error
/// envelope with its request id.
/// </summary>
internal sealed class WebScrapeDialect(SandboxState state) : ServiceDialect(WebScrapeSpec.Description, state)
{
    public override string Prefix => "/v1";
    public override string DemoKey => SandboxOptions.DemoWebScrapeKey;
    public override string DemoKeyNote => $"X-API-Key; {State.Options.DemoCredits} credits";

    public override Caller Authenticate(HttpContext http, OperationInfo operation)
    {
        var key = http.Request.Headers[WebScrapeSpec.ApiKeyHeader].ToString();
        if (key.Length == 0)
            throw new WebScrapeError("unauthorized", "missing or invalid credentials — provide a session cookie or X-API-Key header") { Bare = true };
        if (!KeyFormat.IsWellFormed(key))
            throw new WebScrapeError("unauthorized", $"malformed API key: expected {KeyFormat.Prefix} followed by {KeyFormat.SecretLength} base62 characters");
        var account = State.Accounts.Find(key) ?? throw new WebScrapeError("unauthorized", "invalid API key");
        return new Caller(key, account);
    }

    public override (int PerMinute, int Concurrent) Limits(Caller caller)
    {
        var account = (Account)caller.Account!;
        return (account.RequestsPerMinute ?? State.Options.RequestsPerMinute, account.MaxConcurrentRequests ?? State.Options.MaxConcurrentRequests);
    }

    public override ApiFailure NotFound(string method, string path) => WebScrapeError.NotFound($"no such endpoint: {method} {Prefix}{path}");

    public override ApiFailure MethodNotAllowed(string method, string path) => WebScrapeError.InvalidRequest($"method {method} is not allowed on {Prefix}{path}");

    public override ApiFailure InvalidRequest(OperationInfo operation, IReadOnlyList<ValidationIssue> issues) =>
        WebScrapeError.InvalidRequest(string.Join("; ", issues));

    public override ApiFailure Throttled(Throttle t) => new WebScrapeError("rate_limited",
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

    public override ApiFailure StatusFault(int status, TimeSpan? retryAfter)
    {
        if (status == 429)
            return Throttled(new Throttle(RateLimiter.PerMinute, State.Options.RequestsPerMinute, retryAfter ?? TimeSpan.FromSeconds(1)));
        return WebScrapeErrorFactory.CodeForStatus(status) switch
        {
            "internal_error" => new WebScrapeError("internal_error", "internal error", null, retryAfter) { InjectedStatus = status },
            "service_unavailable" => new WebScrapeError("service_unavailable", "extraction service is unreachable", null, retryAfter) { InjectedStatus = status },
            // No code of the spec (a gateway or load balancer answered): named after the status, like the SDKs' fallback.
            _ => new WebScrapeError(status == 408 ? "request_timeout" : "gateway_timeout",
                status == 408 ? "the request took too long to arrive" : "the upstream did not answer in time", null, retryAfter) { InjectedStatus = status },
        };
    }

    public override ApiFailure CodeFault(string code, TimeSpan? retryAfter) => new WebScrapeError(code, $"injected {code} (sandbox fault)", null, retryAfter);

    public override ApiFailure Internal() => new WebScrapeError("internal_error", "internal error");

    public override Reply Render(ApiFailure failure, string requestId) => failure switch
    {
        WebScrapeError { Bare: true } e => Envelopes.BareUnauthorized(e.Message),
        WebScrapeError e => Envelopes.Error(requestId, e),
        _ => base.Render(failure, requestId),
    };
}
