using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Specwright.Core.Webhooks;
using Specwright.Redis;
using Specwright.Webhooks.AspNetCore;
using StackExchange.Redis;

namespace Specwright.Benchmarks.Fleet;

/// <summary>
/// One receiver process of the webhook fleet: an ASP.NET Core endpoint with Specwright's receiver and the Redis claim store. Its
/// handler works for <c>--handle-ms</c>, then records its side effect (one increment per event id in a Redis hash, which the
/// benchmark counts). Prints "ready" once it listens.
/// </summary>
public static class WebhookReceiverProcess
{
    public const string Flag = "--webhook-receiver";
    public const string Effects = "specwright:bench:effects";

    public static async Task<int> RunAsync(string[] raw)
    {
        var args = new WorkerArgs(raw);
        var redis = await ConnectionMultiplexer.ConnectAsync(args["redis"]);
        var db = redis.GetDatabase();
        var work = TimeSpan.FromMilliseconds(args.Int("handle-ms"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{args["port"]}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapSpecwrightWebhook("/hooks", new EventParser(), async (e, ct) =>
        {
            await Task.Delay(work, ct);
            await db.HashIncrementAsync(Effects, e.Id);
        }, new WebhookEndpointOptions
        {
            ClaimStore = new RedisWebhookClaimStore(redis, args["prefix"]),
            ClaimLease = TimeSpan.FromMilliseconds(args.Int("lease-ms")),
        });
        await app.StartAsync();
        Console.WriteLine("ready");
        await app.WaitForShutdownAsync();
        return 0;
    }

    public sealed record Event(string Id);

    private sealed class EventParser : IWebhookParser<Event>
    {
        public Event Parse(ReadOnlySpan<byte> body)
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            return new Event(doc.RootElement.GetProperty("id").GetString() ?? throw new WebhookFormatException("bench", "no id"));
        }

        public string DeliveryId(Event webhookEvent) => webhookEvent.Id;
    }
}
