using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Specwright.Redis;

/// <summary>
/// At most <c>permitLimit</c> starts in any rolling <c>window</c>, counted in one Redis sorted set by every process (the same
/// rule as Core's in-process <c>RollingWindowRateLimiter</c>), timed in milliseconds by Redis's own clock. A refusal names the
/// wait until the oldest start leaves the window, so callers sleep exactly that long instead of polling.
/// </summary>
/// <remarks>
/// RedisRateLimiting's sliding window counts in whole seconds: over a minute that is within <c>WindowMargin</c>, but it let
/// a fleet exceed a fast-clock sandbox's limit (53% of calls saw a 429 with a 6 s window in the fleet benchmark).
/// </remarks>
public sealed class RedisRollingWindowRateLimiter : RateLimiter
{
    private static readonly LuaScript Take = LuaScript.Prepare("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local window = tonumber(@window_ms)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', now - window)
        if redis.call('ZCARD', @key) < tonumber(@limit) then
          redis.call('ZADD', @key, now, @id)
          redis.call('PEXPIRE', @key, window)
          return 0
        end
        local oldest = redis.call('ZRANGE', @key, 0, 0, 'WITHSCORES')
        return math.max(1, tonumber(oldest[2]) + window - now)
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKey _key;
    private readonly int _permitLimit;
    private readonly long _windowMs;

    public RedisRollingWindowRateLimiter(IConnectionMultiplexer redis, string key, int permitLimit, TimeSpan window)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
        _key = key;
        _permitLimit = permitLimit;
        _windowMs = (long)Math.Ceiling(window.TotalMilliseconds);
    }

    public override TimeSpan? IdleDuration => null;
    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease(CheckCount(permitCount) == 0 ? 0 :
        (long)_redis.GetDatabase().ScriptEvaluate(Take, Arguments()));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        Lease(CheckCount(permitCount) == 0 ? 0 : (long)await _redis.GetDatabase().ScriptEvaluateAsync(Take, Arguments()).ConfigureAwait(false));

    private object Arguments() => new { key = _key, window_ms = _windowMs, limit = _permitLimit, id = Guid.NewGuid().ToString("N") };

    private static int CheckCount(int permitCount) => permitCount is < 0 or > 1
        ? throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "A rolling-window limiter hands out one permit at a time.")
        : permitCount;

    private static RateLimitLease Lease(long waitMs) => new WindowLease(waitMs == 0 ? null : TimeSpan.FromMilliseconds(waitMs));

    private sealed class WindowLease(TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => retryAfter is null;
        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
