using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Specwright.Sandbox.Accounts;
using Specwright.Sandbox.Faults;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.Limits;
using Specwright.ScrapeLlm;
using Ops = Specwright.ScrapeLlm.ScrapeLlmSpec.Operations;

namespace Specwright.Sandbox.ScrapeLlm;

/// <summary>
/// ScrapeLLM under <c>/scrapellm</c>, paths as the real API has them at its root (<c>/scrapers/{id}</c>,
/// <c>/scrapers/{id}/jobs</c>, <c>/jobs/{job_id}</c>): routing by the spec's paths, injected faults, the key
/// (header or <c>api_key</c> query; the job poll needs none), per-key limits (a full minute is "rate limit
/// exceeded", too many in flight is "scraper queue full"), then the operation. Errors are <c>{"detail": ...}</c>.
/// </summary>
internal sealed class ScrapeLlmGateway
{
    public const string Prefix = "/scrapellm";
    private const string Service = "scrapellm";

    private delegate Task<Reply> Operation(HttpContext http, Account? account, IReadOnlyDictionary<string, string> route);

    private readonly SandboxState _state;
    private readonly ILogger _logger;
    private readonly ScrapeLlmHandlers _handlers;
    private readonly RouteTable<Operation> _routes = new();

    public ScrapeLlmGateway(SandboxState state, ILogger logger)
    {
        _state = state;
        _logger = logger;
        _handlers = new ScrapeLlmHandlers(state);
        Scraper(ScraperId.Chatgpt, Ops.ScrapeChatgpt.Id, Ops.ScrapeChatgpt.Path, Ops.ScrapeChatgpt.CreditCost, Ops.ScrapeChatgpt.UnsupportedCountries,
            Ops.SubmitChatgptJob.Id, Ops.SubmitChatgptJob.Path, Ops.SubmitChatgptJob.CreditCost);
        Scraper(ScraperId.Perplexity, Ops.ScrapePerplexity.Id, Ops.ScrapePerplexity.Path, Ops.ScrapePerplexity.CreditCost, Ops.ScrapePerplexity.UnsupportedCountries,
            Ops.SubmitPerplexityJob.Id, Ops.SubmitPerplexityJob.Path, Ops.SubmitPerplexityJob.CreditCost);
        Scraper(ScraperId.Gemini, Ops.ScrapeGemini.Id, Ops.ScrapeGemini.Path, Ops.ScrapeGemini.CreditCost, Ops.ScrapeGemini.UnsupportedCountries,
            Ops.SubmitGeminiJob.Id, Ops.SubmitGeminiJob.Path, Ops.SubmitGeminiJob.CreditCost);
        Scraper(ScraperId.Grok, Ops.ScrapeGrok.Id, Ops.ScrapeGrok.Path, Ops.ScrapeGrok.CreditCost, Ops.ScrapeGrok.UnsupportedCountries,
            Ops.SubmitGrokJob.Id, Ops.SubmitGrokJob.Path, Ops.SubmitGrokJob.CreditCost);
        Scraper(ScraperId.Copilot, Ops.ScrapeCopilot.Id, Ops.ScrapeCopilot.Path, Ops.ScrapeCopilot.CreditCost, Ops.ScrapeCopilot.UnsupportedCountries,
            Ops.SubmitCopilotJob.Id, Ops.SubmitCopilotJob.Path, Ops.SubmitCopilotJob.CreditCost);
        Scraper(ScraperId.GoogleAiMode, Ops.ScrapeGoogleAiMode.Id, Ops.ScrapeGoogleAiMode.Path, Ops.ScrapeGoogleAiMode.CreditCost, Ops.ScrapeGoogleAiMode.UnsupportedCountries,
            Ops.SubmitGoogleAiModeJob.Id, Ops.SubmitGoogleAiModeJob.Path, Ops.SubmitGoogleAiModeJob.CreditCost);
        Scraper(ScraperId.AmazonRufus, Ops.ScrapeAmazonRufus.Id, Ops.ScrapeAmazonRufus.Path, Ops.ScrapeAmazonRufus.CreditCost, Ops.ScrapeAmazonRufus.UnsupportedCountries,
            Ops.SubmitAmazonRufusJob.Id, Ops.SubmitAmazonRufusJob.Path, Ops.SubmitAmazonRufusJob.CreditCost);
        _routes.Add(Ops.GetJob.Method, Ops.GetJob.Path, Ops.GetJob.Id, (_, _, route) => _handlers.GetJobAsync(route["job_id"]));
    }

    private void Scraper(ScraperId id, string askId, string askPath, int askCost, IReadOnlyList<string> unsupported, string submitId, string submitPath, int submitCost)
    {
        _routes.Add("GET", askPath, askId, (http, account, _) => _handlers.AskAsync(http, account!, id, unsupported, askCost));
        _routes.Add("POST", submitPath, submitId, (http, account, _) => _handlers.SubmitAsync(http, account!, id, unsupported, submitCost));
    }

    public async Task HandleAsync(HttpContext http)
    {
        var method = http.Request.Method;
        var path = http.Request.Path.Value ?? "/";
        if (method == "GET" && path.StartsWith("/md/", StringComparison.Ordinal) && path.EndsWith(".md", StringComparison.Ordinal))
        {
            await ReplyWriter.WriteAsync(http, _handlers.Markdown(path[4..^3]) ?? Error(ScrapeLlmFailure.Of("job_expired_or_unknown", "Not found.")), truncate: false);
            return;
        }
        var matched = _routes.TryMatch(method, path, out var operationId, out var handler, out var values);
        var fault = matched ? _state.Faults.Take(Service, operationId) : null;
        await Delivery.DeliverAsync(http, _state, Service, Spec.SpecDocuments.ScrapeLlm, matched ? operationId : null, fault,
            () => ReplyAsync(http, matched, operationId, handler, values, fault));
    }

    private async Task<Reply> ReplyAsync(HttpContext http, bool matched, string operationId, Operation handler, Dictionary<string, string> route, FaultRule? fault)
    {
        // FastAPI's own answers for an unknown path or a wrong method.
        if (!matched)
            return _routes.PathExists(path: http.Request.Path.Value ?? "/")
                ? Detail(405, "Method Not Allowed")
                : Detail(404, "Not Found");

        switch (fault?.Kind)
        {
            case "status":
                // A status ScrapeLLM does not document (502) comes from infrastructure: FastAPI-shaped, off contract.
                return ScrapeLlmErrorFactory.CodeFor(fault.Status!.Value, null) is { } kind
                    ? Error(ScrapeLlmFailure.Of(kind))
                    : Detail(fault.Status.Value, "Bad Gateway");
            case "error":
                return Error(ScrapeLlmFailure.Of(fault.Code!));
        }

        try
        {
            if (operationId == Ops.GetJob.Id)
                return await handler(http, null, route); // the poll needs no key
            var account = Authenticate(http);
            var throttle = _state.Limiter.TryEnter(Service + ":" + account.Key, _state.Options.RequestsPerMinute, _state.Options.MaxConcurrentRequests, out var lease);
            // No Retry-After: the vendor documents none.
            if (throttle is not null)
                throw ScrapeLlmFailure.Of(throttle.Reason == RateLimiter.PerMinute ? "rate_limited" : "queue_full");
            using (lease)
            {
                if (fault is not null) await fault.DelayIfAskedAsync(http.RequestAborted);
                return await handler(http, account, route);
            }
        }
        catch (ScrapeLlmFailure e)
        {
            return Error(e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            _logger.LogError(e, "{Operation} failed in the sandbox", operationId);
            return Error(ScrapeLlmFailure.Of("scraper_error"));
        }
    }

    /// <summary>The key's account from <c>X-API-Key</c> or <c>?api_key=</c>; a missing or unknown key is a 401.</summary>
    private Account Authenticate(HttpContext http)
    {
        var key = http.Request.Headers[ScrapeLlmSpec.ApiKeyHeader].ToString();
        if (key.Length == 0) key = http.Request.Query["api_key"].ToString();
        if (key.Length == 0) throw ScrapeLlmFailure.Of("unauthorized");
        return _state.ScrapeLlmAccounts.Find(key) ?? throw ScrapeLlmFailure.Of("unauthorized", "Invalid API key. Check the key in your dashboard or regenerate it.");
    }

    private static Reply Error(ScrapeLlmFailure e) => ScrapeLlmHandlers.Json(e.Status, Wrap(e.Detail));

    private static Reply Detail(int status, string text) => ScrapeLlmHandlers.Json(status, Wrap(JsonSerializer.SerializeToElement(text, PrimitiveJson.Default.String)));

    private static JsonElement Wrap(JsonElement detail)
    {
        using var doc = JsonDocument.Parse($"{{\"detail\":{detail.GetRawText()}}}");
        return doc.RootElement.Clone();
    }
}
