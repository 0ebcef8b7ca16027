using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Specwright.Core.Diagnostics;
using Specwright.Core.Errors;
using Specwright.Core.Internal;

namespace Specwright.Core.Http;

/// <summary>
/// The one transport class (Stripe-style) every generated client sends through: it sends the request
/// over the service's HttpClient pipeline, hands error responses to the service's <see cref="ErrorDecoder"/>,
/// and reads success bodies with System.Text.Json source-generated metadata, streaming.
/// </summary>
public sealed partial class ApiTransport
{
    /// <summary>Error bodies are read up to this size; the rest is not needed to decode them.</summary>
    public const int MaxErrorBodyBytes = 1 << 20;

    private readonly HttpMessageInvoker _http;
    private readonly Uri _baseUrl;
    private readonly string _baseUrlString;
    private readonly JsonSerializerContext _json;
    private readonly ErrorDecoder _errors;
    private readonly TimeProvider _time;
    private readonly IReadOnlyDictionary<string, OperationInfo> _operations;

    /// <summary>
    /// Sends through <paramref name="http"/> (the service's pipeline) to paths under <paramref name="baseUrl"/>;
    /// <paramref name="operations"/> (the spec's operations by id) put each operation's facts on its requests.
    /// </summary>
    public ApiTransport(HttpMessageInvoker http, Uri baseUrl, JsonSerializerContext json, ErrorDecoder errors, string serviceName, TimeProvider? time = null,
        IReadOnlyDictionary<string, OperationInfo>? operations = null)
    {
        _operations = operations ?? new Dictionary<string, OperationInfo>();
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _baseUrl = baseUrl ?? throw new ArgumentNullException(nameof(baseUrl));
        _baseUrlString = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl.AbsoluteUri : baseUrl.AbsoluteUri + "/";
        _json = json ?? throw new ArgumentNullException(nameof(json));
        _errors = errors ?? throw new ArgumentNullException(nameof(errors));
        ServiceName = serviceName;
        _time = time ?? TimeProvider.System;
    }

    public string ServiceName { get; }

    public JsonTypeInfo<T> TypeInfo<T>()
    {
        // A model belongs to one service's context; remembering it per type skips the context's lookup on every call.
        if (TypeInfoOf<T>.Last is { } last && ReferenceEquals(last.Context, _json)) return last.Info;
        var info = _json.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
                   ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the {ServiceName} JSON context; regenerate the client.");
        TypeInfoOf<T>.Last = new(_json, info);
        return info;
    }

    private static class TypeInfoOf<T>
    {
        public static Entry? Last;

        public sealed record Entry(JsonSerializerContext Context, JsonTypeInfo<T> Info);
    }

    public HttpContent CreateJsonContent<T>(T body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, TypeInfo<T>()));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>
    /// A model sent as <c>application/x-www-form-urlencoded</c> (OpenAPI's form style, exploded): each property it would have in
    /// JSON (wire names, unset ones left out) is a field; an array repeats its field; an object's members are <c>name[member]</c>.
    /// </summary>
    public HttpContent CreateFormContent<T>(T body) =>
        new FormUrlEncodedContent(FormFields.From(JsonSerializer.SerializeToElement(body, TypeInfo<T>()), typeof(T).Name));

    /// <summary>
    /// Sends like <see cref="SendWithHeadersAsync{T}"/> (errors decoded the same way) and reads the success body as text in the
    /// charset it names (UTF-8 when none): an answer of <c>text/plain</c>, <c>text/csv</c>, <c>text/html</c> or XML.
    /// </summary>
    public async Task<ApiResponse<string>> SendForTextAsync(string operationId, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = SpecwrightTelemetry.StartOperation(ServiceName, operationId);
        using var response = await SendCoreAsync(operationId, request, cancellationToken).ConfigureAwait(false);
        var success = new SuccessResponse(operationId, response, _time);
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new ApiResponse<string>((int)response.StatusCode, response.Headers, text);
        }
        catch (Exception e) when (IsBodyFailure(e, cancellationToken))
        {
            throw BodyFailure(e, success);
        }
    }

    /// <summary>Sends and reads the success body as <typeparamref name="T"/>, with the response's status, headers and request id.</summary>
    public async Task<ApiResponse<T>> SendWithHeadersAsync<T>(string operationId, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = SpecwrightTelemetry.StartOperation(ServiceName, operationId);
        using var response = await SendCoreAsync(operationId, request, cancellationToken).ConfigureAwait(false);
        var body = await ReadBodyAsync<T>(operationId, response, cancellationToken).ConfigureAwait(false);
        return new ApiResponse<T>((int)response.StatusCode, response.Headers, body);
    }

    private async Task<T> ReadBodyAsync<T>(string operationId, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var success = new SuccessResponse(operationId, response, _time);
        T value;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            value = await JsonSerializer.DeserializeAsync(stream, TypeInfo<T>(), cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("the body is JSON null");
        }
        catch (Exception e) when (IsBodyFailure(e, cancellationToken))
        {
            throw BodyFailure(e, success);
        }
        if (_errors.DecodeSuccessBody(value!, success) is { } error) throw error;
        return value;
    }

    /// <summary>
    /// Sends like <see cref="SendWithHeadersAsync{T}"/> (errors decoded the same way), then yields the elements
    /// <paramref name="items"/> finds in the success body as they arrive, never holding the whole body.
    /// </summary>
    public async IAsyncEnumerable<T> StreamItemsAsync<T>(string operationId, HttpRequestMessage request, Serialization.JsonItemStream<T> items,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        HttpResponseMessage response;
        using (SpecwrightTelemetry.StartOperation(ServiceName, operationId))
            response = await SendCoreAsync(operationId, request, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var success = new SuccessResponse(operationId, response, _time);
            Stream stream;
            try
            {
                stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsBodyFailure(e, cancellationToken))
            {
                throw BodyFailure(e, success);
            }
            await using (stream.ConfigureAwait(false))
            {
                var reader = items.ReadAsync(stream, cancellationToken).GetAsyncEnumerator(cancellationToken);
                await using (reader.ConfigureAwait(false))
                {
                    while (true)
                    {
                        try
                        {
                            if (!await reader.MoveNextAsync().ConfigureAwait(false)) break;
                        }
                        catch (Exception e) when (IsBodyFailure(e, cancellationToken))
                        {
                            throw BodyFailure(e, success);
                        }
                        yield return reader.Current;
                    }
                }
            }
        }
    }

    // A success body that is not the documented JSON, or that breaks off: the same report whether read whole or streamed.
    private static bool IsBodyFailure(Exception e, CancellationToken cancellationToken) =>
        e is JsonException || e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested;

    private static TransportException BodyFailure(Exception e, SuccessResponse success)
    {
        if (e is not JsonException) return new TransportException($"the response body was cut off ({e.Message})", success.OperationId, e);
        var context = success.ToContext();
        return new ResponseFormatException(success.OperationId, context.StatusCode, context.RequestIdHeader, e);
    }

    /// <summary>
    /// Sends like <see cref="SendWithHeadersAsync{T}"/> (errors decoded the same way) and returns the success body unread,
    /// as a stream the caller disposes: a download is never held in memory.
    /// </summary>
    public async Task<ApiResponse<StreamedContent>> SendForContentAsync(string operationId, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        using (SpecwrightTelemetry.StartOperation(ServiceName, operationId))
        {
            if (!request.Headers.NonValidated.Contains("Accept")) request.Headers.TryAddWithoutValidation("Accept", "*/*");
            response = await SendCoreAsync(operationId, request, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new ApiResponse<StreamedContent>((int)response.StatusCode, response.Headers, new StreamedContent(response, stream));
        }
        catch (Exception e) when (IsBodyFailure(e, cancellationToken))
        {
            response.Dispose();
            throw BodyFailure(e, new SuccessResponse(operationId, response, _time));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>An operation without a response body (e.g. a 204): its status and headers.</summary>
    public async Task<ApiResponse> SendWithHeadersAsync(string operationId, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = SpecwrightTelemetry.StartOperation(ServiceName, operationId);
        using var response = await SendCoreAsync(operationId, request, cancellationToken).ConfigureAwait(false);
        return new ApiResponse((int)response.StatusCode, response.Headers);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(string operationId, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(RequestOptionKeys.OperationId, operationId);
        if (_operations.TryGetValue(operationId, out var info)) request.Options.Set(RequestOptionKeys.Operation, info);
        if (request.RequestUri is { IsAbsoluteUri: false } relative) request.RequestUri = Resolve(relative);
        if (!request.Headers.NonValidated.Contains("Accept")) request.Headers.TryAddWithoutValidation("Accept", "application/json");
        HttpResponseMessage response;
        try
        {
            // An invoker (not HttpClient) streams the body: the response returns once headers arrive.
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (request.Options.TryGetValue(RequestOptionKeys.DecodedError, out var decoded))
            {
                response.Dispose();
                throw decoded;
            }
        }
        catch (HttpRequestException e)
        {
            throw new TransportException($"the request failed before a response arrived ({e.HttpRequestError}: {e.Message})", operationId, e);
        }
        finally
        {
            request.Dispose();
        }
        if (response.IsSuccessStatusCode || (info?.RedirectAnswer is { } redirect && (int)response.StatusCode == redirect)) return response;
        using (response)
        {
            var body = await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            throw _errors.Decode(new ResponseContext(operationId, response, body, _time));
        }
    }

    // Operation paths are appended to the base URL (which ends with '/'); concatenating is what
    // resolving such a path does, at half the allocations. Anything else is resolved properly.
    private Uri Resolve(Uri relative)
    {
        var path = relative.OriginalString;
        return path.Length > 0 && path[0] is not ('/' or '?' or '#') && !path.Contains("..", StringComparison.Ordinal) && !path.Contains(':', StringComparison.Ordinal)
            ? new Uri(_baseUrlString + path, UriKind.Absolute)
            : new Uri(_baseUrl, relative);
    }

    /// <summary>An error body, read up to <see cref="MaxErrorBodyBytes"/>; empty when it breaks off.</summary>
    internal static async Task<ReadOnlyMemory<byte>> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while (buffer.Length < MaxErrorBodyBytes &&
                   (read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                buffer.Write(chunk, 0, (int)Math.Min(read, MaxErrorBodyBytes - buffer.Length));
            return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return ReadOnlyMemory<byte>.Empty; // a cut-off error body still yields a typed error from its status
        }
    }
}
