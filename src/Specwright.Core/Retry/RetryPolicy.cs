using System.Net.Http.Headers;
using Specwright.Core.Http;

namespace Specwright.Core.Retry;

/// <summary>
/// The decisions of the one retry mechanism, as pure functions of the vendor's <see cref="RetryRules"/>:
/// whether a failure may be retried, and how long to wait first.
/// </summary>
public sealed class RetryPolicy
{
    private readonly Func<double> _random;

    /// <summary>The vendor's rules, the caller's retry budget, and a uniform [0, 1) source for jitter (tests pass a fixed one).</summary>
    public RetryPolicy(RetryRules rules, int maxRetries, Func<double>? random = null)
    {
        Rules = rules;
        MaxRetries = maxRetries;
        _random = random ?? Random.Shared.NextDouble;
    }

    public RetryRules Rules { get; }
    public int MaxRetries { get; }

    /// <summary>
    /// An error status is retried when the operation's facts list it (<see cref="OperationInfo.RetryableStatuses"/>),
    /// or, for a request without them, when the vendor lists it and the method may be repeated.
    /// </summary>
    public bool ShouldRetryStatus(int status, HttpMethod method, int attempt, OperationInfo? operation = null) =>
        attempt < MaxRetries && (operation is not null
            ? operation.RetryableStatuses.Contains(status)
            : Rules.RetryableStatuses.Contains(status) && (IsIdempotent(method) || Rules.BilledRequestsSafeToRetry));

    /// <summary>Only failures before the request reached the server: connecting, name resolution.</summary>
    public bool ShouldRetryException(HttpRequestException e, int attempt) =>
        attempt < MaxRetries && Rules.RetryConnectionFailures &&
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;

    /// <summary>
    /// Exponential backoff with full jitter: uniform(0, min(base * 2^attempt, max)), but at least 1 ms, since a timer
    /// rounds a shorter wait down to none (every retry waits, and a test clock sees every wait).
    /// </summary>
    public TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(Rules.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt), Rules.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Max(1, _random() * ceiling));
    }

    /// <summary>The wait before the next attempt, or null when the server asks for longer than the cap.</summary>
    public TimeSpan? DelayBeforeRetry(int attempt, RetryConditionHeaderValue? retryAfter, DateTimeOffset utcNow)
    {
        var server = RetryAfterHeader.Parse(retryAfter, utcNow);
        if (server is null) return Backoff(attempt);
        return server <= Rules.RetryAfterCap ? server : null;
    }

    /// <summary>GET, HEAD, OPTIONS, PUT and DELETE may be repeated; POST and PATCH may not, unless the vendor says so.</summary>
    public static bool IsIdempotent(HttpMethod m) =>
        m == HttpMethod.Get || m == HttpMethod.Head || m == HttpMethod.Options || m == HttpMethod.Put || m == HttpMethod.Delete;
}
