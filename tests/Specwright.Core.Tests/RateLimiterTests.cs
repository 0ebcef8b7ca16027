using System.Threading.RateLimiting;
using Specwright.Core.Errors;
using Specwright.Core.Http;
using Specwright.Core.RateLimiting;
using Specwright.TestSupport;

namespace Specwright.Core.Tests;

/// <summary>
/// Every client-side limit is a System.Threading.RateLimiting limiter: the rolling minute, the caller's own limiter (plain or
/// partitioned, asked again when it refuses), and the adaptive limiter a client has when nothing is configured.
/// </summary>
public sealed class RateLimiterTests
{
    private const string RateLimitedBody = """{"error":{"code":"rate_limited","message":"slow down","details":{"reason":"rate_limit_per_min","limit_per_min":2,"max_concurrent":1}},"request_id":"r"}""";

    [Fact]
    public async Task The_rolling_window_gives_its_permits_then_names_the_wait()
    {
        var clock = new TestClock();
        using var limiter = new RollingWindowRateLimiter(2, TimeSpan.FromSeconds(61), clock);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        await Advance(clock, TimeSpan.FromSeconds(10));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        using var refused = limiter.AttemptAcquire();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(51), wait);
        using var waited = await limiter.AcquireAsync();
        Assert.True(waited.IsAcquired);
        Assert.Equal(TimeSpan.FromSeconds(61), clock.Elapsed); // 10 s advanced, then the 51 s named
    }

    [Fact]
    public async Task A_429_teaches_the_adaptive_limiter_the_limits_it_names_and_pauses_every_call_for_its_retry_after()
    {
        var clock = new TestClock();
        var start = clock.GetUtcNow();
        var sentAt = new List<TimeSpan>();
        var first = true;
        var http = new FakeHttp().Then(_ =>
        {
            sentAt.Add(clock.GetUtcNow() - start);
            if (!first) return FakeHttp.Json(200, TestService.ThingJson);
            first = false;
            var r = FakeHttp.Json(429, RateLimitedBody);
            r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
            return r;
        });
        using var service = TestService.Create(http, clock);

        for (var i = 0; i < 4; i++) await service.GetThingAsync("t1");

        // The retry after 5 s; then the named limit of 2 a minute, the 429's start counted too: each further call waits for the
        // start two before it to leave its window (a minute and the 1 s margin).
        Assert.Equal(new[] { 0, 5, 61, 66, 122 }.Select(s => TimeSpan.FromSeconds(s)), sentAt);
    }

    [Fact]
    public async Task Further_429s_halve_the_share_and_quiet_minutes_give_it_back_up_to_the_named_limit()
    {
        var clock = new TestClock();
        using var limiter = new AdaptiveRateLimiter(clock);
        Assert.Equal((null, null), limiter.Current);
        limiter.OnRateLimited(new RateLimitSignal(null, 60, 5));
        Assert.Equal((60, 5), limiter.Current);
        limiter.OnRateLimited(new RateLimitSignal(TimeSpan.FromSeconds(1), null, null));
        Assert.Equal((60, 5), limiter.Current); // the same burst's 429s: one signal
        await Advance(clock, TimeSpan.FromSeconds(20));
        limiter.OnRateLimited(new RateLimitSignal(TimeSpan.FromSeconds(1), null, null));
        Assert.Equal((30, 2), limiter.Current);
        limiter.OnSuccess(); // within the minute: no change
        Assert.Equal((30, 2), limiter.Current);
        await Advance(clock, TimeSpan.FromMinutes(1));
        limiter.OnSuccess();
        Assert.Equal((36, 3), limiter.Current);
        for (var i = 0; i < 10; i++)
        {
            await Advance(clock, TimeSpan.FromMinutes(1));
            limiter.OnSuccess();
        }
        Assert.Equal((60, 5), limiter.Current);
    }

    [Fact]
    public async Task The_callers_limiter_is_asked_again_after_the_wait_it_names_and_is_not_disposed_with_the_client()
    {
        var clock = new TestClock();
        var limiter = new RefusingOnce(TimeSpan.FromMilliseconds(300));
        var http = new FakeHttp().ThenJson(200, TestService.ThingJson);
        using (var service = TestService.Create(http, clock, configure: o => o.Limiter = limiter))
            await service.GetThingAsync("t1");
        Assert.Equal(2, limiter.Asked);
        Assert.Equal([TimeSpan.FromMilliseconds(300)], clock.Delays);
        Assert.False(limiter.Disposed);
    }

    [Fact]
    public async Task A_partitioned_limiter_sees_each_request_with_its_operation()
    {
        var seen = new List<string>();
        using var partitioned = PartitionedRateLimiter.Create<HttpRequestMessage, string>(request =>
        {
            var operation = request.Options.TryGetValue(RequestOptionKeys.OperationId, out var id) ? id : "?";
            lock (seen) seen.Add(operation);
            return RateLimitPartition.GetNoLimiter(operation);
        });
        var http = new FakeHttp().ThenJson(200, TestService.ThingJson).ThenJson(200, TestService.ThingJson);
        using var service = TestService.Create(http, configure: o => o.PartitionedLimiter = partitioned);
        await service.GetThingAsync("t1");
        await service.CreateThingAsync(new Thing("t2"));
        Assert.Equal(["getThing", "createThing"], seen);
    }

    [Fact]
    public void Two_limits_at_once_are_a_configuration_error_naming_them()
    {
        using var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 1 });
        var e = Assert.Throws<ConfigurationException>(() => TestService.Create(configure: o =>
        {
            o.Limiter = limiter;
            o.RateLimit = new Options.ClientRateLimit { RequestsPerMinute = 5 };
        }));
        Assert.Contains("set only one of RateLimit, Limiter and PartitionedLimiter", e.Message);
    }

    /// <summary>Refuses the first request with a wait, like a distributed limiter whose window is full.</summary>
    private sealed class RefusingOnce(TimeSpan wait) : RateLimiter
    {
        public int Asked;
        public bool Disposed;

        public override TimeSpan? IdleDuration => null;
        public override RateLimiterStatistics? GetStatistics() => null;
        protected override RateLimitLease AttemptAcquireCore(int permitCount) => throw new NotSupportedException();

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult<RateLimitLease>(new Lease(Interlocked.Increment(ref Asked) > 1, wait));

        protected override void Dispose(bool disposing) => Disposed = true;

        private sealed class Lease(bool acquired, TimeSpan wait) : RateLimitLease
        {
            public override bool IsAcquired => acquired;
            public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = wait;
                return !acquired && metadataName == MetadataName.RetryAfter.Name;
            }
        }
    }

    /// <summary>Moves the test clock on (its short timers fire at once and advance it).</summary>
    private static Task Advance(TestClock clock, TimeSpan by) => Task.Delay(by, clock);
}
