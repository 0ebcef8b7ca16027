using System.Collections.Concurrent;
using System.Text.Json;
using Specwright.Sandbox.Accounts;
using Specwright.ScrapeLlm;

namespace Specwright.Sandbox.ScrapeLlm;

/// <summary>
/// One async job. It is <c>pending</c> until its completion time, then <c>done</c> or (after the server's
/// three retries) <c>failed</c>. It is settled exactly once, by its timer or by the first read after that
/// time, whichever comes first: a failed job's credits are refunded then.
/// </summary>
internal sealed class SandboxJob
{
    private int _settled;

    public required string Id { get; init; }
    public required ScraperId Scraper { get; init; }
    public required string Prompt { get; init; }
    public required string Country { get; init; }
    public required Account Account { get; init; }
    public required int Charged { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset CompletesAt { get; init; }

    /// <summary>The result when the job succeeds (null when it fails).</summary>
    public JsonElement? Result { get; init; }

    /// <summary>The error when the job fails.</summary>
    public string? Error { get; init; }

    public ITimer? Timer { get; set; }

    public bool TrySettle() => Interlocked.Exchange(ref _settled, 1) == 0;
}

/// <summary>The sandbox's ScrapeLLM jobs, kept 24 hours after creation as the docs say.</summary>
internal sealed class JobStore(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, SandboxJob> _jobs = new(StringComparer.Ordinal);

    public void Add(SandboxJob job)
    {
        _jobs[job.Id] = job;
        var delay = job.CompletesAt - clock.GetUtcNow();
        job.Timer = clock.CreateTimer(_ => Settle(job), null, delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The job as a client sees it now; null when unknown or older than the retention.</summary>
    public Job? Get(string id)
    {
        if (!_jobs.TryGetValue(id, out var job)) return null;
        var now = clock.GetUtcNow();
        if (now - job.CreatedAt >= Retention)
        {
            Settle(job);
            _jobs.TryRemove(id, out _);
            return null;
        }
        var finished = now >= job.CompletesAt;
        if (finished) Settle(job);
        return new Job
        {
            JobId = job.Id,
            Status = !finished ? JobStatus.Pending : job.Error is null ? JobStatus.Done : JobStatus.Failed,
            Scraper = job.Scraper,
            // The docs' failed example has no prompt or country.
            Prompt = finished && job.Error is not null ? null : job.Prompt,
            Country = finished && job.Error is not null ? null : job.Country,
            Result = finished && job.Result is { } result ? new JobResult(result) : null,
            Error = finished ? job.Error : null,
            CreatedAt = job.CreatedAt,
            CompletedAt = finished ? job.CompletesAt : null,
        };
    }

    private static void Settle(SandboxJob job)
    {
        if (!job.TrySettle()) return;
        job.Timer?.Dispose();
        if (job.Error is not null) job.Account.Refund(job.Charged); // the docs: credits are restored when a job fails
    }

    public void Dispose()
    {
        foreach (var job in _jobs.Values) job.Timer?.Dispose();
    }
}
