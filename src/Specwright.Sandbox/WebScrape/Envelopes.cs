using System.Text.Json;
using Specwright.Sandbox.Hosting;
using Specwright.WebScrape;

namespace Specwright.Sandbox.WebScrape;

/// <summary>Serialises the three envelopes with the generated models, so field names come from the spec.</summary>
internal static class Envelopes
{
    // The generated context's options, but with UTF-8 text left readable ("—", "<", quotes) as a real API sends it.
    private static readonly WebScrapeJsonContext Json = new(new JsonSerializerOptions(WebScrapeJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static Reply Error(string requestId, WebScrapeError e) => new(e.Status, JsonSerializer.SerializeToUtf8Bytes(
        new ErrorEnvelope
        {
            Status = EnvelopeStatus.Error,
            RequestId = requestId,
            Error = new ApiError { Code = e.Code, Message = e.Message, Details = e.Details },
        }, Json.ErrorEnvelope), e.RetryAfter);

    /// <summary>The bare 401 body the vendor sends when no key was given at all (its SDK fixtures show it).</summary>
    public static Reply BareUnauthorized(string message) =>
        new(401, JsonSerializer.SerializeToUtf8Bytes(new BareError { Error = message }, Json.BareError));

    public static Reply Scrape(string requestId, ScrapeData data, int creditsUsed, int balance) => new(200, JsonSerializer.SerializeToUtf8Bytes(
        new ScrapeEnvelope { Status = EnvelopeStatus.Completed, RequestId = requestId, Data = data, CreditsUsed = creditsUsed, CreditsRemaining = balance },
        Json.ScrapeEnvelope));

    public static Reply SmartScraper(string requestId, SmartScraperData data, int creditsUsed, int balance) => new(200, JsonSerializer.SerializeToUtf8Bytes(
        new SmartScraperEnvelope { Status = EnvelopeStatus.Completed, RequestId = requestId, Data = data, CreditsUsed = creditsUsed, CreditsRemaining = balance },
        Json.SmartScraperEnvelope));

    public static Reply Dispatched(string requestId, SmartBrowseDispatch data) => new(202, JsonSerializer.SerializeToUtf8Bytes(
        new SmartBrowseDispatchEnvelope { Status = EnvelopeStatus.Queued, RequestId = requestId, Data = data },
        Json.SmartBrowseDispatchEnvelope));

    public static Reply Run(string requestId, SmartBrowseRun data, int balance) => new(200, JsonSerializer.SerializeToUtf8Bytes(
        new SmartBrowseRunEnvelope { Status = EnvelopeStatus.Completed, RequestId = requestId, Data = data, CreditsUsed = 0, CreditsRemaining = balance },
        Json.SmartBrowseRunEnvelope));

    public static Reply Usage(string requestId, SmartBrowseUsage data, int balance) => new(200, JsonSerializer.SerializeToUtf8Bytes(
        new SmartBrowseUsageEnvelope { Status = EnvelopeStatus.Completed, RequestId = requestId, Data = data, CreditsUsed = 0, CreditsRemaining = balance },
        Json.SmartBrowseUsageEnvelope));
}
