using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Specwright.Core.Webhooks;
using Specwright.Webhooks.AspNetCore;

namespace Specwright.Core.Tests;

/// <summary>The webhook de-duplicator and the ASP.NET Core endpoint every service's receiver uses, with a minimal parser.</summary>
public sealed class WebhookTests
{
    private sealed record Ping(string Id, string Kind);

    /// <summary>A service whose deliveries are <c>{"id": ..., "kind": ...}</c>.</summary>
    private sealed class PingParser(TimeSpan? senderTimeout = null) : IWebhookParser<Ping>
    {
        public TimeSpan? SenderTimeout { get; } = senderTimeout;

        public Ping Parse(ReadOnlySpan<byte> body)
        {
            try
            {
                var reader = new Utf8JsonReader(body);
                using var doc = JsonDocument.ParseValue(ref reader);
                var id = doc.RootElement.TryGetProperty("id", out var i) ? i.GetString() : null;
                if (string.IsNullOrEmpty(id)) throw new WebhookFormatException("Ping", "the body has no 'id'");
                return new Ping(id, doc.RootElement.TryGetProperty("kind", out var k) ? k.GetString() ?? "" : "");
            }
            catch (JsonException e)
            {
                throw new WebhookFormatException("Ping", "the body is not JSON", e);
            }
        }

        public string DeliveryId(Ping webhookEvent) => webhookEvent.Id;
    }

    private static string PingJson(string id) => $$"""{"id":"{{id}}","kind":"ping"}""";

    [Fact]
    public void The_deduplicator_remembers_ids_for_its_retention_and_capacity()
    {
        var time = new FakeTimeProvider();
        var seen = new WebhookDeduplicator(TimeSpan.FromHours(1), capacity: 2, time);

        Assert.True(seen.TryClaim("evt_1"));
        Assert.False(seen.TryClaim("evt_1"));
        seen.Release("evt_1");
        Assert.True(seen.TryClaim("evt_1"));
        time.Advance(TimeSpan.FromHours(1));
        Assert.True(seen.TryClaim("evt_1")); // expired
        Assert.True(seen.TryClaim("evt_2"));
        Assert.True(seen.TryClaim("evt_3")); // over capacity: the oldest goes
        Assert.True(seen.TryClaim("evt_1"));
        Assert.False(seen.TryClaim("evt_3"));
    }

    [Fact]
    public async Task The_endpoint_answers_200_by_the_deadline_while_a_slow_handler_goes_on()
    {
        var time = new FakeTimeProvider();
        var handler = new HeldHandler();
        await using var app = await Host.StartAsync(handler.HandleAsync, new WebhookEndpointOptions { TimeProvider = time });

        var post = app.PostAsync(PingJson("evt_slow"));
        await handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(post.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(4));
        using var response = await post.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(0, handler.Handled); // still running after the answer
        handler.Release();
    }

    [Fact]
    public async Task Unset_the_answer_deadline_is_a_second_under_the_timeout_the_services_parser_reports()
    {
        var time = new FakeTimeProvider();
        var handler = new HeldHandler();
        var logs = new Logs();
        await using var app = await Host.StartAsync(handler.HandleAsync, new WebhookEndpointOptions { TimeProvider = time }, new PingParser(TimeSpan.FromSeconds(10)), logs);

        var post = app.PostAsync(PingJson("evt_slow"));
        await handler.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(9));
        using var response = await post.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains(logs.Messages, m => m.Contains("still running after 00:00:09", StringComparison.Ordinal)); // 10 s less one, not the 4 s default
        handler.Release();
    }

    [Fact]
    public async Task A_delivery_that_meets_its_event_in_progress_is_asked_again_later_and_once_handled_is_a_duplicate()
    {
        var handler = new HeldHandler();
        await using var app = await Host.StartAsync(handler.HandleAsync);
        var first = app.PostAsync(PingJson("evt_busy"));
        await handler.Started.Task; // the first delivery holds the claim and its handler runs
        using var second = await app.PostAsync(PingJson("evt_busy"));
        Assert.Equal(409, (int)second.StatusCode); // not a 200: if the first handling failed, this delivery must come again
        Assert.Equal("5", second.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        handler.Release();
        Assert.Equal(200, (int)(await first).StatusCode);
        using var third = await app.PostAsync(PingJson("evt_busy"));
        Assert.Equal("duplicate", await third.Content.ReadAsStringAsync());
        Assert.Equal(1, handler.Handled);
    }

    [Fact]
    public async Task A_duplicate_is_skipped_a_failing_handler_gets_500_and_its_retry_is_handled_and_bad_bodies_get_400()
    {
        var calls = new List<string>();
        var fail = true;
        await using var app = await Host.StartAsync((e, _) =>
        {
            lock (calls) calls.Add(e.Id);
            if (e.Id == "evt_b" && fail)
            {
                fail = false;
                throw new InvalidOperationException("database down");
            }
            return Task.CompletedTask;
        });

        Assert.Equal(200, (int)(await app.PostAsync(PingJson("evt_a"))).StatusCode);
        Assert.Equal(200, (int)(await app.PostAsync(PingJson("evt_a"))).StatusCode);
        Assert.Equal(500, (int)(await app.PostAsync(PingJson("evt_b"))).StatusCode);
        Assert.Equal(200, (int)(await app.PostAsync(PingJson("evt_b"))).StatusCode);
        using var bad = await app.PostAsync("""{"kind":"ping"}""");
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("Ping webhook: the body has no 'id'", await bad.Content.ReadAsStringAsync());

        Assert.Equal(["evt_a", "evt_b", "evt_b"], calls);
    }

    /// <summary>A handler that says when it has started and finishes only when released.</summary>
    /// <summary>Every message logged, formatted.</summary>
    private sealed class Logs : ILoggerProvider, ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _messages.Enqueue(formatter(state, exception));
        public void Dispose() { }
    }

    private sealed class HeldHandler
    {
        private readonly TaskCompletionSource _release = new();
        private int _handled;

        public TaskCompletionSource Started { get; } = new();
        public int Handled => Volatile.Read(ref _handled);

        public void Release() => _release.SetResult();

        public async Task HandleAsync(Ping ping, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await _release.Task;
            Interlocked.Increment(ref _handled);
        }
    }

    private sealed class Host : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http = new();
        private readonly Uri _url;

        private Host(WebApplication app, Uri url) => (_app, _url) = (app, url);

        public static async Task<Host> StartAsync(Func<Ping, CancellationToken, Task> handler, WebhookEndpointOptions? options = null,
            PingParser? parser = null, ILoggerProvider? logs = null)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            if (logs is not null) builder.Logging.AddProvider(logs);
            var app = builder.Build();
            app.MapSpecwrightWebhook("/hooks/ping", parser ?? new PingParser(), handler, options);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Host(app, new Uri(address + "/hooks/ping"));
        }

        public Task<HttpResponseMessage> PostAsync(string body) =>
            _http.PostAsync(_url, new StringContent(body, Encoding.UTF8, "application/json"));

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
