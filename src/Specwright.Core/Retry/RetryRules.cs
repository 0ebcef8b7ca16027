namespace Specwright.Core.Retry;

/// <summary>A vendor's retry rules, generated from the spec's <c>x-specwright-retry</c>.</summary>
public sealed record RetryRules
{
    public required IReadOnlyList<int> RetryableStatuses { get; init; }
    public bool RetryConnectionFailures { get; init; } = true;
    public int MaxRetries { get; init; } = 2;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A Retry-After above this is not waited for: the error is thrown with RetryAfter set.</summary>
    public TimeSpan RetryAfterCap { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The vendor says failed billed calls cost nothing, so POSTs may be retried after an error status.</summary>
    public bool BilledRequestsSafeToRetry { get; init; }

    /// <summary>
    /// Where a 429's JSON body names the key's limit of requests per minute, as property names from the root
    /// (<c>x-specwright-retry.rateLimitBody.requestsPerMinute</c>); null: the API names none.
    /// </summary>
    public IReadOnlyList<string>? RequestsPerMinuteField { get; init; }

    /// <summary>Where a 429's JSON body names the key's limit of requests in flight (<c>rateLimitBody.maxConcurrentRequests</c>).</summary>
    public IReadOnlyList<string>? MaxConcurrentRequestsField { get; init; }
}
