using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Specwright.Core.Errors;

/// <summary>Everything known about one error response, decoded once by the service's error decoder.</summary>
public sealed record ApiErrorInfo
{
    /// <summary>The HTTP status code.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The stable machine-readable code (from the body, or implied by the status); null when neither says.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The vendor's human-readable message.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The request id (body first, else the response header).</summary>
    public string? RequestId { get; init; }

    /// <summary>Structured details as sent, when any.</summary>
    public JsonElement? Details { get; init; }

    /// <summary>The server's Retry-After, already resolved to a delay.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The start of the raw body (size-capped), always kept for diagnosis.</summary>
    public string? BodyExcerpt { get; init; }

    /// <summary>The operation that failed (the spec's operationId).</summary>
    public string? OperationId { get; init; }

    /// <summary>Response headers (never request headers, so no credential is kept).</summary>
    public HttpResponseHeaders? Headers { get; init; }

    /// <summary>The details as their documented type; null when absent or not of that shape.</summary>
    public T? DetailsAs<T>(JsonTypeInfo<T> typeInfo) where T : class
    {
        if (Details is not { ValueKind: JsonValueKind.Object } details) return null;
        try
        {
            return details.Deserialize(typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
