using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Specwright.Core.Webhooks;
using Specwright.Webhooks.AspNetCore;
using StackExchange.Redis;

namespace Specwright.Redis.Tests;

/// <summary>Webhook claims in a real Redis: one receiver of a fleet handles each event, and a dead receiver's claim expires.</summary>
public sealed class WebhookClaimTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task One_claim_wins_a_stranger_cannot_release_it_and_a_handled_event_stays_handled()
    {
        await using var one = await redis.ConnectAsync();
        await using var two = await redis.ConnectAsync();
        var a = new RedisWebhookClaimStore(one);
        var b = new RedisWebhookClaimStore(two);
        var id = "evt_" + Guid.NewGuid().ToString("N");

        var claim = (await a.TryClaimAsync(id, TimeSpan.FromMinutes(1))).Claim;
        Assert.NotNull(claim);
        Assert.Equal(WebhookClaimState.InProgress, (await b.TryClaimAsync(id, TimeSpan.FromMinutes(1))).State);
        await b.ReleaseAsync(new WebhookClaim(id, "not-the-token"));
        Assert.Equal(WebhookClaimState.InProgress, (await b.TryClaimAsync(id, TimeSpan.FromMinutes(1))).State); // still a's

        await a.ReleaseAsync(claim!);
        var retry = (await b.TryClaimAsync(id, TimeSpan.FromMinutes(1))).Claim; // a failed in time: the redelivery is b's
        Assert.NotNull(retry);
        await b.CompleteAsync(retry!, TimeSpan.FromHours(1));
        Assert.True(await b.IsHandledAsync(id));
        Assert.Equal(WebhookClaimState.Handled, (await a.TryClaimAsync(id, TimeSpan.FromMinutes(1))).State);
        await a.ReleaseAsync(claim!); // a late release of an old claim frees nothing
        Assert.True(await a.IsHandledAsync(id));
    }

    [Fact]
    public async Task A_receiver_that_dies_mid_handling_leaves_a_claim_that_expires_so_the_redelivery_is_handled()
    {
        await using var dead = await redis.ConnectAsync();
        var id = "evt_" + Guid.NewGuid().ToString("N");
        Assert.NotNull((await new RedisWebhookClaimStore(dead).TryClaimAsync(id, TimeSpan.FromMilliseconds(300))).Claim);
        await dead.CloseAsync(); // the process is gone: it neither completes nor releases

        await using var alive = await redis.ConnectAsync();
        var store = new RedisWebhookClaimStore(alive);
        Assert.Equal(WebhookClaimState.InProgress, (await store.TryClaimAsync(id, TimeSpan.FromMinutes(1))).State);
        var db = alive.GetDatabase();
        var ttl = await db.KeyTimeToLiveAsync("specwright:webhooks:" + id);
        Assert.True(ttl is { } t && t <= TimeSpan.FromMilliseconds(300), $"the claim carries its lease (ttl {ttl})");
        // Redis ends the lease on its own clock; wait for that, bounded, then the redelivery is claimed.
        var deadline = Stopwatch.StartNew();
        WebhookClaim? claim;
        while ((claim = (await store.TryClaimAsync(id, TimeSpan.FromMinutes(1))).Claim) is null && deadline.Elapsed < TimeSpan.FromSeconds(10))
            await db.PingAsync();
        Assert.NotNull(claim);
    }

    [Fact]
    public async Task Three_receivers_sharing_the_store_handle_each_of_200_events_delivered_twice_exactly_once()
    {
        var handled = new ConcurrentDictionary<string, int>();
        await using var r1 = await Receiver.StartAsync(await redis.ConnectAsync(), handled);
        await using var r2 = await Receiver.StartAsync(await redis.ConnectAsync(), handled);
        await using var r3 = await Receiver.StartAsync(await redis.ConnectAsync(), handled);
        Receiver[] fleet = [r1, r2, r3];
        var run = Guid.NewGuid().ToString("N")[..8];
        using var http = new HttpClient();

        // Each event goes to two different receivers at the same time (a redelivery racing the first delivery).
        var deliveries = Enumerable.Range(0, 200).SelectMany(i => new (string Id, Receiver To)[] { ($"evt_{run}_{i}", fleet[i % 3]), ($"evt_{run}_{i}", fleet[(i + 1) % 3]) });
        // A delivery that meets the other one in progress gets 409 and is delivered again, as a sender does, until it gets a 200.
        var conflicts = 0;
        await Task.WhenAll(deliveries.Select(async d =>
        {
            while (true)
            {
                using var r = await http.PostAsync(d.To.Url, new StringContent($$"""{"id":"{{d.Id}}"}""", Encoding.UTF8, "application/json"));
                if ((int)r.StatusCode == 200) return;
                Assert.Equal(409, (int)r.StatusCode);
                Interlocked.Increment(ref conflicts);
                await Task.Yield();
            }
        }));

        Assert.Equal(200, handled.Count);
        Assert.All(handled, h => Assert.Equal(1, h.Value));
    }

    private sealed record Ping(string Id);

    private sealed class PingParser : IWebhookParser<Ping>
    {
        public Ping Parse(ReadOnlySpan<byte> body)
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            return new Ping(doc.RootElement.GetProperty("id").GetString()!);
        }

        public string DeliveryId(Ping webhookEvent) => webhookEvent.Id;
    }

    /// <summary>A receiver "process": its own web host and its own Redis connection.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConnectionMultiplexer _redis;

        private Receiver(WebApplication app, ConnectionMultiplexer redis, Uri url) => (_app, _redis, Url) = (app, redis, url);

        public Uri Url { get; }

        public static async Task<Receiver> StartAsync(ConnectionMultiplexer redis, ConcurrentDictionary<string, int> handled)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapSpecwrightWebhook("/hooks", new PingParser(), async (ping, ct) =>
            {
                await Task.Yield();
                handled.AddOrUpdate(ping.Id, 1, (_, n) => n + 1);
            }, new WebhookEndpointOptions { ClaimStore = new RedisWebhookClaimStore(redis) });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Receiver(app, redis, new Uri(address + "/hooks"));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            await _redis.DisposeAsync();
        }
    }
}
