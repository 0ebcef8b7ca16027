using System.Threading.RateLimiting;
using Specwright.Core.Options;

namespace Specwright.Core.DependencyInjection;

/// <summary>
/// One registration's rate limiter, made once from its options (the configured limit, or the adaptive one) and shared by
/// every client instance the container hands out, so a limit, or what was learned from the API, outlives each transient
/// client. Disposed with the container.
/// </summary>
internal sealed class RegistrationLimiter : IDisposable
{
    private readonly Lock _gate = new();
    private RateLimiter? _limiter;
    private bool _none;

    public RateLimiter? For(SpecwrightClientOptions options)
    {
        if (options.Limiter is not null || options.PartitionedLimiter is not null) return null; // the caller's own, shared already
        lock (_gate)
        {
            if (_limiter is not null || _none) return _limiter;
            _limiter = options.RateLimit?.CreateLimiter(options.TimeProvider)
                       ?? (options.AdaptiveRateLimit ? new RateLimiting.AdaptiveRateLimiter(options.TimeProvider) : null);
            _none = _limiter is null;
            return _limiter;
        }
    }

    public void Dispose()
    {
        lock (_gate) _limiter?.Dispose();
    }
}

/// <summary>The name of an HttpClient a Specwright client sends through.</summary>
internal sealed record SpecwrightHttpClientName(string Name);
