using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Specwright.Core.Errors;
using Specwright.Core.Http;
using Specwright.Core.Options;
using Specwright.Core.Retry;
using Specwright.TestSupport;
using Specwright.Core.Internal;

namespace Specwright.Core.Tests;

public sealed record Thing([property: JsonPropertyName("id")] string Id);

/// <summary>A form body with every kind of field: a string, a number, a boolean, an array, an object and an unset one.</summary>
public sealed record Form(
    [property: JsonPropertyName("To")] string To,
    [property: JsonPropertyName("MaxPrice")] decimal? MaxPrice,
    [property: JsonPropertyName("SendAsMms")] bool? SendAsMms,
    [property: JsonPropertyName("StatusCallbackEvent")] IReadOnlyList<string>? Events,
    [property: JsonPropertyName("Meta")] Dictionary<string, string>? Meta,
    [property: JsonPropertyName("Unset")] string? Unset);

[JsonSerializable(typeof(Thing))]
[JsonSerializable(typeof(Form))]
internal sealed partial class TestServiceJson : JsonSerializerContext;

public sealed class TestServiceException(ApiErrorInfo error) : ApiException(error);

public sealed class TestServiceOptions : SpecwrightClientOptions;

/// <summary>
/// A service of two operations assembled from Core's parts the way a generated client assembles them
/// (options resolved, the Core pipeline, the one transport, the spec error decoder), so Core's mechanisms
/// are tested with no generated service in between.
/// </summary>
internal sealed class TestService : IDisposable
{
    public const string Key = "test_key_0123456789";
    public const string ErrorBody = """{"error":{"code":"x","message":"m"},"request_id":"r"}""";
    public const string ThingJson = """{"id":"t1"}""";

    /// <summary>The vendor's rules: 429 and 5xx but 504 (the work may still be running) are retried.</summary>
    public static readonly RetryRules Rules = new()
    {
        RetryableStatuses = [429, 500, 502, 503],
        RequestsPerMinuteField = ["error", "details", "limit_per_min"],
        MaxConcurrentRequestsField = ["error", "details", "max_concurrent"],
    };

    /// <summary>A GET, retried on every retryable status, and a billed POST, retried only on a 429 (refused before any work).</summary>
    public static readonly IReadOnlyDictionary<string, OperationInfo> Operations = new Dictionary<string, OperationInfo>
    {
        ["getThing"] = new("getThing")
        {
            RetryableStatuses = [429, 500, 502, 503], Method = "GET", Path = "/things/{id}",
            Parameters = [new("id", ParameterLocation.Path, true), new("fields", ParameterLocation.Query, false), new("X-Trace", ParameterLocation.Header, false)],
        },
        ["createThing"] = new("createThing") { RetryableStatuses = [429], CreditCost = 1, Method = "POST", Path = "/things", Body = new OperationBody(true) },
        ["watchThings"] = new("watchThings") { Method = "GET", Path = "/things/events", ResponseMediaType = "text/event-stream" },
        ["tagThing"] = new("tagThing") { Method = "POST", Path = "/things/tags", Body = new OperationBody(true) { MediaTypes = ["application/x-www-form-urlencoded"] } },
        ["attachThing"] = new("attachThing") { Method = "POST", Path = "/things/files", Body = new OperationBody(true) { MediaTypes = ["multipart/form-data", "application/json"] } },
        ["listThings"] = new("listThings")
        {
            Path = "/things",
            Parameters = [new("limit", ParameterLocation.Query, false, "integer") { Constraints = new() { Minimum = 1, Maximum = 100 } }],
        },
        ["setPicture"] = new("setPicture") { Method = "PUT", Path = "/things/picture", Body = new OperationBody(true) { MediaTypes = ["image/*"] } },
    };

    private static readonly ErrorShape Shape = new() { Code = ["error", "code"], Message = ["error", "message"], RequestId = ["request_id"] };

    private readonly HttpMessageInvoker _pipeline;
    private readonly ApiTransport _transport;
    private int _decoded;

    private TestService(HttpMessageInvoker pipeline, ApiTransport transport) => (_pipeline, _transport) = (pipeline, transport);

    /// <summary>How many error responses were decoded into exceptions.</summary>
    public int Decoded => Volatile.Read(ref _decoded);

    /// <summary>Over <paramref name="http"/> as the caller's HttpClient, or over <paramref name="handler"/> as the last handler.</summary>
    public static TestService Create(FakeHttp? http = null, TestClock? clock = null, int? maxRetries = null, ILoggerFactory? logs = null,
        TimeSpan? timeout = null, ClientRateLimit? rateLimit = null, HttpMessageHandler? handler = null, TimeSpan? maxRetryAfter = null,
        HttpClient? callerClient = null, Action<TestServiceOptions>? configure = null)
    {
        var options = new TestServiceOptions
        {
            ApiKey = Key,
            BaseUrl = new Uri("https://api.test.example/v1"),
            MaxRetries = maxRetries,
            TimeProvider = clock ?? new TestClock(),
            LoggerFactory = logs,
            Timeout = timeout ?? TimeSpan.FromSeconds(180),
            RateLimit = rateLimit,
            MaxRetryAfter = maxRetryAfter,
        };
        configure?.Invoke(options);
        var resolved = options.Resolve("Test", "SPECWRIGHT_TEST_API_KEY", null, defaultMaxRetries: 2);
        TestService? service = null;
        // A 429 whose message says the quota is used up is `quota_exhausted`, which the spec says not to retry.
        var decoder = new SpecErrorDecoder(Shape, e =>
        {
            Interlocked.Increment(ref service!._decoded);
            return new TestServiceException(e);
        }, (status, message) => status == 429 && message?.Contains("quota", StringComparison.OrdinalIgnoreCase) == true ? "quota_exhausted" : null)
        {
            NotRetryableCodes = new Dictionary<int, IReadOnlyList<string>> { [429] = ["quota_exhausted"] },
        };
        var pipeline = resolved.CreatePipeline("Specwright.Test", "1.0.0", "X-API-Key", null, Rules, callerClient ?? http?.CreateClient(), handler, errors: decoder);
        return service = new TestService(pipeline, new ApiTransport(pipeline, resolved.BaseUrl, TestServiceJson.Default, decoder, "Test", resolved.TimeProvider, Operations));
    }

    public Task<ApiResponse<Thing>> GetThingAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendWithHeadersAsync<Thing>("getThing", new HttpRequestMessage(HttpMethod.Get, new Uri("things/" + id, UriKind.Relative)), cancellationToken);

    /// <summary>A text/event-stream operation, sent as the generated request builders send one.</summary>
    public Task<ApiResponse<ServerSentEventStream<T>>> WatchAsync<T>(CancellationToken cancellationToken = default) =>
        new Events(_transport).WatchAsync<T>(cancellationToken);

    /// <summary>A JSON Lines operation, sent as the generated request builders send one.</summary>
    public Task<ApiResponse<JsonLinesStream<T>>> ExportAsync<T>(CancellationToken cancellationToken = default) =>
        new Events(_transport).ExportAsync<T>(cancellationToken);

    /// <summary>A text/plain operation, sent as the generated request builders send one.</summary>
    public Task<ApiResponse<string>> ReadTextAsync(CancellationToken cancellationToken = default) =>
        new Events(_transport).ReadTextAsync(cancellationToken);

    private sealed class Events(ApiTransport transport) : GeneratedClientBase(transport)
    {
        public Task<ApiResponse<string>> ReadTextAsync(CancellationToken cancellationToken) =>
            SendForTextAsync("getThing", new HttpRequestMessage(HttpMethod.Get, new Uri("things/notes.txt", UriKind.Relative)), "text/plain", cancellationToken);

        public Task<ApiResponse<ServerSentEventStream<T>>> WatchAsync<T>(CancellationToken cancellationToken) =>
            SendForEventsAsync<T>("getThing", new HttpRequestMessage(HttpMethod.Get, new Uri("things/events", UriKind.Relative)), cancellationToken);

        public Task<ApiResponse<JsonLinesStream<T>>> ExportAsync<T>(CancellationToken cancellationToken) =>
            SendForJsonLinesAsync<T>("getThing", new HttpRequestMessage(HttpMethod.Get, new Uri("things/export", UriKind.Relative)), "application/x-ndjson", cancellationToken);
    }

    public Task<ApiResponse<StreamedContent>> DownloadThingAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendForContentAsync("getThing", new HttpRequestMessage(HttpMethod.Get, new Uri("things/" + id + "/file", UriKind.Relative)), cancellationToken);

    public Task<ApiResponse<Thing>> CreateThingFormAsync(Form form, CancellationToken cancellationToken = default) =>
        _transport.SendWithHeadersAsync<Thing>("createThing", new HttpRequestMessage(HttpMethod.Post, new Uri("things", UriKind.Relative))
        {
            Content = _transport.CreateFormContent(form),
        }, cancellationToken);

    public Task<ApiResponse<Thing>> CreateThingAsync(Thing thing, CancellationToken cancellationToken = default) =>
        _transport.SendWithHeadersAsync<Thing>("createThing", new HttpRequestMessage(HttpMethod.Post, new Uri("things", UriKind.Relative))
        {
            Content = _transport.CreateJsonContent(thing),
        }, cancellationToken);

    public Task<ApiResponse<System.Text.Json.JsonElement>> SendOperationAsync(string operationId, IReadOnlyDictionary<string, string>? arguments = null,
        System.Text.Json.JsonElement? body = null, CancellationToken cancellationToken = default) =>
        _transport.SendOperationAsync(operationId, arguments, body, cancellationToken);

    public Task<ApiResponse<System.Text.Json.JsonElement>> SendOperationAsync(string operationId, IReadOnlyDictionary<string, string>? arguments,
        OperationContent content, CancellationToken cancellationToken = default) =>
        _transport.SendOperationAsync(operationId, arguments, content, cancellationToken);

    public Task<ApiResponse<StreamedContent>> SendOperationForContentAsync(string operationId, IReadOnlyDictionary<string, string>? arguments = null,
        CancellationToken cancellationToken = default) =>
        _transport.SendOperationForContentAsync(operationId, arguments, null, cancellationToken);

    public void Dispose() => _pipeline.Dispose();
}
