using System.Reflection;
using Microsoft.Extensions.Logging;
using Specwright.Core.Diagnostics;
using Specwright.Core.Http;
using Specwright.Core.Options;
using Specwright.Core.Polling;
using Specwright.ScrapeLlm.Internal;

namespace Specwright.ScrapeLlm;

/// <summary>
/// Client of the ScrapeLLM API: one typed scraper per AI engine (ask synchronously, or submit a job and
/// wait), job polling on the shared poller, one exception per error kind (the three 429 causes told apart),
/// and the vendor's retry rules. Polling a job needs no API key.
/// </summary>
public class ScrapeLlmClient : IDisposable
{
    internal static readonly string SdkVersion =
        typeof(ScrapeLlmClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly HttpMessageInvoker _invoker;

    /// <summary>A client with its own connection pool.</summary>
    public ScrapeLlmClient(ScrapeLlmClientOptions options) : this(options, null, null) { }

    /// <summary>A client that sends through <paramref name="httpClient"/> (its handlers, proxy and pool); Specwright's retry, key and user-agent handlers run on top.</summary>
    public ScrapeLlmClient(HttpClient httpClient, ScrapeLlmClientOptions options)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), null) { }

    /// <summary>
    /// A client whose pipeline ends in <paramref name="transport"/> instead of its own socket handler (a
    /// configured <see cref="SocketsHttpHandler"/>, or a test double); disposed with the client.
    /// </summary>
    public ScrapeLlmClient(HttpMessageHandler transport, ScrapeLlmClientOptions options)
        : this(options, null, transport ?? throw new ArgumentNullException(nameof(transport))) { }

    private ScrapeLlmClient(ScrapeLlmClientOptions options, HttpClient? httpClient, HttpMessageHandler? transport)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Resolve();
        _invoker = Options.CreatePipeline("Specwright.ScrapeLlm", SdkVersion, ScrapeLlmSpec.ApiKeyHeader, null, ScrapeLlmSpec.Retry, httpClient,
            ScrapeLlmSpec.OperationsWithoutApiKey, transport: transport);
        Api = new ScrapeLlmApi(new ApiTransport(_invoker, Options.BaseUrl, ScrapeLlmJsonContext.Default, ScrapeLlmErrorDecoder.Instance, "ScrapeLlm", Options.TimeProvider));
        ChatGpt = new ChatGptScraper(this);
        Perplexity = new PerplexityScraper(this);
        Gemini = new GeminiScraper(this);
        Grok = new GrokScraper(this);
        Copilot = new CopilotScraper(this);
        GoogleAiMode = new GoogleAiModeScraper(this);
        AmazonRufus = new AmazonRufusScraper(this);
    }

    internal ScrapeLlmApi Api { get; }
    internal ResolvedClientOptions Options { get; }

    public ChatGptScraper ChatGpt { get; }
    public PerplexityScraper Perplexity { get; }
    public GeminiScraper Gemini { get; }
    public GrokScraper Grok { get; }
    public CopilotScraper Copilot { get; }
    public GoogleAiModeScraper GoogleAiMode { get; }
    public AmazonRufusScraper AmazonRufus { get; }

    /// <summary>
    /// A job in any state. Free, and needs no API key. A job is kept 24 hours; after that (or for an id
    /// that never existed) this throws <see cref="JobExpiredOrUnknownException"/>.
    /// </summary>
    [Core.SpecOperation("getJob")]
    public virtual Task<Job> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        Api.GetJobAsync(jobId, cancellationToken);

    /// <summary>
    /// Polls a job until it is <c>done</c> and returns it (read the result with <see cref="Job.ResultAs{T}"/>).
    /// Throws <see cref="JobFailedException"/>, <see cref="JobWaitTimeoutException"/>, or
    /// <see cref="JobExpiredOrUnknownException"/> for an id that is unknown or older than 24 hours.
    /// </summary>
    [Core.SpecOperation("getJob")]
    public virtual Task<Job> WaitForJobAsync(string jobId, JobWaitOptions? options = null, CancellationToken cancellationToken = default) =>
        WaitAsync(jobId, options, pollImmediately: true, cancellationToken);

    internal Task<Job> WaitAsync(string jobId, JobWaitOptions? options, bool pollImmediately, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(jobId)) throw new ArgumentException("'jobId' is required and must not be empty.", nameof(jobId));
        return Poller.WaitAsync(new PollRequest<Job>
        {
            OperationName = ScrapeLlmSpec.Operations.GetJob.Id,
            Fetch = ct => GetJobAsync(jobId, ct),
            StateOf = job => job.Status,
            OnFailure = job => new JobFailedException(job),
            OnTimeout = (job, timeout) => new JobWaitTimeoutException(jobId, job, timeout),
            Schedule = options?.Schedule ?? ScrapeLlmSpec.Operations.GetJob.Polling,
            Progress = options?.Progress,
            Time = Options.TimeProvider,
            PollImmediately = pollImmediately,
            Logger = Options.LoggerFactory.CreateLogger("Specwright.ScrapeLlm.Polling"),
        }, cancellationToken);
    }

    internal void RecordCredits(string operationId, int creditsUsed) => SpecwrightTelemetry.RecordCredits("ScrapeLlm", operationId, creditsUsed);

    public override string ToString() => $"ScrapeLlmClient({Options})";

    public void Dispose()
    {
        _invoker.Dispose();
        GC.SuppressFinalize(this);
    }
}
