using Specwright.ScrapeLlm.Internal;

namespace Specwright.ScrapeLlm;

/// <summary>How to wait for a job; unset values come from the spec's polling schedule.</summary>
public sealed class JobWaitOptions
{
    /// <summary>Poll intervals and deadline. Default: 2 s, x1.5, capped at 10 s, 45-minute deadline.</summary>
    public Core.Polling.PollingSchedule? Schedule { get; init; }

    /// <summary>Receives every state seen, in order.</summary>
    public IProgress<Job>? Progress { get; init; }
}

/// <summary>
/// One scraper: ask synchronously, or submit a job and wait for it. Every call checks the request against
/// the spec first (prompt length, country format and the scraper's unsupported countries, provider timeout).
/// </summary>
public abstract class Scraper<TRequest, TResponse>
    where TRequest : ScrapeLlmRequest
    where TResponse : ScrapeResponse
{
    private readonly IReadOnlyList<string> _unsupportedCountries;

    private protected Scraper(ScrapeLlmClient client, ScraperId id, IReadOnlyList<string> unsupportedCountries)
    {
        Client = client;
        Id = id;
        _unsupportedCountries = unsupportedCountries;
    }

    /// <summary>The scraper's id (its path segment).</summary>
    public ScraperId Id { get; }

    /// <summary><c>country</c> values this scraper refuses; asking with one throws <see cref="UnsupportedCountryException"/> before sending.</summary>
    public IReadOnlyList<string> UnsupportedCountries => _unsupportedCountries;

    private protected ScrapeLlmClient Client { get; }
    private protected ScrapeLlmApi Api => Client.Api;

    /// <summary>Asks and waits for the answer in one request (5-30 s typically). 3 credits, charged only on success.</summary>
    public abstract Task<TResponse> AskAsync(TRequest request, CancellationToken cancellationToken = default);

    /// <summary>Queues the prompt as a job and returns its id at once. 3 credits, charged now and refunded if the job fails.</summary>
    public abstract Task<JobSubmitted> SubmitAsync(TRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Submits a job and waits for its result. Throws <see cref="JobFailedException"/> when it fails,
    /// <see cref="JobWaitTimeoutException"/> at the deadline, <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    [Core.SpecOperation("getJob")]
    public async Task<TResponse> SubmitAndWaitAsync(TRequest request, JobWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        var submitted = await SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        return await WaitForResultAsync(submitted.JobId, options, pollImmediately: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for a job of this scraper (also one submitted elsewhere, within its 24 hours) and returns its result.</summary>
    [Core.SpecOperation("getJob")]
    public Task<TResponse> WaitForResultAsync(string jobId, JobWaitOptions? options = null, CancellationToken cancellationToken = default) =>
        WaitForResultAsync(jobId, options, pollImmediately: true, cancellationToken);

    private async Task<TResponse> WaitForResultAsync(string jobId, JobWaitOptions? options, bool pollImmediately, CancellationToken cancellationToken)
    {
        var job = await Client.WaitAsync(jobId, options, pollImmediately, cancellationToken).ConfigureAwait(false);
        if (job.Scraper != Id)
            throw new InvalidOperationException($"Job {jobId} belongs to the {job.Scraper} scraper, not {Id}; wait for it with that scraper or ScrapeLlmClient.WaitForJobAsync.");
        var result = job.ResultAs<TResponse>()
            ?? throw new Core.Errors.ResponseFormatException(ScrapeLlmSpec.Operations.GetJob.Id, 200, null,
                new System.Text.Json.JsonException($"job {jobId} is done but has no result"));
        Client.RecordCredits(ScrapeLlmSpec.Operations.GetJob.Id, result.CreditsUsed);
        return result;
    }

    private protected CheckedQuery Check(TRequest request) => CheckedQuery.From(request, Id, _unsupportedCountries);

    private protected async Task<TResponse> Answered(string operationId, Task<TResponse> call)
    {
        var response = await call.ConfigureAwait(false);
        Client.RecordCredits(operationId, response.CreditsUsed);
        return response;
    }

    public override string ToString() => $"{Id} scraper";
}
