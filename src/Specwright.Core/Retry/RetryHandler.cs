using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Specwright.Core.Diagnostics;
using Specwright.Core.Errors;
using Specwright.Core.Http;
using Specwright.Core.Internal;

namespace Specwright.Core.Retry;

/// <summary>
/// Retries per <see cref="RetryPolicy"/>, applies the per-attempt timeout, and makes every retry
/// observable (log, metric, span event). Kiota's RetryHandler is not used: it has no jitter, no 500/502
/// and no connection-failure retry, and misreads Retry-After dates.
/// </summary>
public sealed class RetryHandler : DelegatingHandler
{
    private readonly RetryPolicy _policy;
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RateLimiting.RequestLimiter? _limiter;
    private readonly ErrorDecoder? _errors;
    private readonly TimeSpan? _callerClientTimeout;

    /// <summary>
    /// Retries per <paramref name="policy"/>; with a <paramref name="limiter"/>, each attempt first waits for a slot (not counted
    /// against its timeout); with the service's <paramref name="errors"/> decoder, a status it decides by code is decoded first.
    /// <paramref name="callerClientTimeout"/> is the <c>Timeout</c> of the caller's HttpClient the pipeline ends in, if any:
    /// it can end an attempt before the SDK's own timeout.
    /// </summary>
    public RetryHandler(RetryPolicy policy, TimeSpan attemptTimeout, TimeProvider time, ILogger logger, System.Threading.RateLimiting.RateLimiter? limiter,
        ErrorDecoder? errors = null, TimeSpan? callerClientTimeout = null)
        : this(policy, attemptTimeout, time, logger, limiter is null ? null : new RateLimiting.RequestLimiter(limiter, null, owned: false, time, logger),
            errors, callerClientTimeout)
    {
    }

    internal RetryHandler(RetryPolicy policy, TimeSpan attemptTimeout, TimeProvider time, ILogger logger, RateLimiting.RequestLimiter? limiter,
        ErrorDecoder? errors = null, TimeSpan? callerClientTimeout = null)
    {
        _callerClientTimeout = callerClientTimeout;
        _policy = policy;
        _attemptTimeout = attemptTimeout;
        _time = time;
        _logger = logger;
        _limiter = limiter;
        _errors = errors;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Options.TryGetValue(RequestOptionKeys.OperationId, out var id) ? id : request.Method.Method;
        var attemptTimeout = request.Options.TryGetValue(RequestOptionKeys.MinimumAttemptTimeout, out var minimum) && minimum > _attemptTimeout
            && _attemptTimeout != Timeout.InfiniteTimeSpan ? minimum : _attemptTimeout;
        for (var attempt = 0; ; attempt++)
        {
            SpecwrightTelemetry.Attempts.Add(1, new KeyValuePair<string, object?>("operation", operation));
            HttpResponseMessage response;
            var slot = _limiter is null ? null : await _limiter.AcquireAsync(request, operation, cancellationToken).ConfigureAwait(false);
            using (var timeout = new CancellationTokenSource(attemptTimeout, _time))
            // Linked only when the caller can cancel: most calls pass no token, and a link costs an allocation per attempt.
            using (var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token) : null)
            {
                try
                {
                    response = await base.SendAsync(request, linked?.Token ?? timeout.Token).ConfigureAwait(false);
                    // Before the slot frees: no other caller of this client starts until the limiter knows what the API said.
                    if (_limiter?.Feedback is { } feedback) await TellLimiterAsync(feedback, response, linked?.Token ?? timeout.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException e) when (_policy.ShouldRetryException(e, attempt))
                {
                    slot?.Dispose(); // before the backoff, not after it (the finally below comes too late)
                    await WaitAsync(operation, attempt, _policy.Backoff(attempt), e.HttpRequestError.ToString(), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // Not retried: the request may have reached the server and been billed.
                    throw new ApiTimeoutException(operation, attemptTimeout, e);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && e.InnerException is TimeoutException)
                {
                    if (_callerClientTimeout is { } callers)
                    {
                        // The caller's HttpClient.Timeout ended the attempt first. Not retried: the request may have been billed.
                        throw new ApiTimeoutException(operation, callers,
                            $"the HttpClient passed to the client ended the attempt after its Timeout of {callers.TotalSeconds:0.###} s, before the SDK's own " +
                            $"attempt timeout of {attemptTimeout.TotalSeconds:0.###} s; set that HttpClient's Timeout to Timeout.InfiniteTimeSpan (the SDK times each attempt) " +
                            "or lower the client options' Timeout", e);
                    }
                    // The socket's connect timeout: the request never reached the server, so it is retried like a refused connection.
                    slot?.Dispose();
                    if (!_policy.ShouldRetryException(new HttpRequestException(HttpRequestError.ConnectionError), attempt))
                        throw new TransportException($"no connection could be made within the connect timeout ({e.InnerException.Message})", operation, e);
                    await WaitAsync(operation, attempt, _policy.Backoff(attempt), "connect timeout", cancellationToken).ConfigureAwait(false);
                    continue;
                }
                finally
                {
                    slot?.Dispose(); // headers are back: the server has answered this attempt
                }
            }

            var status = (int)response.StatusCode;
            // Method, path and status only: never headers (the key) or the query string.
            if (_logger.IsEnabled(LogLevel.Debug))
                _logger.LogDebug("{Operation}: {Method} {Path} -> HTTP {Status} (attempt {Attempt})",
                    operation, request.Method.Method, request.RequestUri?.AbsolutePath, status, attempt + 1);
            if (!_policy.ShouldRetryStatus(status, request.Method, attempt, request.Options.TryGetValue(RequestOptionKeys.Operation, out var info) ? info : null)) return response;
            ApiException? decoded = null;
            if (_errors is not null && _errors.DecidesRetryByCode(status))
            {
                decoded = _errors.Decode(new ResponseContext(operation, response,
                    await ApiTransport.ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false), _time));
                if (_errors.ForbidsRetry(decoded))
                {
                    _logger.LogDebug("{Operation}: HTTP {Status} is {Code}, which is not retried", operation, status, decoded.ErrorCode);
                    return Answer(request, response, decoded);
                }
            }
            var delay = _policy.DelayBeforeRetry(attempt, response.Headers.RetryAfter, _time.GetUtcNow());
            if (delay is null)
            {
                _logger.LogWarning("{Operation}: HTTP {Status} asks to retry after more than {Cap}; not waiting", operation, status, _policy.Rules.RetryAfterCap);
                return Answer(request, response, decoded);
            }
            response.Dispose();
            await WaitAsync(operation, attempt, delay.Value, "HTTP " + status, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A 429 tells the limiter what the API said (the body is buffered, so it is still there to decode); a success, that all is well.</summary>
    private async Task TellLimiterAsync(RateLimiting.IRateLimitFeedback feedback, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode != 429)
        {
            if (response.IsSuccessStatusCode) feedback.OnSuccess();
            return;
        }
        await response.Content.LoadIntoBufferAsync(ApiTransport.MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        await feedback.OnRateLimitedAsync(RateLimiting.RateLimitSignal.Read(response, body, _time.GetUtcNow(), _policy.Rules), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The response that ends the attempts. One this handler already decoded (its body is consumed) carries that error,
    /// which the transport throws instead of decoding it again.
    /// </summary>
    private static HttpResponseMessage Answer(HttpRequestMessage request, HttpResponseMessage response, ApiException? decoded)
    {
        if (decoded is not null) request.Options.Set(RequestOptionKeys.DecodedError, decoded);
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _limiter?.Dispose();
        base.Dispose(disposing);
    }

    private Task WaitAsync(string operation, int attempt, TimeSpan delay, string reason, CancellationToken cancellationToken)
    {
        SpecwrightTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("reason", reason));
        Activity.Current?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["attempt"] = attempt + 1, ["reason"] = reason, ["delay_ms"] = delay.TotalMilliseconds }));
        _logger.LogInformation("{Operation}: {Reason}; retry {Retry} of {MaxRetries} in {DelayMs:0} ms", operation, reason, attempt + 1, _policy.MaxRetries, delay.TotalMilliseconds);
        return Task.Delay(delay, _time, cancellationToken);
    }
}
