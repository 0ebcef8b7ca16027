using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Specwright.Sandbox.Hosting;
using Specwright.WebScrape;

namespace Specwright.Sandbox.WebScrape.SmartBrowse;

/// <summary>POSTs the documented run-finished payload to a recipe's webhook URL, once per finished run.</summary>
public sealed class WebhookSender(RequestLog log, TimeProvider clock, ILogger logger) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly InFlight _inFlight = new();

    public void Send(Run run, SmartBrowseRun final)
    {
        if (run.Recipe.WebhookUrl is not { } url) return;
        var payload = new SmartBrowseWebhookPayload
        {
            Event = final.RunStatus.Value,
            Timestamp = clock.GetUtcNow(),
            RunId = run.Id,
            RecipeId = run.Recipe.Id,
            Status = final.RunStatus,
            PagesExtracted = final.PagesExtracted,
            ItemsExtracted = final.ItemsExtracted,
            CreditsUsed = final.CreditsUsed,
            Mode = final.Result?.Mode ?? "",
            Drift = final.Result?.Drift ?? 0,
            Warnings = final.Result?.Warnings ?? [],
            Error = final.Error ?? "",
        };
        _inFlight.Add(DeliverAsync(run, url, payload));
    }

    /// <summary>Waits for deliveries in flight (at shutdown).</summary>
    public Task DrainAsync() => _inFlight.DrainAsync();

    private async Task DeliverAsync(Run run, Uri url, SmartBrowseWebhookPayload payload)
    {
        await Task.Yield();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = JsonContent.Create(payload, WebScrapeJsonContext.Default.SmartBrowseWebhookPayload),
            };
            foreach (var (name, value) in run.Recipe.WebhookHeaders) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await _http.SendAsync(request);
            log.Add(new WebhookDelivery(run.Id, url, payload.Event.Value, (int)response.StatusCode, null, clock.GetUtcNow()));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Webhook for run {RunId} to {Host} failed: {Error}", run.Id, url.Host, e.Message);
            log.Add(new WebhookDelivery(run.Id, url, payload.Event.Value, null, e.Message, clock.GetUtcNow()));
        }
    }

    public void Dispose() => _http.Dispose();
}
