using System.Threading.RateLimiting;
using Specwright.Core.RateLimiting;
using StackExchange.Redis;

namespace Specwright.Redis;

/// <summary>
/// The adaptive limit for a fleet. Every process records each start of the key in one Redis sorted set, from the first call on,
/// so the fleet always knows its own starts of the last minute, as the API counts them. When a 429 names a per-minute limit,
/// that limit is written next to the record, and from then on every process takes its starts against it: the record already
/// holds the minute the API refused, so the fleet's window and the API's agree from the first permit, with no seeding or guess.
/// A 429's <c>Retry-After</c> pauses the whole fleet. Requests in flight are each process's own (Core's
/// <see cref="AdaptiveRateLimiter"/> with slow start: a fleet starting at once does not flood the key).
/// </summary>
public sealed class RedisAdaptiveRateLimiter : RateLimiter, IRateLimitFeedback
{
    /// <summary>
    /// Records a start unless the fleet is paused or its learned limit is reached; else names the wait in ms. Returns
    /// {wait, limit}; limit is -1 while none is learned. Times are Redis's own, so every process agrees.
    /// </summary>
    private static readonly LuaScript Take = LuaScript.Prepare("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local window = tonumber(@window_ms)
        local learned = redis.call('HMGET', @learned, 'per_minute', 'paused_until_ms')
        local limit = tonumber(learned[1]) or -1
        local paused = tonumber(learned[2]) or 0
        if paused > now then return {paused - now, limit} end
        redis.call('ZREMRANGEBYSCORE', @starts, '-inf', now - window)
        if limit >= 0 and redis.call('ZCARD', @starts) >= limit then
          local oldest = redis.call('ZRANGE', @starts, 0, 0, 'WITHSCORES')
          return {math.max(1, tonumber(oldest[2]) + window - now), limit}
        end
        redis.call('ZADD', @starts, now, @id)
        redis.call('PEXPIRE', @starts, window)
        return {0, limit}
        """);

    /// <summary>What a 429 said, for the fleet: the named limit (the lower one wins), the pause, and the refused start taken out.</summary>
    private static readonly LuaScript Learn = LuaScript.Prepare("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local named = tonumber(@per_minute)
        if named > 0 then
          local known = tonumber(redis.call('HGET', @learned, 'per_minute'))
          if known == nil or named < known then redis.call('HSET', @learned, 'per_minute', named) end
        end
        local wait = tonumber(@wait_ms)
        if wait > 0 then
          local until_ms = now + wait
          local paused = tonumber(redis.call('HGET', @learned, 'paused_until_ms')) or 0
          if until_ms > paused then redis.call('HSET', @learned, 'paused_until_ms', until_ms) end
        end
        redis.call('PEXPIRE', @learned, 86400000)
        redis.call('ZPOPMAX', @starts)
        return 0
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKey _starts;
    private readonly RedisKey _learned;
    private readonly double _realPerApi;
    private readonly long _windowMs;
    private readonly AdaptiveRateLimiter _inFlight;
    private int _perMinute = -1;

    /// <param name="redis">The fleet's Redis.</param>
    /// <param name="partition">The key's partition (<see cref="RedisRateLimits.PartitionFor"/>).</param>
    /// <param name="time">The client's clock (pauses and slots in flight).</param>
    /// <param name="minute">The API's minute in real time (a minute, unless against a sandbox on a fast clock).</param>
    /// <param name="windowMargin">Added to the window, as <c>ClientRateLimit.WindowMargin</c>, in the API's time.</param>
    public RedisAdaptiveRateLimiter(IConnectionMultiplexer redis, string partition, TimeProvider? time = null, TimeSpan? minute = null, TimeSpan? windowMargin = null)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        ArgumentException.ThrowIfNullOrWhiteSpace(partition);
        _starts = partition + ":adaptive:starts";
        _learned = partition + ":learned";
        _realPerApi = (minute ?? TimeSpan.FromMinutes(1)) / TimeSpan.FromMinutes(1);
        var margin = windowMargin ?? TimeSpan.FromSeconds(1);
        _windowMs = (long)Math.Ceiling(((TimeSpan.FromMinutes(1) + margin) * _realPerApi).TotalMilliseconds);
        _inFlight = new AdaptiveRateLimiter(time, null, margin, limitsStarts: false, slowStart: true);
    }

    /// <summary>The per-minute limit the fleet learned (null: none yet, as of this process's last permit) and this process's requests in flight.</summary>
    public (int? RequestsPerMinute, int MaxConcurrentRequests) Current =>
        (Volatile.Read(ref _perMinute) is var m and >= 0 ? m : null, _inFlight.Current.MaxConcurrentRequests);

    public override TimeSpan? IdleDuration => null;
    public override RateLimiterStatistics? GetStatistics() => _inFlight.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        throw new NotSupportedException("The Redis adaptive limiter is asked asynchronously (each permit is a Redis call).");

    /// <summary>
    /// A slot in flight (and this process's pause), then a start in the fleet's minute, recorded only now that the request goes
    /// out. A refusal names the wait in the client's time, so the caller asks again when the fleet's pause ends or its oldest
    /// start leaves the minute.
    /// </summary>
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var slot = await _inFlight.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
        try
        {
            var answer = (RedisResult[])(await _redis.GetDatabase().ScriptEvaluateAsync(Take,
                new { starts = _starts, learned = _learned, window_ms = _windowMs, id = Guid.NewGuid().ToString("N") }).ConfigureAwait(false))!;
            var waitMs = (long)answer[0];
            Volatile.Write(ref _perMinute, (int)answer[1]);
            if (waitMs <= 0) return slot;
            slot.Dispose();
            return new Refusal(TimeSpan.FromMilliseconds(waitMs) / _realPerApi);
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    /// <summary>Tells the fleet what the 429 said (its named limit, its pause) and this process's slots in flight their part.</summary>
    public async ValueTask OnRateLimitedAsync(RateLimitSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        await _inFlight.OnRateLimitedAsync(signal, cancellationToken).ConfigureAwait(false);
        var waitMs = signal.RetryAfter is { } wait ? (long)Math.Ceiling((wait * _realPerApi).TotalMilliseconds) : 0;
        // Awaited: the fleet must read it before any of this process's callers asks again.
        await _redis.GetDatabase().ScriptEvaluateAsync(Learn, new
        {
            starts = _starts, learned = _learned, per_minute = signal.RequestsPerMinute ?? 0, wait_ms = waitMs,
        }).ConfigureAwait(false);
    }

    public void OnSuccess() => _inFlight.OnSuccess();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inFlight.Dispose();
        base.Dispose(disposing);
    }

    private sealed class Refusal(TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;
        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
