using System.Text.Json;
using Specwright.Core.Diagnostics;

namespace Specwright.Core.Http;

public sealed partial class ApiTransport
{
    /// <summary>
    /// Any operation by id, its arguments by wire name, the body as raw JSON: the same pipeline and error decoding as the
    /// typed methods, the success body returned as sent (JSON <c>null</c> when empty). Backs <see cref="IOperationClient"/>.
    /// </summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)] // a literal null body is this one, as before OperationContent
    public Task<ApiResponse<JsonElement>> SendOperationAsync(string operationId, IReadOnlyDictionary<string, string>? arguments, JsonElement? body,
        CancellationToken cancellationToken) =>
        SendOperationAsync(operationId, arguments, body is { } json ? OperationContent.Json(json) : null, cancellationToken);

    /// <summary>Any operation by id as <see cref="SendOperationAsync(string, IReadOnlyDictionary{string, string}?, JsonElement?, CancellationToken)"/> sends it, the body in any media type the operation takes.</summary>
    public async Task<ApiResponse<JsonElement>> SendOperationAsync(string operationId, IReadOnlyDictionary<string, string>? arguments, OperationContent? content,
        CancellationToken cancellationToken)
    {
        var request = BuildOperation(operationId, arguments, content);
        using var activity = SpecwrightTelemetry.StartOperation(ServiceName, operationId);
        using var response = await SendCoreAsync(operationId, request, cancellationToken).ConfigureAwait(false);
        var success = new SuccessResponse(operationId, response, _time);
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(bytes.Length == 0 ? "null"u8.ToArray() : bytes);
            return new ApiResponse<JsonElement>((int)response.StatusCode, response.Headers, document.RootElement.Clone());
        }
        catch (Exception e) when (IsBodyFailure(e, cancellationToken))
        {
            throw BodyFailure(e, success);
        }
    }

    /// <summary>Any operation by id as <c>SendOperationAsync</c> sends it; the success body unread (<c>IOperationClient.SendOperationForContentAsync</c>).</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public Task<ApiResponse<StreamedContent>> SendOperationForContentAsync(string operationId, IReadOnlyDictionary<string, string>? arguments, JsonElement? body,
        CancellationToken cancellationToken) =>
        SendOperationForContentAsync(operationId, arguments, body is { } json ? OperationContent.Json(json) : null, cancellationToken);

    /// <summary>Any operation by id, the body in any media type it takes; the success body unread.</summary>
    public Task<ApiResponse<StreamedContent>> SendOperationForContentAsync(string operationId, IReadOnlyDictionary<string, string>? arguments, OperationContent? content,
        CancellationToken cancellationToken)
    {
        var request = BuildOperation(operationId, arguments, content);
        if (_operations[operationId].ResponseMediaType is { } mediaType) request.Headers.TryAddWithoutValidation("Accept", mediaType);
        return SendForContentAsync(operationId, request, cancellationToken);
    }

    private HttpRequestMessage BuildOperation(string operationId, IReadOnlyDictionary<string, string>? arguments, OperationContent? body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);
        if (!_operations.TryGetValue(operationId, out var operation))
            throw new ArgumentException($"{ServiceName} has no operation '{operationId}'; it has {string.Join(", ", _operations.Keys)}.", nameof(operationId));
        return OperationRequest.Build(operation, arguments, body);
    }
}
