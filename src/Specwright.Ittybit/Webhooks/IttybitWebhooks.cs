using System.Text.Json;
using Specwright.Core.Webhooks;

namespace Specwright.Ittybit;

/// <summary>Receives events delivered to an Ittybit webhook endpoint (the body is the event object).</summary>
public static class IttybitWebhooks
{
    /// <summary>
    /// Parses a delivery into a typed <see cref="Event"/> (its <see cref="Event.Task"/> or <see cref="Event.Run"/> by topic);
    /// the delivery id is the event id, the same on every retry. Use with <c>MapSpecwrightWebhook</c>.
    /// </summary>
    public static IWebhookParser<Event> Parser { get; } = new EventParser();

    /// <summary>Parses one delivered body; throws <see cref="WebhookFormatException"/> naming what is wrong.</summary>
    public static Event Parse(ReadOnlySpan<byte> body) => Parser.Parse(body);

    private sealed class EventParser : IWebhookParser<Event>
    {
        public Event Parse(ReadOnlySpan<byte> body)
        {
            Event? e;
            try
            {
                e = JsonSerializer.Deserialize(body, IttybitJsonContext.Default.Event);
                if (e is null) throw Problem("the body is JSON null, not an event object");
                if (string.IsNullOrEmpty(e.Id)) throw Problem("the event has no 'id'");
                if (e.Object != "event") throw Problem($"'object' is '{e.Object}', expected 'event'");
                if (string.IsNullOrEmpty(e.Kind.Value)) throw Problem("the event has no 'kind'");
                // Typed now, so a handler never meets a payload that does not match its topic.
                _ = e.Task;
                _ = e.Run;
            }
            catch (JsonException x)
            {
                throw new WebhookFormatException("Ittybit", $"the body is not an event object ({x.Message})", x);
            }
            return e;
        }

        public string DeliveryId(Event webhookEvent) => webhookEvent.Id;

        public TimeSpan? SenderTimeout => IttybitSpec.WebhookSenderTimeout;

        private static WebhookFormatException Problem(string what) => new("Ittybit", what);
    }
}
