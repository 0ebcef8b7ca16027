using Specwright.Core.Internal;

namespace Specwright.Core.Http;

/// <summary>What one call tells the pipeline beyond its request, computed by the generated method from the spec.</summary>
public sealed record CallOptions
{
    /// <summary>
    /// The attempt timeout is at least this long: the server itself holds the call open for a caller-chosen time
    /// (<c>x-specwright-attempt-timeout</c>: a parameter's seconds plus a margin).
    /// </summary>
    public TimeSpan? MinimumAttemptTimeout { get; init; }

    /// <summary>Puts these options on <paramref name="request"/>, where the handlers read them.</summary>
    public void ApplyTo(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (MinimumAttemptTimeout is { } minimum) request.Options.Set(RequestOptionKeys.MinimumAttemptTimeout, minimum);
    }
}
