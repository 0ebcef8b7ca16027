using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Specwright.Core.Webhooks;
using Specwright.WebScrape;
using Specwright.Webhooks.AspNetCore;

namespace Specwright.Ittybit.Tests;

public class WebhookTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static string EventJson(string id, string kind, string data) =>
        $$"""{"id":"{{id}}","object":"event","kind":"{{kind}}","data":{{data}},"created_at":1735689840}""";

    [Fact]
    public void An_event_is_typed_by_its_topic()
    {
        var task = IttybitWebhooks.Parse(Utf8(EventJson("evt_1", "task.succeeded", Fake.Task("task_1", "succeeded"))));
        Assert.Equal(("task_1", Status.Succeeded), (task.Task!.Id, task.Task.Status));
        Assert.Null(task.Run);

        var run = IttybitWebhooks.Parse(Utf8(EventJson("evt_2", "run.failed", Fake.Run("run_1", "failed"))));
        Assert.Equal(("run_1", Status.Failed), (run.Run!.Id, run.Run.Status));
        Assert.Null(run.Task);
        Assert.Equal("evt_2", IttybitWebhooks.Parser.DeliveryId(run));
    }

    [Theory]
    [InlineData("not json", "is not an event object")]
    [InlineData("""{"id":"evt_1","object":"task","kind":"task.created","data":{},"created_at":1}""", "'object' is 'task', expected 'event'")]
    [InlineData("""{"id":"","object":"event","kind":"task.created","data":{},"created_at":1}""", "has no 'id'")]
    [InlineData("""{"id":"evt_1","object":"event","kind":"task.created","data":{"id":5},"created_at":1}""", "is not an event object")]
    public void A_body_that_is_not_an_event_is_refused_naming_the_problem(string body, string problem)
    {
        var e = Assert.Throws<WebhookFormatException>(() => IttybitWebhooks.Parse(Utf8(body)));
        Assert.Contains(problem, e.Message);
        Assert.StartsWith("Ittybit webhook:", e.Message);
    }

    [Fact]
    public void SmartBrowse_payloads_take_the_dotted_labels_and_are_keyed_by_run_and_event()
    {
        var payload = SmartBrowseWebhooks.Parse(Utf8("""{"event":"smartbrowse.completed","timestamp":"2026-05-21T17:04:12Z","run_id":"k7Xb9dRmQ2p","recipe_id":"m3Yc2tFvN8q","status":"completed"}"""));

        Assert.Equal(WebhookEvent.Completed, payload.Event);
        Assert.Equal("k7Xb9dRmQ2p:completed", SmartBrowseWebhooks.Parser.DeliveryId(payload));
        Assert.Contains("no 'run_id'", Assert.Throws<WebhookFormatException>(() =>
            SmartBrowseWebhooks.Parse(Utf8("""{"event":"failed","timestamp":"2026-05-21T17:04:12Z","run_id":"","recipe_id":"r","status":"failed"}"""))).Message);
    }

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
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var handled = 0;
        await using var app = await Host.StartAsync(async (e, ct) =>
        {
            started.TrySetResult();
            await release.Task;
            Interlocked.Increment(ref handled);
        }, new WebhookEndpointOptions { TimeProvider = time });

        var post = app.PostAsync(EventJson("evt_slow", "task.succeeded", Fake.Task("task_1", "succeeded")));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(post.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(4));
        using var response = await post.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(0, Volatile.Read(ref handled)); // still running after the answer
        release.SetResult();
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

        Assert.Equal(200, (int)(await app.PostAsync(EventJson("evt_a", "run.created", Fake.Run("run_1", "waiting")))).StatusCode);
        Assert.Equal(200, (int)(await app.PostAsync(EventJson("evt_a", "run.created", Fake.Run("run_1", "waiting")))).StatusCode);
        Assert.Equal(500, (int)(await app.PostAsync(EventJson("evt_b", "run.updated", Fake.Run("run_1", "processing")))).StatusCode);
        Assert.Equal(200, (int)(await app.PostAsync(EventJson("evt_b", "run.updated", Fake.Run("run_1", "processing")))).StatusCode);
        using var bad = await app.PostAsync("""{"id":"evt_c","object":"nope"}""");
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("'object' is 'nope'", await bad.Content.ReadAsStringAsync());

        Assert.Equal(["evt_a", "evt_b", "evt_b"], calls);
    }

    private sealed class Host : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http = new();
        private readonly Uri _url;

        private Host(WebApplication app, Uri url) => (_app, _url) = (app, url);

        public static async Task<Host> StartAsync(Func<Event, CancellationToken, Task> handler, WebhookEndpointOptions? options = null)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapSpecwrightWebhook("/hooks/ittybit", IttybitWebhooks.Parser, handler, options);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Host(app, new Uri(address + "/hooks/ittybit"));
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
