using System.ComponentModel;
using Specwright.Core.Http;

namespace Specwright.Core.Internal;

/// <summary>Per-request values the pipeline's handlers read.</summary>
[EditorBrowsable(EditorBrowsableState.Never)] // for generated code; not part of the API a caller uses
public static class RequestOptionKeys
{
    /// <summary>The spec operationId of the request, for logs, metrics and retry decisions.</summary>
    public static readonly HttpRequestOptionsKey<string> OperationId = new("Specwright.OperationId");

    /// <summary>The generated facts of the request's operation (key, retry statuses, cost).</summary>
    public static readonly HttpRequestOptionsKey<OperationInfo> Operation = new("Specwright.Operation");

    /// <summary>
    /// The attempt timeout of this request is at least this long: set for calls the server itself may
    /// hold open for a caller-chosen time (e.g. a scrape with a <c>timeout</c> parameter).
    /// </summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> MinimumAttemptTimeout = new("Specwright.MinimumAttemptTimeout");

    /// <summary>The error the retry handler decoded to decide not to retry; the transport throws it instead of decoding the response again.</summary>
    internal static readonly HttpRequestOptionsKey<Errors.ApiException> DecodedError = new("Specwright.DecodedError");
}
