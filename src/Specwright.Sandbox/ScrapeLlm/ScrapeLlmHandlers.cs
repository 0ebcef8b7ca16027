using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Specwright.Sandbox.Accounts;
using Specwright.Sandbox.Hosting;
using Specwright.ScrapeLlm;

namespace Specwright.Sandbox.ScrapeLlm;

/// <summary>
/// The scraper operations: a synchronous answer (charged only on 200), a job submit (charged at once,
/// refunded if the job fails), the job poll, and the hosted markdown copies. Answers are cached per
/// scraper, prompt and country; <c>bypass_cache</c> forces a fresh one.
/// </summary>
internal sealed class ScrapeLlmHandlers(SandboxState state)
{
    // CHOICE (undocumented): a cached answer costs the same 3 credits as a fresh one.
    private readonly ConcurrentDictionary<(ScraperId, string, string), (ScrapeResponse Answer, DateTimeOffset At)> _cache = new();
    private readonly ConcurrentDictionary<string, (string Markdown, DateTimeOffset At)> _markdown = new(StringComparer.Ordinal);

    private DateTimeOffset Now => state.Options.TimeProvider.GetUtcNow();

    public Task<Reply> AskAsync(HttpContext http, Account account, ScraperId scraper, IReadOnlyList<string> unsupported, int cost)
    {
        var q = ScrapeLlmQuery.Read(http.Request.Query, scraper, unsupported);
        if (account.Balance < cost) throw ScrapeLlmFailure.Of("credit_limit_reached");
        if (Answers.FailureFor(scraper, q.Prompt) is { } failure) throw ScrapeLlmFailure.Of("scraper_error", failure);

        var key = (scraper, q.Prompt, q.Country);
        ScrapeResponse answer;
        if (!q.BypassCache && _cache.TryGetValue(key, out var hit))
        {
            answer = Copy(hit.Answer);
            answer.JobId = "job_" + Ids.Base62String(10);
            answer.Cached = true;
            answer.CachedAt = hit.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            answer.ElapsedMs = 35.0;
        }
        else
        {
            if (Answers.ProviderLatency(scraper, q.Prompt) > TimeSpan.FromSeconds(q.Timeout)) throw ScrapeLlmFailure.Of("provider_timeout");
            var jobId = "job_" + Ids.Base62String(10);
            answer = Answers.Build(scraper, jobId, q.Prompt, q.Country, cost, MarkdownUrl(http, jobId), Now);
            _cache[key] = (answer, Now);
        }
        if (!account.TryCharge(cost, cost, out _)) throw ScrapeLlmFailure.Of("credit_limit_reached");
        _markdown[answer.JobId!] = (Answers.Markdown(answer), Now); // the sandbox always sets the id of a sync answer
        return Task.FromResult(Json(200, Answers.ToJson(answer)));
    }

    public Task<Reply> SubmitAsync(HttpContext http, Account account, ScraperId scraper, IReadOnlyList<string> unsupported, int cost)
    {
        var q = ScrapeLlmQuery.Read(http.Request.Query, scraper, unsupported);
        if (!account.TryCharge(cost, cost, out _)) throw ScrapeLlmFailure.Of("credit_limit_reached");
        var id = Guid.NewGuid().ToString();
        var now = Now;
        var failure = Answers.FailureFor(scraper, q.Prompt)
                      ?? (Answers.ProviderLatency(scraper, q.Prompt) > TimeSpan.FromSeconds(q.Timeout) ? "execution failed: the AI provider timed out" : null);
        ScrapeResponse? answer = null;
        if (failure is null)
        {
            answer = Answers.Build(scraper, id, q.Prompt, q.Country, cost, MarkdownUrl(http, id), now);
            _markdown[id] = (Answers.Markdown(answer), now);
        }
        var duration = state.Options.ScrapeLlmJobDuration * (failure is null ? 1 : 4); // a failure is retried 3 times first
        state.ScrapeLlmJobs.Add(new SandboxJob
        {
            Id = id, Scraper = scraper, Prompt = q.Prompt, Country = q.Country, Account = account, Charged = cost,
            CreatedAt = now, CompletesAt = now + duration,
            Result = answer is null ? null : Answers.ToJson(answer),
            Error = failure,
        });
        var submitted = new JobSubmitted { JobId = id, Status = JobStatus.Pending, Scraper = scraper, Prompt = q.Prompt, Country = q.Country, CreatedAt = now };
        return Task.FromResult(Json(202, JsonSerializer.SerializeToElement(submitted, ScrapeLlmJsonContext.Default.JobSubmitted)));
    }

    public Task<Reply> GetJobAsync(string jobId) =>
        Task.FromResult(state.ScrapeLlmJobs.Get(jobId) is { } job
            ? Json(200, JsonSerializer.SerializeToElement(job, ScrapeLlmJsonContext.Default.Job))
            : throw ScrapeLlmFailure.Of("job_expired_or_unknown"));

    /// <summary>The hosted markdown copy (<c>markdown_url</c>), kept 24 hours like the real one. Not part of the API spec.</summary>
    public Reply? Markdown(string jobId) =>
        _markdown.TryGetValue(jobId, out var md) && Now - md.At < JobStore.Retention
            ? new Reply(200, Encoding.UTF8.GetBytes(md.Markdown), null, "text/markdown; charset=utf-8")
            : null;

    public static Reply Json(int status, JsonElement body) => new(status, Answers.Utf8(body));

    /// <summary>An error body: <c>{"detail": ...}</c>.</summary>
    public static JsonElement Wrap(JsonElement detail)
    {
        using var doc = JsonDocument.Parse($"{{\"detail\":{detail.GetRawText()}}}");
        return doc.RootElement.Clone();
    }

    private static Uri MarkdownUrl(HttpContext http, string jobId) =>
        new($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/md/{jobId}.md");

    private static ScrapeResponse Copy(ScrapeResponse r) =>
        (ScrapeResponse)JsonSerializer.Deserialize(Answers.ToJson(r), ScrapeLlmJsonContext.Default.GetTypeInfo(r.GetType())!)!;
}
