using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace Specwright.Core.RateLimiting;

/// <summary>
/// The one place an attempt gets its permit: from the client's limiter, plain or partitioned by request. A limiter that
/// refuses instead of queueing (a Redis one) is asked again after the wait it names, so the call waits for a slot rather
/// than draw a 429; the wait ends when the call is cancelled.
/// </summary>
internal sealed class RequestLimiter(RateLimiter? limiter, PartitionedRateLimiter<HttpRequestMessage>? partitioned, bool owned, TimeProvider time, ILogger logger)
    : IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(1);

    /// <summary>The limiter's feedback side, when it learns from the API's answers.</summary>
    public IRateLimitFeedback? Feedback => limiter as IRateLimitFeedback;

    public async ValueTask<RateLimitLease> AcquireAsync(HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        for (var refusals = 0; ; refusals++)
        {
            var lease = partitioned is not null
                ? await partitioned.AcquireAsync(request, 1, cancellationToken).ConfigureAwait(false)
                : await limiter!.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (lease.IsAcquired) return lease;
            var wait = WaitAfterRefusal(lease, refusals);
            lease.Dispose();
            logger.LogDebug("{Operation}: the rate limiter has no permit now; asking again in {WaitMs:0} ms", operation, wait.TotalMilliseconds);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The wait a refusal names (the standard <c>RetryAfter</c>, or RedisRateLimiting's <c>RATELIMIT_RETRYAFTER</c> in seconds); a
    /// refusal that names none (a full sliding window) is asked again after a doubling wait, from 50 ms up to 1 s, with jitter.
    /// </summary>
    internal static TimeSpan WaitAfterRefusal(RateLimitLease lease, int refusals)
    {
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero) return retryAfter;
        if (lease.TryGetMetadata("RATELIMIT_RETRYAFTER", out var seconds) && seconds is int s && s > 0) return TimeSpan.FromSeconds(s);
        var backoff = Math.Min(LongestRetry.TotalMilliseconds, FirstRetry.TotalMilliseconds * Math.Pow(2, Math.Min(refusals, 10)));
        return TimeSpan.FromMilliseconds(backoff * (0.5 + Random.Shared.NextDouble() / 2));
    }

    public void Dispose()
    {
        if (!owned) return;
        limiter?.Dispose();
        partitioned?.Dispose();
    }
}
