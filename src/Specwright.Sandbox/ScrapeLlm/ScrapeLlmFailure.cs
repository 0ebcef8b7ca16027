using System.Text.Json;
using Specwright.ScrapeLlm;

namespace Specwright.Sandbox.ScrapeLlm;

/// <summary>
/// Thrown by a handler to answer <c>{"detail": ...}</c>. The status is the one the spec gives the SDK's
/// error kind (<c>x-specwright-error-codes</c>), and each kind's text is the docs' own wording, so the
/// SDK tells the three 429 causes apart exactly as it would against the real API.
/// </summary>
internal sealed class ScrapeLlmFailure : Hosting.ApiFailure
{
    private ScrapeLlmFailure(int status, string message, JsonElement detail) : base(message)
    {
        Status = status;
        Detail = detail;
    }

    public override int Status { get; }

    /// <summary>FastAPI's own answer with no kind of the spec (an unknown path, a wrong method, a proxy's 502): <c>{"detail": text}</c>.</summary>
    public static ScrapeLlmFailure Raw(int status, string text) =>
        new(status, text, JsonSerializer.SerializeToElement(text, Hosting.PrimitiveJson.Default.String));

    /// <summary>The body's <c>detail</c>: a string, or FastAPI's array of issues on 422.</summary>
    public JsonElement Detail { get; }

    /// <summary>An error of one kind, with the docs' text (or <paramref name="message"/>).</summary>
    public static ScrapeLlmFailure Of(string kind, string? message = null)
    {
        var status = ScrapeLlmErrorFactory.StatusForCode(kind) is var s and > 0
            ? s
            : throw new InvalidOperationException($"'{kind}' is not an error kind of openapi/scrapellm.yaml.");
        var text = message ?? DocsText(kind);
        return new ScrapeLlmFailure(status, text, JsonSerializer.SerializeToElement(text, Hosting.PrimitiveJson.Default.String));
    }

    /// <summary>FastAPI's 422 listing every issue: where, which field, what, and pydantic's error type.</summary>
    public static ScrapeLlmFailure Unprocessable(IReadOnlyList<(string In, string Name, string Message, string Type)> issues)
    {
        var list = new System.Text.Json.Nodes.JsonArray();
        foreach (var (where, name, message, type) in issues)
            list.Add((System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
            {
                ["loc"] = new System.Text.Json.Nodes.JsonArray(where, name),
                ["msg"] = message,
                ["type"] = type,
            });
        using var doc = JsonDocument.Parse(list.ToJsonString());
        return new ScrapeLlmFailure(422, string.Join("; ", issues.Select(i => $"{i.Name}: {i.Message}")), doc.RootElement.Clone());
    }

    private static string DocsText(string kind) => kind switch
    {
        "unauthorized" => "Missing API key. Pass your key in the X-API-Key header or as ?api_key= in the URL.",
        "job_expired_or_unknown" => "Job not found. It may have expired (jobs are retained for 24 hours) or the ID is invalid.",
        "provider_timeout" => "The AI provider did not respond within the timeout period. Increase timeout (up to 600 seconds) or retry with bypass_cache=true.",
        "credit_limit_reached" => "Credit limit reached. Upgrade your plan or wait for your billing cycle to reset.",
        "queue_full" => "Scraper queue full. Retry after a few seconds with exponential backoff.",
        "rate_limited" => "Rate limit exceeded. Retry after a moment.",
        "scraper_error" => "Scraper returned an unexpected error.",
        "warming_up" => "Scraper pool is warming up. Retry in a few seconds.",
        "gateway_timeout" => "Network timeout reaching the scraper.",
        _ => "Request validation failed.",
    };
}
