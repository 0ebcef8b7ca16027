namespace Specwright.Core.Errors;

/// <summary>No usable response: the connection failed, the attempt timed out, or the body was cut or not JSON.</summary>
public class TransportException : SpecwrightException
{
    public TransportException(string message, string? operationId, Exception? inner = null)
        : base(operationId is null ? message : $"{operationId}: {message}", inner) => OperationId = operationId;

    public string? OperationId { get; }
}

/// <summary>An attempt ran past the configured per-attempt timeout (not the caller's cancellation).</summary>
public sealed class ApiTimeoutException : TransportException
{
    public ApiTimeoutException(string? operationId, TimeSpan timeout, Exception? inner = null)
        : this(operationId, timeout, $"no response within the {timeout.TotalSeconds:0.###} s attempt timeout", inner)
    {
    }

    /// <summary>A timeout whose <paramref name="reason"/> says which limit ended the attempt (e.g. the caller's HttpClient.Timeout).</summary>
    public ApiTimeoutException(string? operationId, TimeSpan timeout, string reason, Exception? inner)
        : base(reason, operationId, inner) => Timeout = timeout;

    public TimeSpan Timeout { get; }
}

/// <summary>A success status whose body could not be read as the documented type.</summary>
public sealed class ResponseFormatException : TransportException
{
    public ResponseFormatException(string? operationId, int statusCode, string? requestId, Exception inner)
        : base($"HTTP {statusCode} response body is not the documented JSON ({inner.Message})" +
               (requestId is null ? "" : $" [request id {requestId}]"), operationId, inner)
    {
        StatusCode = statusCode;
        RequestId = requestId;
    }

    public int StatusCode { get; }
    public string? RequestId { get; }
}
