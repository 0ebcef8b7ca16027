using Specwright.Benchmarks.Scenarios;
using Specwright.Core.Errors;
using Specwright.Core.Options;
using Specwright.Redis;
using Specwright.WebScrape;
using StackExchange.Redis;

namespace Specwright.Benchmarks.Fleet;

/// <summary>
/// One worker process of the fleet benchmark: <c>--callers</c> concurrent callers make <c>--calls</c> scrape calls on the shared key,
/// limited as <c>--mode</c> says, on the clock the whole fleet shares. Prints "succeeded failed".
/// </summary>
public static class FleetWorker
{
    public const string Flag = "--fleet-worker";

    public static async Task<int> RunAsync(string[] raw)
    {
        var args = new WorkerArgs(raw);
        var scale = double.Parse(args["scale"], System.Globalization.CultureInfo.InvariantCulture);
        var clock = new ScaledClock(scale, new DateTimeOffset(long.Parse(args["clock-start"], System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero));
        var limit = new ClientRateLimit { RequestsPerMinute = args.Int("per-minute"), MaxConcurrentRequests = args.Int("concurrent") };
        var options = new WebScrapeClientOptions { ApiKey = args["key"], BaseUrl = new Uri(args["base-url"]), TimeProvider = clock };
        ConnectionMultiplexer? redis = null;
        switch (args["mode"])
        {
            case FleetThroughput.NoLimit:
                options.AdaptiveRateLimit = false;
                break;
            case FleetThroughput.Adaptive:
                break;
            case FleetThroughput.PerProcess:
                options.RateLimit = limit;
                break;
            case FleetThroughput.AdaptiveRedis:
                redis = await ConnectionMultiplexer.ConnectAsync(args["redis"]);
                options.Limiter = new RedisAdaptiveRateLimiter(redis, RedisRateLimits.PartitionFor("webscrape", args["key"]) + ":" + args["run"], clock,
                    minute: TimeSpan.FromMinutes(1) / scale);
                break;
            case FleetThroughput.RedisShared:
                redis = await ConnectionMultiplexer.ConnectAsync(args["redis"]);
                options.Limiter = RedisRateLimits.Create(redis, RedisRateLimits.PartitionFor("webscrape", args["key"]) + ":" + args["run"], limit, window: limit.Window / scale);
                break;
            default:
                throw new ArgumentException($"worker: unknown --mode {args["mode"]}");
        }
        var succeeded = 0;
        var failed = 0;
        using (var client = new WebScrapeClient(options))
            await Parallel.ForEachAsync(Enumerable.Range(0, args.Int("calls")), new ParallelOptions { MaxDegreeOfParallelism = args.Int("callers") }, async (i, ct) =>
            {
                try
                {
                    await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri($"https://example.com/fleet/{i}") }, ct);
                    Interlocked.Increment(ref succeeded);
                }
                catch (SpecwrightException)
                {
                    Interlocked.Increment(ref failed);
                }
            });
        options.Limiter?.Dispose();
        if (redis is not null) await redis.DisposeAsync();
        Console.WriteLine($"{succeeded} {failed}");
        return 0;
    }
}
