namespace Specwright.Core.Webhooks;

/// <summary>
/// Where receivers record which deliveries they took, so an event delivered more than once (a redelivery, or two
/// receivers behind a load balancer) is handled once. A claim is held for a lease: a receiver that dies while handling
/// lets it expire, and the sender's redelivery is handled then. In memory by default (<see cref="WebhookDeduplicator"/>);
/// shared by a fleet of receivers with Specwright.Redis's <c>RedisWebhookClaimStore</c>.
/// </summary>
public interface IWebhookClaimStore
{
    /// <summary>The claim, or null when another receiver holds it or the event was handled within the retention.</summary>
    ValueTask<WebhookClaim?> TryClaimAsync(string deliveryId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>The event was handled: remember it for <paramref name="retention"/>, so later deliveries are skipped.</summary>
    ValueTask CompleteAsync(WebhookClaim claim, TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>Handling failed in time to be retried: forget the claim (only if it is still this one), so the next delivery is handled.</summary>
    ValueTask ReleaseAsync(WebhookClaim claim, CancellationToken cancellationToken = default);
}

/// <summary>A receiver's hold on one delivery: the id and a token only this claim knows.</summary>
public sealed record WebhookClaim(string DeliveryId, string Token);
