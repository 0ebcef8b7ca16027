namespace Specwright.Core.Webhooks;

/// <summary>
/// Remembers which deliveries were taken, so a redelivered event is handled once. An id is claimed when
/// its handling starts; <see cref="Release"/> forgets it again (handling failed in time to be retried).
/// Ids are kept for <see cref="Retention"/> and at most <see cref="Capacity"/> of them, oldest dropped first.
/// In memory, per process: several instances behind a load balancer need a shared store instead
/// (<see cref="IWebhookClaimStore"/>, e.g. Specwright.Redis's <c>RedisWebhookClaimStore</c>).
/// </summary>
public sealed class WebhookDeduplicator : IWebhookClaimStore
{
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal); // id -> its claim's number
    private readonly HashSet<long> _handled = []; // claims whose handling finished
    private readonly Queue<(string Id, long Claim, long At)> _order = new();
    private long _claims;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    public WebhookDeduplicator(TimeSpan? retention = null, int capacity = 100_000, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Retention = retention ?? TimeSpan.FromHours(24);
        Capacity = capacity;
        _time = time ?? TimeProvider.System;
    }

    public TimeSpan Retention { get; }
    public int Capacity { get; }

    /// <summary>True the first time <paramref name="deliveryId"/> is seen (within the retention); false for a duplicate.</summary>
    public bool TryClaim(string deliveryId)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            while (_order.TryPeek(out var oldest) && _time.GetElapsedTime(oldest.At, now) >= Retention) Drop();
            if (_seen.ContainsKey(deliveryId)) return false;
            while (_order.Count >= Capacity) Drop();
            var claim = ++_claims;
            _seen[deliveryId] = claim;
            _order.Enqueue((deliveryId, claim, now));
            return true;
        }
    }

    /// <summary>Forgets a claim, so the next delivery of the event is handled.</summary>
    public void Release(string deliveryId)
    {
        lock (_gate) _seen.Remove(deliveryId);
    }

    /// <summary>In memory a claim has no lease: the process that holds it is the one that would forget it.</summary>
    public ValueTask<WebhookClaimResult> TryClaimAsync(string deliveryId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        if (TryClaim(deliveryId)) return ValueTask.FromResult(WebhookClaimResult.Taken(new WebhookClaim(deliveryId, ClaimOf(deliveryId))));
        lock (_gate)
            return ValueTask.FromResult(_seen.TryGetValue(deliveryId, out var claim) && !_handled.Contains(claim) ? WebhookClaimResult.InProgress : WebhookClaimResult.Handled);
    }

    private string ClaimOf(string deliveryId)
    {
        lock (_gate) return _seen[deliveryId].ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Kept as claimed, now handled, for <see cref="Retention"/>.</summary>
    public ValueTask CompleteAsync(WebhookClaim claim, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        lock (_gate)
            if (long.TryParse(claim.Token, System.Globalization.CultureInfo.InvariantCulture, out var number) && _seen.TryGetValue(claim.DeliveryId, out var current) && current == number)
                _handled.Add(number);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(WebhookClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        Release(claim.DeliveryId);
        return ValueTask.CompletedTask;
    }

    private void Drop()
    {
        var (id, claim, _) = _order.Dequeue();
        // A released and re-claimed id has a newer claim: only the matching one is forgotten.
        if (_seen.TryGetValue(id, out var current) && current == claim) _seen.Remove(id);
        _handled.Remove(claim);
    }
}
