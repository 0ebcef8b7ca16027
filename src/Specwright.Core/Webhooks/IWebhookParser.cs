namespace Specwright.Core.Webhooks;

/// <summary>Reads one service's webhook deliveries: the typed event, and the id that is the same on every redelivery.</summary>
public interface IWebhookParser<TEvent>
{
    /// <summary>The event in <paramref name="body"/>; throws <see cref="WebhookFormatException"/> naming what is wrong.</summary>
    TEvent Parse(ReadOnlySpan<byte> body);

    /// <summary>The key de-duplication uses: equal for two deliveries of the same event.</summary>
    string DeliveryId(TEvent webhookEvent);
}
