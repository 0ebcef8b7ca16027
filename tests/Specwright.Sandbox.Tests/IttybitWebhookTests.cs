using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Specwright.Core.Serialization;
using Specwright.Ittybit;
using Specwright.Webhooks.AspNetCore;

namespace Specwright.Sandbox.Tests;

/// <summary>Sandbox webhook endpoints delivering to a receiver built with MapSpecwrightWebhook and the Ittybit parser.</summary>
public sealed class IttybitWebhookTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Events_reach_the_endpoint_a_failed_delivery_is_retried_and_a_redelivery_is_handled_once()
    {
        var handled = new ConcurrentQueue<Event>();
        var runSucceeded = new TaskCompletionSource<Event>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failOnce = 1;
        await using var receiver = await Receiver.StartAsync(e =>
        {
            // The first task.succeeded delivery fails: the endpoint answers 500, the sandbox retries it.
            if (e.Kind == EventKind.TaskSucceeded && Interlocked.Exchange(ref failOnce, 0) == 1) throw new InvalidOperationException("database down");
            handled.Enqueue(e);
            if (e.Kind == EventKind.RunSucceeded) runSucceeded.TrySetResult(e);
        });
        var key = sandbox.NewIttybitKey();
        using var client = sandbox.Ittybit(key, clock: TimeProvider.System);
        // The receiver listens on plain HTTP (loopback), which the SDK refuses as the spec says (HTTPS only) and the
        // sandbox accepts for local receivers: registered over raw HTTP.
        using (var raw = new HttpClient())
        {
            raw.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            using var created = await raw.PostAsync(new Uri(sandbox.Server.IttybitBaseUrl + "/webhooks/endpoints"), new StringContent(
                $$"""{"url":"{{receiver.Url.AbsoluteUri}}","topics":["task.succeeded","run.succeeded"]}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(201, (int)created.StatusCode);
        }

        var run = await client.Runs.CreateAndWaitAsync(new CreateRunRequest
        {
            Tasks = [new TaskDefinition { Kind = TaskKind.Ingest, Options = new TaskOptions().Set("url", "https://example.com/a.mp4"),
                Next = [new TaskDefinition { Kind = TaskKind.Thumbnails }] }],
        }, schedule: SandboxFixture.FastPolling);

        var finished = await runSucceeded.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((run.Id, Status.Succeeded), (finished.Run!.Id, finished.Run.Status));
        await sandbox.State.IttybitEvents.DrainAsync();
        var taskEvents = handled.Where(e => e.Kind == EventKind.TaskSucceeded).ToList();
        Assert.Equal(2, taskEvents.Count); // both tasks, the failed delivery included after its retry
        Assert.All(taskEvents, e => Assert.Equal(run.Id, e.Task!.RunId));
        var retried = sandbox.State.Log.Webhooks.Where(w => w.Status == 500).Select(w => w.Subject).Single();
        Assert.Equal(2, sandbox.State.Log.Webhooks.Count(w => w.Subject == retried));

        // The vendor retries deliveries, so the same event may come again: the receiver answers 200 and skips it.
        using var control = new HttpClient { BaseAddress = sandbox.Server.BaseUrl };
        using var redeliver = await control.PostAsync($"_sandbox/ittybit/events/{finished.Id}/redeliver", null);
        Assert.Equal(202, (int)redeliver.StatusCode);
        await sandbox.State.IttybitEvents.DrainAsync();
        Assert.Equal([200, 200], sandbox.State.Log.Webhooks.Where(w => w.Subject == finished.Id).Select(w => w.Status ?? 0));
        Assert.Single(handled, e => e.Id == finished.Id);
    }

    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app, Uri url) => (_app, Url) = (app, url);

        public Uri Url { get; }

        public static async Task<Receiver> StartAsync(Action<Event> handle)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapSpecwrightWebhook("/hooks/ittybit", IttybitWebhooks.Parser, (e, _) =>
            {
                handle(e);
                return Task.CompletedTask;
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Receiver(app, new Uri(address + "/hooks/ittybit"));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
