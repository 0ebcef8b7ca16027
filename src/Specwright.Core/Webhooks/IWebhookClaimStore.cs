namespace Specwright.Core.Webhooks;

/// <summary>
/// Where receivers record which deliveries they took, so an event delivered more than once (a redelivery, or two
/// receivers behind a load balancer) is handled once. A claim is held for a lease: a receiver that dies while handling
/// lets it expire, and the sender's redelivery is handled then. In memory by default (<see cref="WebhookDeduplicator"/>);
/// shared by a fleet of receivers with Specwright.Redis's <c>RedisWebhookClaimStore</c>.
/// </summary>
public interface IWebhookClaimStore
{
    /// <summary>
    /// The claim (<see cref="WebhookClaimResult.Claim"/>), or why not: the event was handled within the retention
    /// (<see cref="WebhookClaimState.Handled"/>: answer 200, nothing to do), or another receiver is handling it now
    /// (<see cref="WebhookClaimState.InProgress"/>: answer so the sender delivers again later, in case that handling fails).
    /// </summary>
    ValueTask<WebhookClaimResult> TryClaimAsync(string deliveryId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>The event was handled: remember it for <paramref name="retention"/>, so later deliveries are skipped.</summary>
    ValueTask CompleteAsync(WebhookClaim claim, TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>Handling failed in time to be retried: forget the claim (only if it is still this one), so the next delivery is handled.</summary>
    ValueTask ReleaseAsync(WebhookClaim claim, CancellationToken cancellationToken = default);
}

/// <summary>A receiver's hold on one delivery: the id and a token only this claim knows.</summary>
public sealed record WebhookClaim(string DeliveryId, string Token);

/// <summary>Where a delivery stands for the claim store.</summary>
public enum WebhookClaimState
{
    /// <summary>This receiver now holds the claim: handle the event.</summary>
    Claimed,

    /// <summary>Another claim on it is live: someone is handling it right now.</summary>
    InProgress,

    /// <summary>It was handled already.</summary>
    Handled,
}

/// <summary>The outcome of a claim: its state, and the claim when it was taken.</summary>
public readonly record struct WebhookClaimResult(WebhookClaimState State, WebhookClaim? Claim)
{
    public static WebhookClaimResult Taken(WebhookClaim claim) => new(WebhookClaimState.Claimed, claim);
    public static readonly WebhookClaimResult InProgress = new(WebhookClaimState.InProgress, null);
    public static readonly WebhookClaimResult Handled = new(WebhookClaimState.Handled, null);
}
