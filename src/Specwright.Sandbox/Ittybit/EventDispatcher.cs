using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Specwright.Ittybit;
using Specwright.Sandbox.Hosting;

namespace Specwright.Sandbox.Ittybit;

/// <summary>
/// The event log and webhook delivery. An event is recorded under the project's lock with a copy of the task or
/// run as it was; deliveries happen after, outside it. Each subscribed, active endpoint gets a POST of the event;
/// an answer other than 2xx, or none within 5 s, is retried with doubling delays (3 retries).
/// </summary>
internal sealed class EventDispatcher(SandboxOptions options, RequestLog log, ILogger logger) : IDisposable
{
    public const int MaxRetries = 3;
    private static readonly TimeSpan AnswerWithin = Specwright.Ittybit.IttybitSpec.WebhookSenderTimeout; // the spec's x-specwright-delivery

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = AnswerWithin };
    private readonly InFlight _inFlight = new();

    private TimeProvider Clock => options.TimeProvider;

    /// <summary>Appends an event about <paramref name="subject"/> (a task or run). Call under the project's lock.</summary>
    public Event Record(Project project, EventKind kind, object subject)
    {
        var e = new Event
        {
            Id = "evt_" + Ids.Base62String(12), Object = "event", Kind = kind,
            Data = subject is MediaTask t ? EventData.FromMediaTask(t) : EventData.FromRun((Run)subject),
            CreatedAt = DateTimeOffset.FromUnixTimeSeconds(Clock.GetUtcNow().ToUnixTimeSeconds()),
        };
        project.Events.Add(e);
        return e;
    }

    /// <summary>Sends <paramref name="events"/> to the endpoints subscribed to them. Call outside the project's lock.</summary>
    public void Deliver(Project project, IReadOnlyList<Event> events)
    {
        if (events.Count == 0) return;
        List<(Event, Uri)> sends;
        lock (project.Gate)
        {
            sends = events.SelectMany(e => project.Endpoints
                    .Where(p => p.Status == WebhookEndpointStatus.Active && p.Topics.Contains(e.Kind))
                    .Select(p => (e, new Uri(p.Url))))
                .ToList();
        }
        foreach (var (e, url) in sends) _inFlight.Add(SendAsync(e, url, Json.Bytes(e, IttybitJsonContext.Default.Event)));
    }

    /// <summary>Sends an event again to every endpoint subscribed to it (what a sender's retry looks like to a receiver).</summary>
    public bool Redeliver(Project project, string eventId)
    {
        Event? e;
        lock (project.Gate) e = project.Events.FirstOrDefault(x => x.Id == eventId);
        if (e is null) return false;
        Deliver(project, [e]);
        return true;
    }

    /// <summary>Waits for deliveries in flight (at shutdown, and in tests).</summary>
    public Task DrainAsync() => _inFlight.DrainAsync();

    private async Task SendAsync(Event e, Uri url, byte[] body)
    {
        await Task.Yield();
        for (var attempt = 0; ; attempt++)
        {
            int? status = null;
            string? error = null;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _http.PostAsync(url, content);
                status = (int)response.StatusCode;
            }
            catch (Exception x) when (x is HttpRequestException or TaskCanceledException)
            {
                error = x is TaskCanceledException ? $"no answer within {AnswerWithin.TotalSeconds:0} s" : x.Message;
            }
            log.Add(new WebhookDelivery(e.Id, url, e.Kind.Value, status, error, Clock.GetUtcNow()));
            if (status is >= 200 and < 300) return;
            if (attempt == MaxRetries)
            {
                logger.LogWarning("Ittybit event {EventId} to {Host}: gave up after {Attempts} attempts", e.Id, url.Host, attempt + 1);
                return;
            }
            await Task.Delay(options.IttybitWebhookRetryDelay * Math.Pow(2, attempt), Clock);
        }
    }

    public void Dispose() => _http.Dispose();
}
