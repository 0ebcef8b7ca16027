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

    /// <summary>Credits this call used, where the spec's envelope says.</summary>
    public int? CreditsUsed { get; init; }

    /// <summary>Credits left after this call, where the spec's envelope says.</summary>
    public int? CreditsRemaining { get; init; }

    public override string ToString() => $"{GetType().Name}({StatusCode}, request {RequestId ?? "-"})";
}

/// <summary>A success value with its response's status, headers and request id.</summary>
public sealed class ApiResponse<T> : ApiResponse
{
    public ApiResponse(int statusCode, HttpResponseHeaders headers, T value) : base(statusCode, headers) => Value = value;

    /// <summary>The response's value (an envelope's unwrapped data where the spec has one).</summary>
    public T Value { get; }

    /// <summary>The same response with its value replaced (an envelope unwrapped), keeping status, headers and request id.</summary>
    public ApiResponse<TOther> With<TOther>(TOther value, string? requestId = null, int? creditsUsed = null, int? creditsRemaining = null) =>
        new(StatusCode, Headers, value)
        {
            RequestId = requestId ?? RequestId,
            CreditsUsed = creditsUsed ?? CreditsUsed,
            CreditsRemaining = creditsRemaining ?? CreditsRemaining,
        };

    public static implicit operator T(ApiResponse<T> response) => response.Value;
}
