using Microsoft.AspNetCore.Http;
using Specwright.Core.Http;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.Limits;
using Specwright.ScrapeLlm;

namespace Specwright.Sandbox.ScrapeLlm;

/// <summary>
/// How ScrapeLLM (a FastAPI service) answers where its spec cannot say: the key in a header or <c>?api_key=</c>,
/// <c>{"detail": ...}</c> errors with the docs' wording, FastAPI's 422 issue list for a missing or mistyped parameter,
/// its own 404 and 405, no Retry-After, and the hosted markdown copies its answers link to.
/// </summary>
internal sealed class ScrapeLlmDialect(SandboxState state) : ServiceDialect(ScrapeLlmSpec.Description, state)
{
    public override string Prefix => "/scrapellm";
    public override string DemoKey => SandboxOptions.DemoScrapeLlmKey;
    public override string DemoKeyNote => $"X-API-Key or ?api_key=; {State.Options.ScrapeLlmDemoCredits} credits";

    public override async Task<bool> ServeOffSpecAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (http.Request.Method != "GET" || !path.StartsWith("/md/", StringComparison.Ordinal) || !path.EndsWith(".md", StringComparison.Ordinal)) return false;
        await ReplyWriter.WriteAsync(http, State.ScrapeLlmHandlers.Markdown(path[4..^3]) ?? Render(ScrapeLlmFailure.Of("job_expired_or_unknown", "Not found."), ""), truncate: false);
        return true;
    }

    public override Caller Authenticate(HttpContext http, OperationInfo operation)
    {
        var key = http.Request.Headers[ScrapeLlmSpec.ApiKeyHeader].ToString();
        if (key.Length == 0) key = http.Request.Query["api_key"].ToString();
        if (key.Length == 0) throw ScrapeLlmFailure.Of("unauthorized");
        var account = State.ScrapeLlmAccounts.Find(key)
                      ?? throw ScrapeLlmFailure.Of("unauthorized", "Invalid API key. Check the key in your dashboard or regenerate it.");
        return new Caller(key, account);
    }

    public override ApiFailure NotFound(string method, string path) => ScrapeLlmFailure.Raw(404, "Not Found");

    public override ApiFailure MethodNotAllowed(string method, string path) => ScrapeLlmFailure.Raw(405, "Method Not Allowed");

    /// <summary>FastAPI's 422 for missing or mistyped parameters; a value outside the spec's constraints is the service's 400.</summary>
    public override ApiFailure InvalidRequest(OperationInfo operation, IReadOnlyList<Hosting.ValidationIssue> issues)
    {
        var framework = issues.Where(i => i.Kind != IssueKind.Constraint).ToList();
        return framework.Count > 0
            ? ScrapeLlmFailure.Unprocessable(framework.Select(i => (i.In, i.Name, i.Kind == IssueKind.Missing ? "Field required" : $"Input should be valid: {i.Message}",
                i.Kind == IssueKind.Missing ? "missing" : "parsing")).ToList())
            : ScrapeLlmFailure.Of("invalid_request", string.Join("; ", issues));
    }

    // No Retry-After: the vendor documents none.
    public override ApiFailure Throttled(Throttle t) => ScrapeLlmFailure.Of(t.Reason == RateLimiter.PerMinute ? "rate_limited" : "queue_full");

    // A status ScrapeLLM does not document (502) comes from infrastructure: FastAPI-shaped, off contract.
    public override ApiFailure StatusFault(int status, TimeSpan? retryAfter) =>
        ScrapeLlmErrorFactory.CodeFor(status, null) is { } kind
            ? ScrapeLlmFailure.Of(kind)
            : ScrapeLlmFailure.Raw(status, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status));

    public override ApiFailure CodeFault(string code, TimeSpan? retryAfter) => ScrapeLlmFailure.Of(code);

    public override ApiFailure Internal() => ScrapeLlmFailure.Of("scraper_error");

    public override Reply Render(ApiFailure failure, string requestId) => failure is ScrapeLlmFailure e
        ? ScrapeLlmHandlers.Json(e.Status, ScrapeLlmHandlers.Wrap(e.Detail))
        : base.Render(failure, requestId);
}
