using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using RedisRateLimiting;
using Specwright.Core.Errors;
using Specwright.Core.Options;
using StackExchange.Redis;

namespace Specwright.Redis;

/// <summary>
/// A key's plan limits shared by every process that uses the key: requests per rolling minute (<see cref="RedisRollingWindowRateLimiter"/>)
/// and requests in flight (RedisRateLimiting's concurrency limiter), counted in Redis. Each attempt of every client on the key
/// takes a permit there first, so a fleet runs at the limit instead of into it.
/// </summary>
public static class RedisRateLimits
{
    /// <summary>
    /// The limiter for <paramref name="partition"/> (see <see cref="PartitionFor"/>) on <paramref name="redis"/>. <paramref name="window"/>
    /// is the rolling window in real time: <see cref="ClientRateLimit.Window"/> unless the API's minute is not a real one (a sandbox on
    /// a fast clock).
    /// </summary>
    public static RateLimiter Create(IConnectionMultiplexer redis, string partition, ClientRateLimit limit, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrWhiteSpace(partition);
        ArgumentNullException.ThrowIfNull(limit);
        if (limit.RequestsPerMinute is null && limit.MaxConcurrentRequests is null)
            throw new ConfigurationException("A Redis rate limit needs RequestsPerMinute, MaxConcurrentRequests or both.");
        var limiters = new List<RateLimiter>();
        if (limit.MaxConcurrentRequests is { } max)
            limiters.Add(new RedisConcurrencyRateLimiter<string>(partition + ":inflight", new RedisConcurrencyRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis,
                PermitLimit = max,
                QueueLimit = 10_000,
                TryDequeuePeriod = TimeSpan.FromMilliseconds(20),
            }));
        if (limit.RequestsPerMinute is { } perMinute)
            limiters.Add(new RedisRollingWindowRateLimiter(redis, partition + ":minute", perMinute, window ?? limit.Window));
        return limiters.Count == 1 ? limiters[0] : RateLimiter.CreateChained([.. limiters]);
    }

    /// <summary>
    /// The Redis key prefix of one API key of one service: <c>specwright:&lt;service&gt;:&lt;first 16 hex of SHA-256(key)&gt;</c>. The key
    /// itself never reaches Redis.
    /// </summary>
    public static string PartitionFor(string service, string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        return $"specwright:{service.ToLowerInvariant()}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)))[..16]}";
    }

    /// <summary>
    /// No configured limit, but one the fleet learns together: the limits a 429 names (and its Retry-After) are written to Redis,
    /// and every client of the key and service, in any process, then takes its permits from one limiter of those limits in Redis.
    /// Set <c>ApiKey</c> first, or name the <paramref name="partition"/>.
    /// </summary>
    public static TOptions UseRedisAdaptiveRateLimit<TOptions>(this TOptions options, IConnectionMultiplexer redis, string? partition = null)
        where TOptions : SpecwrightClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RateLimit = null;
        options.Limiter = new RedisAdaptiveRateLimiter(redis, partition ?? PartitionOf(options, nameof(UseRedisAdaptiveRateLimit)), options.TimeProvider);
        return options;
    }

    private static string PartitionOf(SpecwrightClientOptions options, string method) =>
        options.ApiKey is { Length: > 0 } key
            ? PartitionFor(options.GetType().Name.Replace("ClientOptions", "", StringComparison.Ordinal), key)
            : throw new ConfigurationException($"{options.GetType().Name}.{method}: set ApiKey first (the limit is per key), or pass a partition.");

    /// <summary>
    /// Every attempt of this client takes a permit of <paramref name="limit"/> in Redis, shared with every other client (in any
    /// process) of the same key and service. Set <c>ApiKey</c> first, or name the <paramref name="partition"/>.
    /// </summary>
    public static TOptions UseRedisRateLimit<TOptions>(this TOptions options, IConnectionMultiplexer redis, ClientRateLimit limit, string? partition = null)
        where TOptions : SpecwrightClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        partition ??= PartitionOf(options, nameof(UseRedisRateLimit));
        options.RateLimit = null;
        options.Limiter = Create(redis, partition, limit);
        return options;
    }
}
