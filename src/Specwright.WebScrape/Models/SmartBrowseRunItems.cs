using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Specwright.Core.Serialization;

namespace Specwright.WebScrape;

// What the spec cannot say: a completed run's items read from the response one at a time.
public partial class SmartBrowseClient
{
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
        Core.Internal.Checks.NotBlank(runId, nameof(runId));
        ArgumentNullException.ThrowIfNull(itemType);
        string? runStatus = null;
        var items = new JsonItemStream<T>("data.result.pages.*.items", itemType)
            .Watch("data.run_status", v => runStatus = v)
            .AtEnd(() =>
            {
                if (runStatus != RunStatus.Completed.Value)
                    throw new InvalidOperationException($"SmartBrowse run '{runId}' is {runStatus ?? "of unknown status"}: its items exist once it has completed (wait for it with GetRunOperation(id).WaitForCompletionAsync).");
            });
        var path = WebScrapeSpec.Operations.GetSmartBrowseRun.Path.TrimStart('/').Replace("{id}", Uri.EscapeDataString(runId), StringComparison.Ordinal);
        return _client.Transport.StreamItemsAsync(WebScrapeSpec.Operations.GetSmartBrowseRun.Id,
            new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)), items, cancellationToken);
    }
}

// Why a run failed, for the message of OperationFailedException<SmartBrowseRun>.
public partial class SmartBrowseRun : Core.Polling.IFailureReason
{
    string? Core.Polling.IFailureReason.FailureReason => string.IsNullOrEmpty(Error) ? null : Error;
}
