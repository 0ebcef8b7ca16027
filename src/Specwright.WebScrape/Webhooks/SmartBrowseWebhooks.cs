using System.Text.Json;
using Specwright.Core.Webhooks;

namespace Specwright.WebScrape;

/// <summary>Receives the flat payload webscrape.ai POSTs to a recipe's webhook URL when a SmartBrowse run ends.</summary>
public static class SmartBrowseWebhooks
{
    private const string DottedPrefix = "smartbrowse.";

    /// <summary>
    /// Parses a delivery. The dispatch page's dotted labels (<c>smartbrowse.completed</c>) are read as the payload
    /// examples' bare ones (<c>completed</c>). The payload has no event id: a run ends once, so the delivery id is
    /// the run id and the event. Deliveries are not signed: check a custom header you set on the recipe.
    /// </summary>
    public static IWebhookParser<SmartBrowseWebhookPayload> Parser { get; } = new PayloadParser();

    /// <summary>Parses one delivered body; throws <see cref="WebhookFormatException"/> naming what is wrong.</summary>
    public static SmartBrowseWebhookPayload Parse(ReadOnlySpan<byte> body) => Parser.Parse(body);

    private sealed class PayloadParser : IWebhookParser<SmartBrowseWebhookPayload>
    {
        public SmartBrowseWebhookPayload Parse(ReadOnlySpan<byte> body)
        {
            SmartBrowseWebhookPayload? payload;
            try
            {
                payload = JsonSerializer.Deserialize(body, WebScrapeJsonContext.Default.SmartBrowseWebhookPayload);
            }
            catch (JsonException e)
            {
                throw new WebhookFormatException("SmartBrowse", $"the body is not a run-finished payload ({e.Message})", e);
            }
            if (payload is null) throw new WebhookFormatException("SmartBrowse", "the body is JSON null, not a run-finished payload");
            if (string.IsNullOrEmpty(payload.RunId)) throw new WebhookFormatException("SmartBrowse", "the payload has no 'run_id'");
            if (string.IsNullOrEmpty(payload.Event.Value)) throw new WebhookFormatException("SmartBrowse", "the payload has no 'event'");
            if (payload.Event.Value.StartsWith(DottedPrefix, StringComparison.Ordinal))
                payload.Event = new WebhookEvent(payload.Event.Value[DottedPrefix.Length..]);
            return payload;
        }

        public string DeliveryId(SmartBrowseWebhookPayload payload) => $"{payload.RunId}:{payload.Event.Value}";
    }
}
