namespace Specwright.Core.Options;

/// <summary>
/// The plan's limits, kept on the client side so a batch of calls runs at the limit instead of into it:
/// requests wait for a slot rather than draw a 429. Limits are per client instance; share one client
/// (e.g. the DI singleton) among the callers that share a key, or give every process the same shared limiter
/// (<see cref="SpecwrightClientOptions.Limiter"/>, e.g. the Redis one of Specwright.Redis).
/// </summary>
public sealed class ClientRateLimit
{
    /// <summary>Requests started in any rolling minute. Null: no per-minute limit.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Requests in flight at once. Null: no concurrency limit.</summary>
    public int? MaxConcurrentRequests { get; init; }

    /// <summary>
    /// Added to the minute before a slot is reused, so that the server, which sees each request a little
    /// later than it was sent, never counts one more than the limit in its own minute.
    /// </summary>
    public TimeSpan WindowMargin { get; init; } = TimeSpan.FromSeconds(1);

    internal void Check(string optionsName)
    {
        if (RequestsPerMinute is < 1)
            throw new Errors.ConfigurationException($"{optionsName}.RateLimit.RequestsPerMinute must be at least 1, got {RequestsPerMinute}.");
        if (MaxConcurrentRequests is < 1)
            throw new Errors.ConfigurationException($"{optionsName}.RateLimit.MaxConcurrentRequests must be at least 1, got {MaxConcurrentRequests}.");
        if (WindowMargin < TimeSpan.Zero || WindowMargin > TimeSpan.FromMinutes(1))
            throw new Errors.ConfigurationException($"{optionsName}.RateLimit.WindowMargin must be between 0 and 1 minute, got {WindowMargin}.");
    }

    /// <summary>The rolling window starts are counted in: a minute plus <see cref="WindowMargin"/>.</summary>
    public TimeSpan Window => TimeSpan.FromMinutes(1) + WindowMargin;

    /// <summary>This limit as a <see cref="System.Threading.RateLimiting.RateLimiter"/> for one process: a slot in flight (waiters in order), then a start in the rolling minute.</summary>
    public System.Threading.RateLimiting.RateLimiter CreateLimiter(TimeProvider? time = null)
    {
        var limiters = new List<System.Threading.RateLimiting.RateLimiter>();
        if (MaxConcurrentRequests is { } max)
            limiters.Add(new System.Threading.RateLimiting.ConcurrencyLimiter(new System.Threading.RateLimiting.ConcurrencyLimiterOptions
            {
                PermitLimit = max,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = System.Threading.RateLimiting.QueueProcessingOrder.OldestFirst,
            }));
        if (RequestsPerMinute is { } perMinute)
            limiters.Add(new RateLimiting.RollingWindowRateLimiter(perMinute, Window, time));
        return limiters.Count switch
        {
            0 => new System.Threading.RateLimiting.ConcurrencyLimiter(new System.Threading.RateLimiting.ConcurrencyLimiterOptions { PermitLimit = int.MaxValue, QueueLimit = 0 }),
            1 => limiters[0],
            _ => System.Threading.RateLimiting.RateLimiter.CreateChained([.. limiters]),
        };
    }

    public override string ToString() =>
        $"{RequestsPerMinute?.ToString() ?? "unlimited"}/min, {MaxConcurrentRequests?.ToString() ?? "unlimited"} at once";
}
