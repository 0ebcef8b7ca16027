namespace Specwright.Core.Webhooks;

/// <summary>
/// Remembers which deliveries were taken, so a redelivered event is handled once. An id is claimed when
/// its handling starts; <see cref="Release"/> forgets it again (handling failed in time to be retried).
/// Ids are kept for <see cref="Retention"/> and at most <see cref="Capacity"/> of them, oldest dropped first.
/// In memory, per process: several instances behind a load balancer need a shared store instead.
/// </summary>
public sealed class WebhookDeduplicator
{
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, long At)> _order = new();
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
            Expire(now);
            if (_seen.ContainsKey(deliveryId)) return false;
            _seen[deliveryId] = now;
            _order.Enqueue((deliveryId, now));
            return true;
        }
    }

    /// <summary>Forgets a claim, so the next delivery of the event is handled.</summary>
    public void Release(string deliveryId)
    {
        lock (_gate) _seen.Remove(deliveryId);
    }

    private void Expire(long now)
    {
        while (_order.TryPeek(out var oldest) &&
               (_order.Count >= Capacity || _time.GetElapsedTime(oldest.At, now) >= Retention))
        {
            _order.Dequeue();
            // A released and re-claimed id has a newer stamp: only the matching entry is dropped.
            if (_seen.TryGetValue(oldest.Id, out var at) && at == oldest.At) _seen.Remove(oldest.Id);
        }
    }
}
