using System.Text.Json;
using Specwright.WebScrape;

namespace Specwright.Sandbox.WebScrape;

/// <summary>
/// Thrown by a handler to answer with the error envelope. The HTTP status is the one the spec documents
/// for the code (<c>x-specwright-error-codes</c>), never chosen here.
/// </summary>
public sealed class WebScrapeError(string code, string message, JsonElement? details = null, TimeSpan? retryAfter = null)
    : Hosting.ApiFailure(message)
{
    public string Code { get; } = code;
    public JsonElement? Details { get; } = details;
    public override TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Answered with the vendor's bare <c>{"error": "..."}</c> body instead of the envelope (a 401 without any key).</summary>
    public bool Bare { get; init; }

    public override int Status => InjectedStatus ?? (WebScrapeErrorFactory.StatusForCode(Code) is var s and > 0
        ? s
        : throw new InvalidOperationException($"'{Code}' is not an error code of openapi/webscrape.yaml."));

    /// <summary>
    /// A <c>status</c> fault's status, answered as asked: a code may have several statuses (service_unavailable is
    /// 502 or 503), and 408 and 504 have no code of the spec, coming from infrastructure in front of the API.
    /// </summary>
    public int? InjectedStatus { get; init; }

    public static WebScrapeError InvalidRequest(string message) => new("invalid_request", message);

    public static WebScrapeError NotFound(string message) => new("not_found", message);

    public static WebScrapeError InsufficientCredits(int balance, int required) => new(
        "insufficient_credits", "not enough credits for this request",
        DetailsOf(new InsufficientCreditsDetails { Balance = balance, Required = required }, WebScrapeJsonContext.Default.InsufficientCreditsDetails));

    public static JsonElement DetailsOf<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.SerializeToElement(value, type);
}
