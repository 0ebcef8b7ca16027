using System.Reflection;
using Microsoft.Extensions.Logging;
using Specwright.Core.Http;
using Specwright.Core.Options;
using Specwright.Core.Paging;
using Specwright.Core.Polling;
using Specwright.Ittybit.Internal;

namespace Specwright.Ittybit;

/// <summary>
/// Client of the Ittybit media-processing API: tasks and chained runs (with waits on the shared poller),
/// automations run on demand, webhook endpoints and the event log. Lists are <see cref="IAsyncEnumerable{T}"/>
/// following the cursor in the response headers, or one <see cref="Page{T}"/> at a time. One exception per
/// error kind; the vendor's retry rules (429 honours Retry-After).
/// </summary>
public partial class IttybitClient : IDisposable
{
    internal static readonly string SdkVersion =
        typeof(IttybitClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly HttpMessageInvoker _invoker;
    private readonly ILogger _pollingLog;

    /// <summary>A client with its own connection pool.</summary>
    public IttybitClient(IttybitClientOptions options) : this(options, null, null) { }

    /// <summary>A client that sends through <paramref name="httpClient"/> (its handlers, proxy and pool); Specwright's retry, key and user-agent handlers run on top.</summary>
    public IttybitClient(HttpClient httpClient, IttybitClientOptions options)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), null) { }

    /// <summary>
    /// A client whose pipeline ends in <paramref name="transport"/> instead of its own socket handler (a
    /// configured <see cref="SocketsHttpHandler"/>, or a test double); disposed with the client.
    /// </summary>
    public IttybitClient(HttpMessageHandler transport, IttybitClientOptions options)
        : this(options, null, transport ?? throw new ArgumentNullException(nameof(transport))) { }

    private IttybitClient(IttybitClientOptions options, HttpClient? httpClient, HttpMessageHandler? transport)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Resolve();
        _invoker = Options.CreatePipeline("Specwright.Ittybit", SdkVersion, IttybitSpec.ApiKeyHeader, IttybitSpec.ApiKeyScheme, IttybitSpec.Retry, httpClient, transport: transport);
        Api = new IttybitApi(new ApiTransport(_invoker, Options.BaseUrl, IttybitJsonContext.Default, IttybitErrorDecoder.Instance, "Ittybit", Options.TimeProvider));
        _pollingLog = Options.LoggerFactory.CreateLogger("Specwright.Ittybit.Polling");
    }

    internal IttybitApi Api { get; }
    internal ResolvedClientOptions Options { get; }

    private Task<T> WaitAsync<T>(string resource, string operationId, string id, Func<CancellationToken, Task<T>> fetch, Func<T, Status> statusOf,
        Func<T, Exception> onFailure, PollingSchedule schedule, IProgress<T>? progress, bool pollImmediately, CancellationToken cancellationToken)
        where T : class =>
        Poller.WaitAsync(new PollRequest<T>
        {
            OperationName = operationId,
            Fetch = fetch,
            StateOf = x => statusOf(x),
            OnFailure = onFailure,
            OnTimeout = (last, timeout) => new IttybitWaitTimeoutException(resource, id, last is null ? (Status?)null : statusOf(last), timeout),
            Schedule = schedule,
            Progress = progress,
            Time = Options.TimeProvider,
            PollImmediately = pollImmediately,
            Logger = _pollingLog,
        }, cancellationToken);

    /// <summary>One list operation: calls it for a page starting after a cursor (null: the first page).</summary>
    private delegate Task<ApiResponse<IList<T>>> ListCall<T>(string? after, CancellationToken cancellationToken);

    /// <summary>Every item of a list from <see cref="ListOptions.After"/> on, pages fetched as the caller enumerates. The limit is checked at once.</summary>
    private static IAsyncEnumerable<T> ListAll<T>(string operationId, ListOptions? options, ListCall<T> call, Func<T, string?> cursorOf, CancellationToken cancellationToken)
    {
        options?.CheckedLimit();
        return CursorPager.ListAsync((after, ct) => PageAsync(operationId, call, after, cursorOf, ct), options?.After, operationId, cancellationToken);
    }

    /// <summary>One page of a list, read from the response headers as the spec's pagination says.</summary>
    private static async Task<Page<T>> PageAsync<T>(string operationId, ListCall<T> call, string? after, Func<T, string?> cursorOf, CancellationToken cancellationToken) =>
        CursorPager.ToPage(await call(after, cancellationToken).ConfigureAwait(false), IttybitSpec.Pagination, cursorOf, operationId);

    internal static string Reason(TaskError? error) =>
        error is null ? "" : $": {error.Kind}{(error.Kind is not null && error.Message is not null ? " - " : "")}{error.Message?.TrimEnd('.')}";

    internal static void ThrowIfBlank(string? value, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"'{parameterName}' is required and must not be empty.", parameterName);
    }

    public override string ToString() => $"IttybitClient({Options})";

    public void Dispose()
    {
        _invoker.Dispose();
        GC.SuppressFinalize(this);
    }
}
