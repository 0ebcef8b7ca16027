using Microsoft.AspNetCore.Http;
using Specwright.Core.Http;
using Specwright.Ittybit;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.Limits;

namespace Specwright.Sandbox.Ittybit;

/// <summary>
/// How Ittybit answers where its spec cannot say: bearer keys per project (missing -> <c>token_missing</c>, unknown ->
/// <c>token_invalid</c>, an organisation key -> <c>project_required</c>), 429 <c>rate_limited</c> with Retry-After, and
/// <c>{"kind", "message"}</c> errors in the docs' wording, from its edge too (a 502 or 503 without a documented kind).
/// </summary>
internal sealed class IttybitDialect(SandboxState state) : ServiceDialect(IttybitSpec.Description, state)
{
    private const string BearerPrefix = "Bearer ";

    public override string Prefix => "/ittybit";
    public override string DemoKey => SandboxOptions.DemoIttybitKey;
    public override string DemoKeyNote => $"Bearer; {State.Options.IttybitDemoCredits} credits";

    public override Caller Authenticate(HttpContext http, OperationInfo operation)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.Length == 0) throw IttybitFailure.Of("token_missing");
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            throw IttybitFailure.Of("token_invalid", "The Authorization header must be 'Bearer <key>'.");
        var key = header[BearerPrefix.Length..].Trim();
        if (State.IttybitProjects.IsOrgKey(key)) throw IttybitFailure.Of("project_required");
        return new Caller(key, State.IttybitProjects.Find(key) ?? throw IttybitFailure.Of("token_invalid"));
    }

    public override ApiFailure NotFound(string method, string path) => new IttybitFailure("not_found", "The requested resource was not found.", 404);

    public override ApiFailure MethodNotAllowed(string method, string path) =>
        new IttybitFailure("method_not_allowed", $"{method} is not supported for this endpoint.", 405);

    /// <summary>A webhook receiver on loopback may be plain HTTP (local receivers cannot be HTTPS); the handler checks the rest.</summary>
    public override IReadOnlyList<Hosting.ValidationIssue> Enforced(OperationInfo operation, System.Text.Json.Nodes.JsonNode? body,
        IReadOnlyList<Hosting.ValidationIssue> issues) =>
        body?["url"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var url) && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
            ? issues.Where(i => !i.Message.StartsWith("url: ", StringComparison.Ordinal)).ToList()
            : issues;

    public override ApiFailure InvalidRequest(OperationInfo operation, IReadOnlyList<Hosting.ValidationIssue> issues) =>
        IttybitFailure.Of("request_invalid", string.Join("; ", issues));

    public override ApiFailure Throttled(Throttle t) => IttybitFailure.Of("rate_limited", null, t.RetryAfter);

    // A status without a documented kind (502, 503, ...) still comes as {kind, message} from Ittybit's edge.
    public override ApiFailure StatusFault(int status, TimeSpan? retryAfter) =>
        IttybitErrorFactory.CodeForStatus(status) is { } kind
            ? IttybitFailure.Of(kind, null, retryAfter)
            : new IttybitFailure("service_unavailable", "The server is temporarily unable to handle requests. Please try again later.", status, retryAfter);

    public override ApiFailure CodeFault(string code, TimeSpan? retryAfter) => IttybitFailure.Of(code, null, retryAfter);

    public override ApiFailure Internal() => IttybitFailure.Of("internal_error");

    public override Reply Render(ApiFailure failure, string requestId) => failure is IttybitFailure e ? Json.Error(e) : base.Render(failure, requestId);
}
