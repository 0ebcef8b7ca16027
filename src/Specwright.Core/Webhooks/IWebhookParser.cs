namespace Specwright.Core.Webhooks;

/// <summary>Reads one service's webhook deliveries: the typed event, and the id that is the same on every redelivery.</summary>
public interface IWebhookParser<TEvent>
{
    /// <summary>The event in <paramref name="body"/>; throws <see cref="WebhookFormatException"/> naming what is wrong.</summary>
    TEvent Parse(ReadOnlySpan<byte> body);

    /// <summary>The key de-duplication uses: equal for two deliveries of the same event.</summary>
    string DeliveryId(TEvent webhookEvent);

    /// <summary>
    /// How long the sender waits for an answer before it counts a delivery failed and retries, as the service's spec says
    /// (<c>x-specwright-delivery.answerWithinSeconds</c> on its webhook); null when it says nothing. A receiver answers before it.
    /// </summary>
    TimeSpan? SenderTimeout => null;
}
