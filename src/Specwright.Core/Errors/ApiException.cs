using System.Text;
using System.Text.Json;

namespace Specwright.Core.Errors;

/// <summary>
/// The API answered with an error. Services derive one base type from it (e.g. WebScrapeApiException),
/// and generate one subclass per stable error code from their spec.
/// </summary>
public class ApiException : SpecwrightException
{
    public ApiException(ApiErrorInfo error) : base(BuildMessage(error)) => Error = error;

    /// <summary>All decoded facts of the response.</summary>
    public ApiErrorInfo Error { get; }

    public int StatusCode => Error.StatusCode;
    public string? ErrorCode => Error.ErrorCode;
    public string? ErrorMessage => Error.ErrorMessage;
    public string? RequestId => Error.RequestId;
    public JsonElement? Details => Error.Details;
    public TimeSpan? RetryAfter => Error.RetryAfter;

    /// <summary>The start of the raw response body, for bodies that were not the documented error shape.</summary>
    public string? ResponseBody => Error.BodyExcerpt;

    private static string BuildMessage(ApiErrorInfo e)
    {
        var sb = new StringBuilder();
        sb.Append(e.ErrorCode ?? "http_" + e.StatusCode).Append(" (HTTP ").Append(e.StatusCode).Append(')');
        if (e.OperationId is not null) sb.Append(" from ").Append(e.OperationId);
        if (!string.IsNullOrEmpty(e.ErrorMessage)) sb.Append(": ").Append(e.ErrorMessage);
        else if (!string.IsNullOrEmpty(e.BodyExcerpt)) sb.Append(": unexpected body: ").Append(e.BodyExcerpt);
        if (e.RequestId is not null) sb.Append(" [request id ").Append(e.RequestId).Append(']');
        if (e.RetryAfter is { } ra) sb.Append(" (retry after ").Append(ra.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)).Append(" s)");
        return sb.ToString();
    }
}
