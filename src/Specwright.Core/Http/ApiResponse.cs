using System.Net.Http.Headers;

namespace Specwright.Core.Http;

/// <summary>
/// What every call of every service returns: the response's status, headers and request id, read once as it
/// arrived; <see cref="ApiResponse{T}"/> adds the value. The raw response needs no second request.
/// </summary>
public class ApiResponse
{
    public ApiResponse(int statusCode, HttpResponseHeaders headers)
    {
        StatusCode = statusCode;
        Headers = headers ?? throw new ArgumentNullException(nameof(headers));
        RequestId = headers.TryGetValues(RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
    }

    /// <summary>The header a request id is read from when the body carries none.</summary>
    public const string RequestIdHeader = "X-Request-ID";

    public int StatusCode { get; }
    public HttpResponseHeaders Headers { get; }

    /// <summary>The request id from the body (where the spec's envelope has one), else the <c>X-Request-ID</c> header.</summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// What the service's envelope says about the call besides its value, as the service's own generated type (webscrape.ai's
    /// <c>WebScrapeResponseMetadata</c>: its credits), which its namespace also reads as properties (<c>response.CreditsUsed</c>);
    /// null where the spec's envelope says nothing more.
    /// </summary>
    public object? Metadata { get; init; }

    public override string ToString() => $"{GetType().Name}({StatusCode}, request {RequestId ?? "-"})";
}

/// <summary>A success value with its response's status, headers and request id.</summary>
public sealed class ApiResponse<T> : ApiResponse
{
    public ApiResponse(int statusCode, HttpResponseHeaders headers, T value) : base(statusCode, headers) => Value = value;

    /// <summary>The response's value (an envelope's unwrapped data where the spec has one).</summary>
    public T Value { get; }

    /// <summary>The same response with its value replaced (an envelope unwrapped), keeping status, headers, request id and metadata.</summary>
    public ApiResponse<TOther> With<TOther>(TOther value, string? requestId = null, object? metadata = null) =>
        new(StatusCode, Headers, value)
        {
            RequestId = requestId ?? RequestId,
            Metadata = metadata ?? Metadata,
        };

    public static implicit operator T(ApiResponse<T> response) => response.Value;
}
