using System.Text.Json;
using Specwright.Core.Errors;
using Specwright.Core.Http;

namespace Specwright.WebScrape.Internal;

/// <summary>
/// The one place webscrape.ai errors are decoded: the error envelope, the bare <c>{"error": "..."}</c>
/// 401 body, a non-JSON body (a proxy's HTML page), and a 2xx whose envelope says <c>status: error</c>.
/// </summary>
internal sealed class WebScrapeErrorDecoder : ErrorDecoder
{
    public static readonly WebScrapeErrorDecoder Instance = new();

    public override ApiException Decode(ResponseContext response)
    {
        string? requestId = null;
        ErrorFields fields = default;
        var isJson = false;
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            isJson = true;
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                requestId = root.TryGetProperty("request_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                if (root.TryGetProperty("error", out var error))
                    fields = error.ValueKind == JsonValueKind.String ? new ErrorFields(null, error.GetString(), null) : ErrorFields.From(error);
            }
        }
        catch (JsonException)
        {
        }
        return Create(response, fields, requestId, excerpt: isJson && fields.Message is not null ? null : response.BodyExcerpt());
    }

    public override ApiException? DecodeSuccessBody(object body, SuccessResponse response)
    {
        if (body is not IWebScrapeEnvelope envelope || envelope.Status != EnvelopeStatus.Error) return null;
        var fields = envelope.AdditionalProperties.TryGetValue("error", out var e) && e is JsonElement error ? ErrorFields.From(error) : default;
        return Create(response.ToContext(), fields, envelope.RequestId, excerpt: null);
    }

    private static WebScrapeApiException Create(ResponseContext r, ErrorFields f, string? requestId, string? excerpt) =>
        WebScrapeErrorFactory.Create(new ApiErrorInfo
        {
            StatusCode = r.StatusCode,
            ErrorCode = f.Code ?? WebScrapeErrorFactory.CodeForStatus(r.StatusCode),
            ErrorMessage = f.Message,
            Details = f.Details,
            RequestId = requestId ?? r.RequestIdHeader,
            RetryAfter = r.RetryAfter,
            BodyExcerpt = excerpt,
            OperationId = r.OperationId,
            Headers = r.Response.Headers,
        });

    private readonly record struct ErrorFields(string? Code, string? Message, JsonElement? Details)
    {
        public static ErrorFields From(JsonElement error) => error.ValueKind != JsonValueKind.Object
            ? default
            : new ErrorFields(
                error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
                error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null,
                error.TryGetProperty("details", out var d) && d.ValueKind != JsonValueKind.Null ? d.Clone() : null);
    }
}
