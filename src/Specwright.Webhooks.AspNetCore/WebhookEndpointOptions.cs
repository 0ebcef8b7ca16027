using Specwright.Core.Webhooks;

namespace Specwright.Webhooks.AspNetCore;

/// <summary>Settings of one webhook endpoint.</summary>
public sealed class WebhookEndpointOptions
{
    private TimeSpan? _answerWithin;

    /// <summary>
    /// The endpoint answers 200 by then even if the handler is still running (it goes on in the background). Unset, it is a
    /// second before the sender gives up, as the service's spec says (the parser's <c>SenderTimeout</c>: Ittybit's 5 s gives
    /// 4 s), else 4 s.
    /// </summary>
    public TimeSpan AnswerWithin
    {
        get => _answerWithin ?? DefaultAnswerWithin;
        set => _answerWithin = value;
    }

    /// <summary>The time to answer within when <see cref="AnswerWithin"/> is not set.</summary>
    internal static readonly TimeSpan DefaultAnswerWithin = TimeSpan.FromSeconds(4);

    /// <summary>
    /// <see cref="AnswerWithin"/> as set, else from the sender's timeout: a second less, for the network (half of it when that is
    /// under two seconds), else the default.
    /// </summary>
    internal TimeSpan AnswerWithinFor(TimeSpan? senderTimeout) =>
        _answerWithin ?? (senderTimeout is { } t ? (t >= TimeSpan.FromSeconds(2) ? t - TimeSpan.FromSeconds(1) : t / 2) : DefaultAnswerWithin);

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
