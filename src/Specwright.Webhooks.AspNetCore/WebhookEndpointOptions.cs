using Specwright.Core.Webhooks;

namespace Specwright.Webhooks.AspNetCore;

/// <summary>Settings of one webhook endpoint.</summary>
public sealed class WebhookEndpointOptions
{
    /// <summary>
    /// The endpoint answers 200 by then even if the handler is still running (it goes on in the
    /// background). Senders give up at 5 s (Ittybit's rule); the default leaves a second for the network.
    /// </summary>
    public TimeSpan AnswerWithin { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Remembers delivery ids so a redelivered event is handled once. One per endpoint by default.</summary>
    public WebhookDeduplicator? Deduplicator { get; set; }

    /// <summary>
    /// Or a store several receivers share (Specwright.Redis's <c>RedisWebhookClaimStore</c>), so each event is handled once
    /// by the whole fleet. Takes precedence over <see cref="Deduplicator"/>.
    /// </summary>
    public IWebhookClaimStore? ClaimStore { get; set; }

    /// <summary>
    /// How long a claim holds while its handler runs: a receiver that dies mid-handling lets it expire, and the next delivery is
    /// handled. Longer than the slowest handler (a handler still running when it expires could meet a redelivery).
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a handled event is remembered (the sender's redelivery window, with room).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Larger bodies are refused with 413.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The clock of <see cref="AnswerWithin"/> (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
