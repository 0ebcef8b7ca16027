using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Specwright.Core.Polling;
using Specwright.Core.Serialization;

namespace Specwright.WebScrape;

/// <summary>How to wait for a SmartBrowse run; unset values come from the spec's polling schedule.</summary>
public sealed class SmartBrowseWaitOptions
{
    /// <summary>Poll intervals and deadline. Default: 2 s, x1.5, capped at 10 s, 15-minute deadline (the run cap).</summary>
    public PollingSchedule? Schedule { get; init; }

    /// <summary>Receives every state seen, in order.</summary>
    public IProgress<SmartBrowseRun>? Progress { get; init; }
}

/// <summary>SmartBrowse operations of <see cref="WebScrapeClient"/>.</summary>
public class SmartBrowseClient
{
    private readonly WebScrapeClient _client;

    internal SmartBrowseClient(WebScrapeClient client) => _client = client;

    /// <summary>Starts a run of a dashboard recipe. Needs 2 credits up front; billed 2 per page on completion.</summary>
    [Core.SpecOperation("dispatchSmartBrowseRun")]
    public virtual async Task<WebScrapeResult<SmartBrowseDispatch>> DispatchAsync(string recipeId, CancellationToken cancellationToken = default)
    {
        var env = await _client.Api.DispatchSmartBrowseRunAsync(recipeId, cancellationToken).ConfigureAwait(false);
        return new(env.Data, env.RequestId, null, null);
    }

    /// <summary>The run's state, counts and, once completed, its result. Free.</summary>
    [Core.SpecOperation("getSmartBrowseRun")]
    public virtual async Task<WebScrapeResult<SmartBrowseRun>> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var env = await _client.Api.GetSmartBrowseRunAsync(runId, cancellationToken).ConfigureAwait(false);
        return new(env.Data, env.RequestId, env.CreditsUsed, env.CreditsRemaining);
    }

    /// <summary>Plan caps, 30-day run count and the last run. Free.</summary>
    [Core.SpecOperation("getSmartBrowseUsage")]
    public virtual async Task<WebScrapeResult<SmartBrowseUsage>> GetUsageAsync(CancellationToken cancellationToken = default)
    {
        var env = await _client.Api.GetSmartBrowseUsageAsync(cancellationToken).ConfigureAwait(false);
        return new(env.Data, env.RequestId, env.CreditsUsed, env.CreditsRemaining);
    }

    /// <summary>
    /// The items of a completed run (every page's, in order), read from the response one at a time, so a
    /// run of many thousands of items never sits in memory whole (<see cref="GetRunAsync"/> holds it all).
    /// Throws <see cref="InvalidOperationException"/> naming the run's status when it has not completed.
    /// </summary>
    [Core.SpecOperation("getSmartBrowseRun")]
    public virtual IAsyncEnumerable<JsonElement> ReadRunItemsAsync(string runId, CancellationToken cancellationToken = default) =>
        ReadRunItemsAsync(runId, WebScrapeJsonContext.Default.JsonElement, cancellationToken);

    /// <summary>As above, each item read as <typeparamref name="T"/> (your recipe's saved schema), with your source-generated metadata.</summary>
    [Core.SpecOperation("getSmartBrowseRun")]
    public virtual IAsyncEnumerable<T> ReadRunItemsAsync<T>(string runId, JsonTypeInfo<T> itemType, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(runId)) throw new ArgumentException("'runId' is required and must not be empty.", nameof(runId));
        ArgumentNullException.ThrowIfNull(itemType);
        string? runStatus = null;
        var items = new JsonItemStream<T>("data.result.pages.*.items", itemType)
            .Watch("data.run_status", v => runStatus = v)
            .AtEnd(() =>
            {
                if (runStatus != RunStatus.Completed.Value)
                    throw new InvalidOperationException($"SmartBrowse run '{runId}' is {runStatus ?? "of unknown status"}: its items exist once it has completed (wait for it with WaitForRunAsync).");
            });
        var path = WebScrapeSpec.Operations.GetSmartBrowseRun.Path.TrimStart('/').Replace("{id}", Uri.EscapeDataString(runId), StringComparison.Ordinal);
        return _client.Transport.StreamItemsAsync(WebScrapeSpec.Operations.GetSmartBrowseRun.Id,
            new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)), items, cancellationToken);
    }

    /// <summary>
    /// Polls a run (also one started elsewhere, or before a restart) until it completes. Throws
    /// <see cref="RunFailedException"/> for failed/cancelled, <see cref="WaitTimeoutException"/> at the
    /// deadline, and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    [Core.SpecOperation("getSmartBrowseRun")]
    public virtual Task<SmartBrowseRun> WaitForRunAsync(string runId, SmartBrowseWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(runId)) throw new ArgumentException("'runId' is required and must not be empty.", nameof(runId));
        return WaitAsync(runId, options, pollImmediately: true, cancellationToken);
    }

    /// <summary>Dispatches a run and waits for it (the first poll waits one interval: the run has just started).</summary>
    [Core.SpecOperation("dispatchSmartBrowseRun")]
    [Core.SpecOperation("getSmartBrowseRun")]
    public virtual async Task<SmartBrowseRun> RunAndWaitAsync(string recipeId, SmartBrowseWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        var dispatched = await DispatchAsync(recipeId, cancellationToken).ConfigureAwait(false);
        return await WaitAsync(dispatched.Data.RunId, options, pollImmediately: false, cancellationToken).ConfigureAwait(false);
    }

    private Task<SmartBrowseRun> WaitAsync(string runId, SmartBrowseWaitOptions? options, bool pollImmediately, CancellationToken cancellationToken) =>
        Poller.WaitAsync(new PollRequest<SmartBrowseRun>
        {
            OperationName = WebScrapeSpec.Operations.GetSmartBrowseRun.Id,
            Fetch = async ct => (await GetRunAsync(runId, ct).ConfigureAwait(false)).Data,
            StateOf = run => run.RunStatus,
            OnFailure = run => new RunFailedException(run),
            OnTimeout = (run, timeout) => new WaitTimeoutException(run, timeout),
            Schedule = options?.Schedule ?? WebScrapeSpec.Operations.GetSmartBrowseRun.Polling,
            Progress = options?.Progress,
            Time = _client.Options.TimeProvider,
            PollImmediately = pollImmediately,
            Logger = _client.Options.LoggerFactory.CreateLogger("Specwright.WebScrape.Polling"),
        }, cancellationToken);
}
