using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Specwright.TestSupport;
using StackExchange.Redis;

namespace Specwright.Benchmarks.Fleet;

/// <summary>What the webhook fleet did: events, deliveries, how often each event's side effect happened, and the cost.</summary>
public sealed record WebhookFleetOutcome(int Events, int Deliveries, int Redeliveries, int Conflicts, int HandledOnce, int HandledTwiceOrMore, int NeverHandled,
    TimeSpan RealWall);

/// <summary>
/// Part 6: 3 receiver processes behind a round-robin forwarder (this process), sharing the Redis claim store; every event is
/// delivered twice, and one receiver is killed while it is handling events. A delivery that fails (the receiver died, or
/// answered 409 because its event is being handled elsewhere) is delivered again to the next receiver after a short wait,
/// as a sender retries. Counts the side effects per event.
/// </summary>
public static class WebhookFleet
{
    private const int Receivers = 3;
    private const int HandleMs = 20;
    private const int LeaseMs = 2_000;
    private const int InFlight = 24;

    public static async Task<WebhookFleetOutcome> RunAsync(int events)
    {
        await using var redisServer = await RedisServer.StartAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.Configuration);
        var prefix = $"specwright:bench:{Guid.NewGuid():N}:";
        var receivers = new List<(Process Process, Uri Url)>();
        for (var i = 0; i < Receivers; i++)
        {
            var port = FreePort.Next();
            var p = Process.Start(WorkerArgs.Self([WebhookReceiverProcess.Flag, "--port", port.ToString(CultureInfo.InvariantCulture), "--redis", redisServer.Configuration,
                "--handle-ms", HandleMs.ToString(CultureInfo.InvariantCulture), "--lease-ms", LeaseMs.ToString(CultureInfo.InvariantCulture), "--prefix", prefix]))!;
            if (await p.StandardOutput.ReadLineAsync() != "ready") throw new InvalidOperationException("a webhook receiver did not start: " + await p.StandardError.ReadToEndAsync());
            receivers.Add((p, new Uri($"http://127.0.0.1:{port}/hooks")));
        }
        var alive = new bool[Receivers];
        Array.Fill(alive, true);
        var real = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var next = -1;
        var done = 0;
        var redeliveries = 0;
        var conflicts = 0;
        var deliveries = Enumerable.Range(0, events).SelectMany(i => new[] { i, i }).OrderBy(_ => Random.Shared.Next()).ToList();
        var killAt = deliveries.Count / 4;
        var killed = 0;

        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (e, ct) =>
        {
            var body = $$"""{"id":"evt_{{e}}"}""";
            while (true)
            {
                var target = NextAlive(alive, ref next);
                try
                {
                    using var response = await http.PostAsync(receivers[target].Url, new StringContent(body, Encoding.UTF8, "application/json"), ct);
                    if ((int)response.StatusCode == 200) break;
                    if ((int)response.StatusCode == 409) Interlocked.Increment(ref conflicts);
                }
                catch (HttpRequestException)
                {
                    // The receiver is gone: the forwarder tries the next one.
                }
                Interlocked.Increment(ref redeliveries);
                await Task.Delay(100, ct); // the sender's retry, shortened for the benchmark
            }
            if (Interlocked.Increment(ref done) == killAt && Interlocked.Exchange(ref killed, 1) == 0)
            {
                receivers[0].Process.Kill(entireProcessTree: true); // mid-handling: it holds claims of deliveries in flight
                alive[0] = false;
            }
        });

        var effects = (await redis.GetDatabase().HashGetAllAsync(WebhookReceiverProcess.Effects)).ToDictionary(h => h.Name.ToString(), h => (int)h.Value);
        var once = Enumerable.Range(0, events).Count(i => effects.GetValueOrDefault($"evt_{i}") == 1);
        var more = Enumerable.Range(0, events).Count(i => effects.GetValueOrDefault($"evt_{i}") > 1);
        var never = Enumerable.Range(0, events).Count(i => effects.GetValueOrDefault($"evt_{i}") == 0);
        foreach (var (p, _) in receivers)
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            p.Dispose();
        }
        return new WebhookFleetOutcome(events, deliveries.Count, redeliveries, conflicts, once, more, never, real.Elapsed);
    }

    private static int NextAlive(bool[] alive, ref int next)
    {
        while (true)
        {
            var i = (int)((uint)Interlocked.Increment(ref next) % (uint)alive.Length);
            if (alive[i]) return i;
        }
    }
}
