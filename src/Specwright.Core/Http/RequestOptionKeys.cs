namespace Specwright.Core.Http;

/// <summary>Per-request values the pipeline's handlers read.</summary>
public static class RequestOptionKeys
{
    /// <summary>The spec operationId of the request, for logs, metrics and retry decisions.</summary>
    public static readonly HttpRequestOptionsKey<string> OperationId = new("Specwright.OperationId");
}
