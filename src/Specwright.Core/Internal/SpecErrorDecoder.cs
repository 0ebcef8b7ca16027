using System.ComponentModel;
using System.Text.Json;
using Specwright.Core.Errors;
using Specwright.Core.Http;

namespace Specwright.Core.Internal;

/// <summary>
/// Where an API's error body keeps its parts, as property paths from the root (<c>["error", "code"]</c>):
/// generated from the spec's documented error responses. An empty path means the body has no such part.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // for generated code; not part of the API a caller uses
public sealed record ErrorShape
{
    public IReadOnlyList<string> Code { get; init; } = [];
    public IReadOnlyList<string> Message { get; init; } = [];
    public IReadOnlyList<string> Details { get; init; } = [];
    public IReadOnlyList<string> RequestId { get; init; } = [];
}

/// <summary>
/// The one error decoder of a generated service: reads the code, message, details and request id where its
/// <see cref="ErrorShape"/> says, lets the spec's facts name a code the body lacks (by status and message),
/// and builds the exception the spec generated for the code. A body that is not the documented JSON (a
/// proxy's HTML page) keeps an excerpt, so nothing the server said is lost.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // for generated code; not part of the API a caller uses
public sealed class SpecErrorDecoder(ErrorShape shape, Func<ApiErrorInfo, ApiException> create, Func<int, string?, string?> codeFor) : ErrorDecoder
{
    /// <summary>
    /// For APIs whose 2xx envelope can still say error (<c>x-specwright-envelope.error</c>): the body as JSON when
    /// it does, else null. It is then decoded like an error response.
    /// </summary>
    public Func<object, byte[]?>? ErrorInSuccessBody { get; init; }

    /// <summary>
    /// Codes the spec marks <c>retryable: false</c> on a status the vendor retries (<c>x-specwright-error-codes</c>),
    /// by status: a response of such a status is decoded before the retry decision, and is not retried with one of these codes.
    /// </summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> NotRetryableCodes { get; init; } = new Dictionary<int, IReadOnlyList<string>>();

    public override bool DecidesRetryByCode(int status) => NotRetryableCodes.ContainsKey(status);

    public override bool ForbidsRetry(ApiException error) =>
        error.ErrorCode is { } code && NotRetryableCodes.TryGetValue(error.StatusCode, out var codes) && codes.Contains(code);

    public override ApiException? DecodeSuccessBody(object body, SuccessResponse response) =>
        ErrorInSuccessBody?.Invoke(body) is { } json ? Decode(new ResponseContext(response.OperationId, response.Response, json, response.Time)) : null;

    public override ApiException Decode(ResponseContext response)
    {
        string? code = null, message = null, requestId = null;
        JsonElement? details = null;
        var understood = false;
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            var root = doc.RootElement;
            code = String(root, shape.Code);
            message = String(root, shape.Message);
            // A list where the message should be (FastAPI's 422 `detail`): one line of its issues, the list kept as details.
            if (message is null && shape.Message.Count > 0 && Find(root, shape.Message) is { ValueKind: JsonValueKind.Array } issues)
            {
                message = DescribeIssues(issues);
            }
            // A message path whose parent is itself a string ({"error": "..."}) holds the message there.
            if (message is null && shape.Message.Count > 1 && Find(root, shape.Message.Take(shape.Message.Count - 1)) is { ValueKind: JsonValueKind.String } bare)
                message = bare.GetString();
            requestId = String(root, shape.RequestId);
            if (shape.Details.Count > 0 && Find(root, shape.Details) is { ValueKind: not JsonValueKind.Null } d) details = d.Clone();
            // Without a details field the message's own element is kept as it came (a string, or a list of issues).
            else if (shape.Details.Count == 0 && shape.Message.Count > 0 && Find(root, shape.Message) is { ValueKind: not JsonValueKind.Null } raw) details = raw.Clone();
            understood = code is not null || message is not null;
        }
        catch (JsonException)
        {
        }
        return create(new ApiErrorInfo
        {
            StatusCode = response.StatusCode,
            ErrorCode = code ?? codeFor(response.StatusCode, message),
            ErrorMessage = message,
            Details = details,
            RequestId = requestId ?? response.RequestIdHeader,
            RetryAfter = response.RetryAfter,
            BodyExcerpt = understood ? null : response.BodyExcerpt(),
            OperationId = response.OperationId,
            Headers = response.Response.Headers,
        });
    }

    /// <summary>Issues as one line: <c>query.timeout: Input should be ... ; query.prompt: Field required</c>.</summary>
    private static string DescribeIssues(JsonElement issues)
    {
        var parts = new List<string>();
        foreach (var issue in issues.EnumerateArray())
        {
            if (issue.ValueKind != JsonValueKind.Object)
            {
                parts.Add(issue.ToString());
                continue;
            }
            var where = issue.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array
                ? string.Join('.', loc.EnumerateArray().Select(l => l.ToString())) + ": " : "";
            var what = issue.TryGetProperty("msg", out var msg) || issue.TryGetProperty("message", out msg) ? msg.ToString() : issue.ToString();
            parts.Add(where + what);
        }
        return string.Join("; ", parts);
    }

    private static string? String(JsonElement root, IReadOnlyList<string> path) =>
        path.Count > 0 && Find(root, path) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    private static JsonElement? Find(JsonElement element, IEnumerable<string> path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return null;
        }
        return element;
    }
}
