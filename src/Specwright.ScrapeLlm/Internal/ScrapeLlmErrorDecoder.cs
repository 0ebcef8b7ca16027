using System.Text;
using System.Text.Json;
using Specwright.Core.Errors;
using Specwright.Core.Http;

namespace Specwright.ScrapeLlm.Internal;

/// <summary>
/// The one place ScrapeLLM errors are decoded. The body is <c>{"detail": "..."}</c>, or FastAPI's
/// <c>{"detail": [{loc, msg, type}]}</c> on 422. The API has no error codes: the kind comes from the status
/// and, where statuses are shared (429), from the spec's phrases in the detail. The raw <c>detail</c> is kept
/// in <see cref="ApiException.Details"/>; a body that is not this shape keeps its excerpt.
/// </summary>
internal sealed class ScrapeLlmErrorDecoder : ErrorDecoder
{
    public static readonly ScrapeLlmErrorDecoder Instance = new();

    public override ApiException Decode(ResponseContext response)
    {
        JsonElement? detail = null;
        string? message = null;
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("detail", out var d))
            {
                detail = d.Clone();
                message = d.ValueKind switch
                {
                    JsonValueKind.String => d.GetString(),
                    JsonValueKind.Array => DescribeIssues(d),
                    _ => null,
                };
            }
        }
        catch (JsonException)
        {
        }
        return ScrapeLlmErrorFactory.Create(new ApiErrorInfo
        {
            StatusCode = response.StatusCode,
            ErrorCode = ScrapeLlmErrorFactory.CodeFor(response.StatusCode, message),
            ErrorMessage = message,
            Details = detail,
            RetryAfter = response.RetryAfter,
            BodyExcerpt = message is null ? response.BodyExcerpt() : null,
            OperationId = response.OperationId,
            Headers = response.Response.Headers,
        });
    }

    /// <summary>FastAPI issues as one line: <c>query.timeout: Input should be ... ; query.prompt: Field required</c>.</summary>
    private static string DescribeIssues(JsonElement issues)
    {
        var sb = new StringBuilder();
        foreach (var issue in issues.EnumerateArray())
        {
            if (sb.Length > 0) sb.Append("; ");
            if (issue.ValueKind != JsonValueKind.Object)
            {
                sb.Append(issue.ToString());
                continue;
            }
            if (issue.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array)
                sb.AppendJoin('.', loc.EnumerateArray().Select(l => l.ToString())).Append(": ");
            sb.Append(issue.TryGetProperty("msg", out var msg) ? msg.ToString() : issue.ToString());
        }
        return sb.ToString();
    }
}
