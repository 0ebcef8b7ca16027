namespace Specwright.Core.Http;

/// <summary>
/// The facts of one operation, generated from the spec as one object (<c>&lt;Service&gt;Spec.Operations.&lt;Op&gt;.Info</c>)
/// and carried on each of its requests: the key handler, the retry handler and telemetry read it there instead
/// of looking the operation up again; the generated method reads its attempt-timeout rule.
/// </summary>
public sealed record OperationInfo(string Id)
{
    /// <summary>False for <c>security: []</c>: sent without the key, and usable with none configured.</summary>
    public bool RequiresApiKey { get; init; } = true;

    /// <summary>
    /// The error statuses after which this operation may be retried: the vendor's retryable statuses, narrowed
    /// for a billed, non-idempotent call to those the spec says were refused before any work
    /// (<c>x-specwright-retry.billedPostRetryStatuses</c>).
    /// </summary>
    public IReadOnlyList<int> RetryableStatuses { get; init; } = [];

    /// <summary>Credits the call costs (<c>x-specwright-credits</c>), when the spec says.</summary>
    public int? CreditCost { get; init; }

    /// <summary>The attempt timeout's floor taken from a parameter (<c>x-specwright-attempt-timeout</c>), when the spec gives one.</summary>
    public AttemptTimeoutRule? AttemptTimeout { get; init; }

    public override string ToString() => Id;
}
