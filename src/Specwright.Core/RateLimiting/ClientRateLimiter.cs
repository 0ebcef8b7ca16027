using Microsoft.Extensions.Logging;
using Specwright.Core.Options;

namespace Specwright.Core.RateLimiting;

/// <summary>
/// Enforces a <see cref="ClientRateLimit"/>: a request attempt first takes one of the concurrent slots
/// (waiters are served in order), then a start in the rolling minute, counted the way the server counts.
/// The retry handler takes a slot before each attempt, so the wait is not part of the attempt's timeout.
/// </summary>
public sealed class ClientRateLimiter : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim? _inFlight;
    private readonly int? _perMinute;
    private readonly TimeSpan _window;
    private readonly Queue<DateTimeOffset> _starts = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ClientRateLimiter(ClientRateLimit limit, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(limit);
        _inFlight = limit.MaxConcurrentRequests is { } max ? new SemaphoreSlim(max, max) : null;
        _perMinute = limit.RequestsPerMinute;
        _window = Minute + limit.WindowMargin;
        _time = time;
        _logger = logger;
    }

    /// <summary>Waits for a slot; dispose the result when the response (headers) has arrived or the attempt failed.</summary>
    public async ValueTask<IDisposable> AcquireAsync(string operation, CancellationToken cancellationToken)
    {
        if (_inFlight is not null) await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WaitForStartAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _inFlight?.Release();
            throw;
        }
        return new Slot(_inFlight);
    }

    private async Task WaitForStartAsync(string operation, CancellationToken cancellationToken)
    {
        if (_perMinute is not { } perMinute) return;
        while (true)
        {
            TimeSpan wait;
            lock (_starts)
            {
                var now = _time.GetUtcNow();
                while (_starts.Count > 0 && now - _starts.Peek() >= _window) _starts.Dequeue();
                if (_starts.Count < perMinute)
                {
                    _starts.Enqueue(now);
                    return;
                }
                wait = _starts.Peek() + _window - now;
            }
            _logger.LogDebug("{Operation}: {Limit} requests/min reached; waiting {WaitMs:0} ms for a slot", operation, perMinute, wait.TotalMilliseconds);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _inFlight?.Dispose();

    private sealed class Slot(SemaphoreSlim? inFlight) : IDisposable
    {
        private SemaphoreSlim? _inFlight = inFlight;

        public void Dispose() => Interlocked.Exchange(ref _inFlight, null)?.Release();
    }
}
