using System.Text;

namespace Specwright.Core.Http;

/// <summary>One response as the error decoder sees it: status, headers, and (for errors) the buffered body.</summary>
public sealed class ResponseContext
{
    public const int ExcerptLength = 512;

    private readonly TimeProvider _time;

    public ResponseContext(string operationId, HttpResponseMessage response, ReadOnlyMemory<byte> body, TimeProvider time)
    {
        OperationId = operationId;
        Response = response;
        Body = body;
        _time = time;
    }

    public string OperationId { get; }
    public HttpResponseMessage Response { get; }
    public int StatusCode => (int)Response.StatusCode;

    /// <summary>The body of an error response (capped); empty for a success, whose body is streamed.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    // Read on demand: a success never needs them, so the hot path does not parse headers.
    public string? RequestIdHeader => Response.Headers.TryGetValues("X-Request-ID", out var ids) ? ids.FirstOrDefault() : null;
    public TimeSpan? RetryAfter => RetryAfterHeader.Parse(Response.Headers.RetryAfter, _time.GetUtcNow());

    /// <summary>The start of the body as text, for messages about bodies that are not the documented shape.</summary>
    public string? BodyExcerpt()
    {
        if (Body.IsEmpty) return null;
        var text = Encoding.UTF8.GetString(Body.Span[..Math.Min(Body.Length, ExcerptLength * 4)]);
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
    }
}
