using System.Threading.RateLimiting;
using Specwright.Core.Errors;
using Specwright.Core.Options;

namespace Specwright.Redis.Tests;

/// <summary>One key's budget, counted in a real Redis and shared by every connection (each stands for a worker process).</summary>
public sealed class SharedRateLimitTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Starts_per_minute_are_counted_across_processes_and_per_key()
    {
        await using var workerA = await redis.ConnectAsync();
        await using var workerB = await redis.ConnectAsync();
        var limit = new ClientRateLimit { RequestsPerMinute = 4 };
        var partition = RedisRateLimits.PartitionFor("webscrape", "wsg_live_key_one_0000000000000000000000");
        using var a = RedisRateLimits.Create(workerA, partition, limit);
        using var b = RedisRateLimits.Create(workerB, partition, limit);

        for (var i = 0; i < 2; i++)
        {
            using var fromA = await a.AcquireAsync();
            using var fromB = await b.AcquireAsync();
            Assert.True(fromA.IsAcquired && fromB.IsAcquired);
        }
        using var fifth = await b.AcquireAsync();
        Assert.False(fifth.IsAcquired); // four starts in this minute, two from each process
        Assert.True(fifth.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.FromSeconds(50) && wait <= TimeSpan.FromSeconds(61),
            $"a refusal names the wait until the oldest start leaves the window (got {wait})");

        using var otherKey = RedisRateLimits.Create(workerB, RedisRateLimits.PartitionFor("webscrape", "wsg_live_key_two_0000000000000000000000"), limit);
        using var fromOtherKey = await otherKey.AcquireAsync();
        Assert.True(fromOtherKey.IsAcquired);
    }

    [Fact]
    public async Task Requests_in_flight_are_counted_across_processes_and_a_slot_frees_when_its_lease_ends()
    {
        await using var workerA = await redis.ConnectAsync();
        await using var workerB = await redis.ConnectAsync();
        var limit = new ClientRateLimit { MaxConcurrentRequests = 2 };
        var partition = RedisRateLimits.PartitionFor("ittybit", "ittybit_key_" + Guid.NewGuid());
        using var a = RedisRateLimits.Create(workerA, partition, limit);
        using var b = RedisRateLimits.Create(workerB, partition, limit);

        var first = await a.AcquireAsync();
        using var second = await b.AcquireAsync();
        Assert.True(first.IsAcquired && second.IsAcquired);
        using var third = b.AttemptAcquire();
        Assert.False(third.IsAcquired);
        first.Dispose();
        using var afterRelease = await b.AcquireAsync(); // the queue takes the freed slot
        Assert.True(afterRelease.IsAcquired);
    }

    [Fact]
    public async Task The_partition_never_holds_the_key_and_options_name_what_is_missing()
    {
        var partition = RedisRateLimits.PartitionFor("WebScrape", "wsg_live_secret_key_000000000000000000");
        Assert.Matches("^specwright:webscrape:[0-9a-f]{16}$", partition);
        Assert.DoesNotContain("secret", partition);

        await using var worker = await redis.ConnectAsync();
        var options = new TestOptions();
        var e = Assert.Throws<ConfigurationException>(() => options.UseRedisRateLimit(worker, new ClientRateLimit { RequestsPerMinute = 1 }));
        Assert.Contains("TestOptions.UseRedisRateLimit: set ApiKey first", e.Message);
        options.ApiKey = "k";
        options.UseRedisRateLimit(worker, new ClientRateLimit { RequestsPerMinute = 1 });
        Assert.NotNull(options.Limiter);
        Assert.Null(options.RateLimit);
    }

    [Fact]
    public async Task What_one_process_learns_from_a_429_limits_every_process_against_the_starts_the_fleet_made_before()
    {
        await using var workerA = await redis.ConnectAsync();
        await using var workerB = await redis.ConnectAsync();
        var partition = RedisRateLimits.PartitionFor("webscrape", "wsg_live_adaptive_" + Guid.NewGuid().ToString("N")[..8]);
        using var a = new RedisAdaptiveRateLimiter(workerA, partition);
        using var b = new RedisAdaptiveRateLimiter(workerB, partition);

        for (var i = 0; i < 3; i++)
            using (var unlimited = await b.AcquireAsync()) Assert.True(unlimited.IsAcquired); // nothing learned: no limit
        Assert.Equal((null, 1), b.Current);
        // The API admitted two of b's starts and refused the third, naming 3 a minute: the refused start leaves the record.
        await b.OnRateLimitedAsync(new Core.RateLimiting.RateLimitSignal(null, 3, null));

        // a learned nothing itself, yet finds the fleet's minute holding b's two starts: one more, then a refusal naming the wait.
        using (var last = await a.AcquireAsync()) Assert.True(last.IsAcquired);
        Assert.Equal((3, 1), a.Current);
        using (var full = await a.AcquireAsync())
        {
            Assert.False(full.IsAcquired);
            Assert.True(full.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var wait));
            Assert.InRange(wait, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));
        }

        // A Retry-After pauses the whole fleet, b included.
        await a.OnRateLimitedAsync(new Core.RateLimiting.RateLimitSignal(TimeSpan.FromSeconds(90), null, null));
        using var paused = await b.AcquireAsync();
        Assert.False(paused.IsAcquired);
        Assert.True(paused.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var pause));
        Assert.InRange(pause, TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(90));
    }

    private sealed class TestOptions : SpecwrightClientOptions;
}
