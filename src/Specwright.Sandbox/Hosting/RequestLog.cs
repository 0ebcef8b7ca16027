using System.Collections.Concurrent;

namespace Specwright.Sandbox.Hosting;

/// <summary>One API call as the server saw it: what tests assert on ("the server got 3 scrape requests").</summary>
public sealed record LoggedCall(string Service, string Operation, string Method, string Path, int Status, string? Fault, DateTimeOffset At);

/// <summary>One webhook delivery attempt; <see cref="Subject"/> is what it is about (a SmartBrowse run id, an Ittybit event id).</summary>
public sealed record WebhookDelivery(string Subject, Uri Url, string Event, int? Status, string? Error, DateTimeOffset At);

/// <summary>What the sandbox received and sent; read by tests and <c>GET /_sandbox/stats</c>.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<LoggedCall> _calls = new();
    private readonly ConcurrentQueue<WebhookDelivery> _webhooks = new();

    public void Add(LoggedCall call) => _calls.Enqueue(call);
    public void Add(WebhookDelivery delivery) => _webhooks.Enqueue(delivery);

    public IReadOnlyList<LoggedCall> Calls => _calls.ToArray();
    public IReadOnlyList<WebhookDelivery> Webhooks => _webhooks.ToArray();

    /// <summary>Calls of one operation (an operation id of the spec, e.g. <c>scrape</c>).</summary>
    public int Count(string operation) => _calls.Count(c => c.Operation == operation);
}
