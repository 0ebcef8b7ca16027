using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Specwright.Core.Http;
using Specwright.Generator;
using Specwright.Sandbox.Limits;

namespace Specwright.Sandbox.Hosting;

/// <summary>
/// How a service speaks, where the host needs it: where it is served, its keys, and its errors. Every default comes from the
/// spec (<c>securitySchemes</c>, the error shape of <c>info.x-specwright-errors</c> or the documented error bodies, the codes of
/// <c>x-specwright-error-codes</c>), so a new service needs nothing written; a service whose vendor answers in ways a spec
/// cannot say (a bare 401 body, FastAPI's 422) overrides what differs.
/// </summary>
public class ServiceDialect
{
    private readonly ErrorShapeFact _shape;
    private readonly Dictionary<int, string> _codeByStatus;
    private readonly JsonObject? _scheme;
    private readonly JsonObject _schemes;
    private readonly string? _apiKeyScheme;

    public ServiceDialect(ServiceDescription service, SandboxState state)
    {
        Service = service;
        State = state;
        Spec = Specwright.Sandbox.Spec.SpecDocuments.Load(service.SpecFile);
        _shape = ErrorShapeReader.Read(Spec);
        _codeByStatus = CodesByStatus(Spec);
        _schemes = Spec["components"]?["securitySchemes"] as JsonObject ?? [];
        // The scheme the SDK's ApiKey fills: the first the document's security names, else the first declared.
        _apiKeyScheme = (Spec["security"] as JsonArray)?.OfType<JsonObject>().SelectMany(r => r.Select(kv => kv.Key)).FirstOrDefault(_schemes.ContainsKey)
            ?? _schemes.Select(kv => kv.Key).FirstOrDefault();
        _scheme = _apiKeyScheme is null ? null : _schemes[_apiKeyScheme] as JsonObject;
    }

    public ServiceDescription Service { get; }
    public SandboxState State { get; }
    public JsonObject Spec { get; }

    /// <summary>Where the service is served, below the sandbox's root.</summary>
    public virtual string Prefix => "/" + Service.Name;

    /// <summary>The key the sandbox accepts for this service, shown in its banner.</summary>
    public virtual string DemoKey => $"{Service.Name}_sandbox_demo_key";

    /// <summary>What the banner says about the demo key (how it is sent, its credits).</summary>
    public virtual string DemoKeyNote => SchemeText();

    /// <summary>A request the service answers outside its operations (e.g. a download link its answers contain); true when handled.</summary>
    public virtual Task<bool> ServeOffSpecAsync(HttpContext http) => Task.FromResult(false);

    /// <summary>
    /// The caller of an operation that needs credentials, per the spec's security: the API key's scheme, or the first of the
    /// operation's ways whose every credential was sent (each must be the demo key); throws the service's 401.
    /// </summary>
    public virtual Caller Authenticate(HttpContext http, OperationInfo operation)
    {
        if (operation.Security is not { } ways)
        {
            var key = KeyFrom(http);
            if (string.IsNullOrEmpty(key)) throw Failure(401, "no API key was sent: " + SchemeText());
            return key == DemoKey ? new Caller(key) : throw Failure(401, "invalid API key");
        }
        var wrong = false;
        foreach (var way in ways.Where(w => w.Count > 0))
        {
            var sent = way.Select(scheme => CredentialFrom(http, _schemes[scheme] as JsonObject)).ToList();
            if (sent.Any(string.IsNullOrEmpty)) continue;
            if (sent.All(value => value == DemoKey)) return new Caller(sent[0]!);
            wrong = true;
        }
        if (ways.Any(w => w.Count == 0)) return new Caller("anonymous");
        throw wrong ? Failure(401, "invalid credentials")
            : Failure(401, "no credentials were sent: " + string.Join(", or ", ways.Select(w => string.Join(" and ", w.Select(s => SchemeText(_schemes[s] as JsonObject))))));
    }

    /// <summary>The key as the spec's security scheme sends it: a header, a query parameter, a cookie, or <c>Authorization</c>.</summary>
    protected string? KeyFrom(HttpContext http) => CredentialFrom(http, _scheme);

    /// <summary>One scheme's credential as sent: an apiKey's header, query parameter or cookie; HTTP basic decoded to <c>user:password</c>; a bearer token.</summary>
    private static string? CredentialFrom(HttpContext http, JsonObject? scheme)
    {
        var type = scheme?["type"]?.GetValue<string>();
        var name = scheme?["name"]?.GetValue<string>() ?? "";
        if (type == "apiKey")
            return scheme!["in"]?.GetValue<string>() switch
            {
                "query" => http.Request.Query[name].ToString(),
                "cookie" => http.Request.Cookies[name],
                _ => http.Request.Headers[name].ToString(),
            };
        var word = type == "http" && scheme!["scheme"]?.GetValue<string>() is { Length: > 0 } w ? w : "Bearer";
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(word + " ", StringComparison.OrdinalIgnoreCase)) return null;
        var value = header[(word.Length + 1)..].Trim();
        if (!word.Equals("basic", StringComparison.OrdinalIgnoreCase)) return value;
        try { return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value)); }
        catch (FormatException) { return null; }
    }

    private string SchemeText() => SchemeText(_scheme);

    private static string SchemeText(JsonObject? scheme) => scheme switch
    {
        { } s when s["type"]?.GetValue<string>() == "apiKey" => $"{s["name"]} {s["in"]?.GetValue<string>() switch { "query" => "query parameter", "cookie" => "cookie", _ => "header" }}",
        { } s when s["type"]?.GetValue<string>() == "http" && s["scheme"]?.GetValue<string>() is { Length: > 0 } word && !word.Equals("bearer", StringComparison.OrdinalIgnoreCase) =>
            $"Authorization: {char.ToUpperInvariant(word[0]) + word[1..]} <credentials>",
        _ => "Authorization: Bearer <key>",
    };

    /// <summary>Requests per minute and in flight for this caller.</summary>
    public virtual (int PerMinute, int Concurrent) Limits(Caller caller) => (State.Options.RequestsPerMinute, State.Options.MaxConcurrentRequests);

    public virtual ApiFailure NotFound(string method, string path) => Failure(404, $"no such endpoint: {method} {Prefix}{path}");

    public virtual ApiFailure MethodNotAllowed(string method, string path) => Failure(405, $"method {method} is not allowed on {Prefix}{path}");

    /// <summary>
    /// The issues the sandbox lets through for local use, where the vendor's rule cannot hold on one machine (an HTTPS-only
    /// URL for a receiver on loopback); by default none. Keep this narrow: everything else is the spec's rule.
    /// </summary>
    public virtual IReadOnlyList<ValidationIssue> Enforced(OperationInfo operation, System.Text.Json.Nodes.JsonNode? body, IReadOnlyList<ValidationIssue> issues) => issues;

    /// <summary>A request the spec's schemas refuse: every issue named (400, or 422 where the operation documents only that).</summary>
    public virtual ApiFailure InvalidRequest(OperationInfo operation, IReadOnlyList<ValidationIssue> issues)
    {
        var documented = Specwright.Sandbox.Spec.SpecDocuments.DocumentedStatuses(Spec, operation.Id);
        return Failure(documented.Contains(422) && !documented.Contains(400) ? 422 : 400, string.Join("; ", issues));
    }

    public virtual ApiFailure Throttled(Throttle throttle) =>
        Failure(429, throttle.Reason == RateLimiter.PerMinute ? "too many requests per minute" : "too many requests in flight", throttle.RetryAfter);

    /// <summary>An injected <c>status</c> fault: exactly that status, in the service's error shape.</summary>
    public virtual ApiFailure StatusFault(int status, TimeSpan? retryAfter) =>
        Failure(status, $"{status} {ReasonPhrases(status)} (sandbox fault)", retryAfter);

    /// <summary>An injected <c>error</c> fault of one of the spec's codes.</summary>
    public virtual ApiFailure CodeFault(string code, TimeSpan? retryAfter)
    {
        var status = _codeByStatus.FirstOrDefault(kv => kv.Value == code).Key;
        return new SpecFailure(status > 0 ? status : 500, code, $"injected {code} (sandbox fault)", retryAfter);
    }

    public virtual ApiFailure Internal() => Failure(500, "internal error");

    /// <summary>A failure with the spec's code for <paramref name="status"/> (its <c>x-specwright-error-codes</c>, else the status's name).</summary>
    protected SpecFailure Failure(int status, string message, TimeSpan? retryAfter = null) =>
        new(status, _codeByStatus.TryGetValue(status, out var code) ? code : StatusName(status), message, retryAfter);

    /// <summary>Writes a failure in the spec's error shape (code, message and request id where the shape has them).</summary>
    public virtual Reply Render(ApiFailure failure, string requestId)
    {
        var body = new JsonObject();
        var code = failure is SpecFailure s ? s.Code : StatusName(failure.Status);
        if (_shape.Code.Length == 0 && _shape.Message.Length == 0)
        {
            body["code"] = code;
            body["message"] = failure.Message;
        }
        else
        {
            Set(body, _shape.Code, code);
            Set(body, _shape.Message, failure.Message);
        }
        Set(body, _shape.RequestId, requestId);
        return new Reply(failure.Status, System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()), failure.RetryAfter);
    }

    private static void Set(JsonObject root, string[] path, string value)
    {
        if (path.Length == 0) return;
        var node = root;
        foreach (var part in path[..^1])
            node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
        node[path[^1]] = value;
    }

    private static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static string StatusName(int status) =>
        ReasonPhrases(status) is { Length: > 0 } phrase ? phrase.ToLowerInvariant().Replace(' ', '_').Replace("-", "") : "error";

    /// <summary>The first code <c>x-specwright-error-codes</c> gives each status.</summary>
    private static Dictionary<int, string> CodesByStatus(JsonObject spec)
    {
        var map = new Dictionary<int, string>();
        var codes = (spec["components"]?["schemas"] as JsonObject)?.Select(kv => kv.Value?["x-specwright-error-codes"]).OfType<JsonObject>().FirstOrDefault();
        foreach (var (code, meta) in codes ?? [])
        foreach (var status in meta?["status"] switch { JsonArray a => a.Select(n => (int)n!.GetValue<long>()), JsonValue v => [(int)v.GetValue<long>()], _ => [] })
            map.TryAdd(status, code);
        return map;
    }
}

/// <summary>What kind of thing is wrong: a required value is missing, a value is not of its type, or it breaks a constraint of its schema.</summary>
public enum IssueKind
{
    Missing,
    Type,
    Constraint,
}

/// <summary>One thing wrong with a request: where (<c>path</c>, <c>query</c>, <c>header</c>, <c>body</c>), which field, and what.</summary>
public sealed record ValidationIssue(string In, string Name, string Message, IssueKind Kind = IssueKind.Constraint)
{
    public override string ToString() => Name.Length > 0 ? $"{Name}: {Message}" : Message;
}
