using System.Text;

namespace Specwright.Core.Http;

/// <summary>One response as the error decoder sees it: status, headers, and (for errors) the buffered body.</summary>
public sealed class ResponseContext
{
    public const int ExcerptLength = 512;

    public ResponseContext(string operationId, HttpResponseMessage response, ReadOnlyMemory<byte> body, TimeProvider time)
    {
        OperationId = operationId;
        Response = response;
        Body = body;
        RequestIdHeader = response.Headers.TryGetValues("X-Request-ID", out var ids) ? ids.FirstOrDefault() : null;
        RetryAfter = RetryAfterHeader.Parse(response.Headers.RetryAfter, time.GetUtcNow());
    }

    public string OperationId { get; }
    public HttpResponseMessage Response { get; }
    public int StatusCode => (int)Response.StatusCode;

    /// <summary>The body of an error response (capped); empty for a success, whose body is streamed.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    public string? RequestIdHeader { get; }
    public TimeSpan? RetryAfter { get; }

    /// <summary>The start of the body as text, for messages about bodies that are not the documented shape.</summary>
    public string? BodyExcerpt()
    {
        if (Body.IsEmpty) return null;
        var text = Encoding.UTF8.GetString(Body.Span[..Math.Min(Body.Length, ExcerptLength * 4)]);
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
    }
}
