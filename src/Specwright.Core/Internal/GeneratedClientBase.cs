using System.ComponentModel;
using Specwright.Core.Http;

namespace Specwright.Core.Internal;

/// <summary>
/// Base class of every generated request builder (written by generator/Specwright.Generator/RequestEmitter.cs). The
/// generated code only builds requests; everything else goes through the shared <see cref="ApiTransport"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // for generated code; not part of the API a caller uses
public abstract class GeneratedClientBase
{
    protected GeneratedClientBase(ApiTransport transport) =>
        Transport = transport ?? throw new ArgumentNullException(nameof(transport));

    protected ApiTransport Transport { get; }

    protected Task<ApiResponse<T>> SendWithHeadersAsync<T>(string operationId, HttpRequestMessage request, CancellationToken cancellationToken) =>
        Transport.SendWithHeadersAsync<T>(operationId, request, cancellationToken);

    protected Task<ApiResponse> SendWithHeadersAsync(string operationId, HttpRequestMessage request, CancellationToken cancellationToken) =>
        Transport.SendWithHeadersAsync(operationId, request, cancellationToken);

    protected Task<ApiResponse<StreamedContent>> SendForContentAsync(string operationId, HttpRequestMessage request, CancellationToken cancellationToken) =>
        Transport.SendForContentAsync(operationId, request, cancellationToken);

    /// <summary>Sends like <see cref="SendForContentAsync"/>, asking for <c>text/event-stream</c>; the answer's events are read as they arrive.</summary>
    protected async Task<ApiResponse<ServerSentEventStream<T>>> SendForEventsAsync<T>(string operationId, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        var response = await Transport.SendForContentAsync(operationId, request, cancellationToken).ConfigureAwait(false);
        return response.With(new ServerSentEventStream<T>(response.Value, typeof(T) == typeof(string) ? null : Transport.TypeInfo<T>(), operationId, response.StatusCode));
    }

    /// <summary>Sends, then returns the success body as text (<paramref name="mediaType"/>: <c>text/plain</c>, <c>text/csv</c>, XML).</summary>
    protected Task<ApiResponse<string>> SendForTextAsync(string operationId, HttpRequestMessage request, string mediaType, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("Accept", mediaType);
        return Transport.SendForTextAsync(operationId, request, cancellationToken);
    }

    /// <summary>Sends, then returns the success body as JSON Lines (<paramref name="mediaType"/>) read line by line as it arrives.</summary>
    protected async Task<ApiResponse<JsonLinesStream<T>>> SendForJsonLinesAsync<T>(string operationId, HttpRequestMessage request, string mediaType,
        CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("Accept", mediaType);
        var response = await Transport.SendForContentAsync(operationId, request, cancellationToken).ConfigureAwait(false);
        return response.With(new JsonLinesStream<T>(response.Value, Transport.TypeInfo<T>(), operationId, response.StatusCode));
    }

    protected HttpContent CreateJsonContent<T>(T body) => Transport.CreateJsonContent(body);

    /// <summary>The body as JSON with <paramref name="flag"/> set to true (<c>"stream": true</c>, for the streaming form of an operation).</summary>
    protected HttpContent CreateJsonContent<T>(T body, string flag)
    {
        if (System.Text.Json.JsonSerializer.SerializeToNode(body, Transport.TypeInfo<T>()) is not System.Text.Json.Nodes.JsonObject json)
            return Transport.CreateJsonContent(body);
        json[flag] = true;
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    protected HttpContent CreateFormContent<T>(T body) => Transport.CreateFormContent(body);

    /// <summary>Path and required query parameters: null, empty or blank is a caller error named by parameter.</summary>
    protected static void ThrowIfMissing(object? value, string parameterName)
    {
        if (value is null || value is string s && string.IsNullOrWhiteSpace(s))
            throw new ArgumentException($"'{parameterName}' is required and must not be empty.", parameterName);
    }
}
