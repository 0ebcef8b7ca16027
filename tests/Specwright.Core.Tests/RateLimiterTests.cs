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
    public async Task A_429_sets_the_share_to_the_clients_own_starts_the_api_counted_and_pauses_every_call_for_its_retry_after()
    {
        var clock = new TestClock();
        var start = clock.GetUtcNow();
        var sentAt = new List<TimeSpan>();
        var answers = 0;
        var http = new FakeHttp().Then(_ =>
        {
            sentAt.Add(clock.GetUtcNow() - start);
            if (++answers != 3) return FakeHttp.Json(200, TestService.ThingJson);
            var r = FakeHttp.Json(429, RateLimitedBody);
            r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
            return r;
        });
        using var service = TestService.Create(http, clock);

        for (var i = 0; i < 5; i++) await service.GetThingAsync("t1");

        // Two calls, then a 429 naming 2 a minute: the two starts the API counted are this client's share (the refused one is not
        // counted). Its retry waits out the 5 s pause, then for the first start to leave the window (a minute and the 1 s margin);
        // each later call waits for the start two before it.
        Assert.Equal(new[] { 0, 0, 0, 61, 61, 122 }.Select(s => TimeSpan.FromSeconds(s)), sentAt);
    }

    [Fact]
    public async Task In_a_fleet_each_process_takes_the_part_of_the_named_limit_it_had_when_refused()
    {
        var clock = new TestClock();
        using var limiter = new AdaptiveRateLimiter(clock);
        for (var i = 0; i < 16; i++) (await limiter.AcquireAsync()).Dispose(); // 15 admitted by the API, the 16th refused

        await limiter.OnRateLimitedAsync(new RateLimitSignal(TimeSpan.FromSeconds(30), 60, null));

        Assert.Equal((15, 1), limiter.Current);
        Assert.False(limiter.AttemptAcquire().IsAcquired); // paused for the Retry-After
        await Advance(clock, TimeSpan.FromSeconds(30));
        Assert.False(limiter.AttemptAcquire().IsAcquired); // and the 15 starts fill its share until they leave the window
        await Advance(clock, TimeSpan.FromSeconds(31));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public async Task A_new_process_on_a_busy_key_learns_the_limit_but_waits_for_a_start_of_its_own_before_taking_a_share()
    {
        var clock = new TestClock();
        using var limiter = new AdaptiveRateLimiter(clock);
        (await limiter.AcquireAsync()).Dispose(); // its first call: refused
        await limiter.OnRateLimitedAsync(new RateLimitSignal(TimeSpan.FromSeconds(10), 60, null));
        Assert.Equal((null, 1), limiter.Current);
        using var held = limiter.AttemptAcquire();
        Assert.False(held.IsAcquired);
    }

    [Fact]
    public async Task A_429_naming_the_concurrency_limit_leaves_the_client_what_it_had_in_flight_besides_the_refused_request()
    {
        var clock = new TestClock();
        using var limiter = new AdaptiveRateLimiter(clock);
        await limiter.OnRateLimitedAsync(new RateLimitSignal(null, null, 8)); // learn a ceiling of 8, leaving 1 (nothing else in flight)
        Assert.Equal((null, 1), limiter.Current);
        Assert.True(limiter.ConcurrencyLearned);
        for (var i = 0; i < 3; i++)
        {
            await Advance(clock, AdaptiveRateLimiter.GrowAfter);
            limiter.OnSuccess(); // quiet periods give one more in flight each
        }
        Assert.Equal((null, 4), limiter.Current);
        var leases = new List<RateLimitLease>();
        for (var i = 0; i < 4; i++) leases.Add(await limiter.AcquireAsync());
        await limiter.OnRateLimitedAsync(new RateLimitSignal(null, null, 5)); // one of the 4 refused: the other 3 are this client's part of 5
        Assert.Equal((null, 3), limiter.Current);
        leases.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task A_429_naming_nothing_halves_a_known_share_once_per_burst_and_quiet_periods_give_a_tenth_back()
    {
        var clock = new TestClock();
        using var limiter = new AdaptiveRateLimiter(clock);
        for (var i = 0; i < 41; i++) (await limiter.AcquireAsync()).Dispose();
        await limiter.OnRateLimitedAsync(new RateLimitSignal(null, 60, null));
        Assert.Equal(40, limiter.Current.RequestsPerMinute);
        await limiter.OnRateLimitedAsync(new RateLimitSignal(TimeSpan.FromSeconds(1), null, null));
        Assert.Equal(20, limiter.Current.RequestsPerMinute);
        await limiter.OnRateLimitedAsync(new RateLimitSignal(TimeSpan.FromSeconds(1), null, null)); // the same burst
        Assert.Equal(20, limiter.Current.RequestsPerMinute);
        limiter.OnSuccess(); // too soon to grow
        Assert.Equal(20, limiter.Current.RequestsPerMinute);
        for (var i = 0; i < 7; i++)
        {
            await Advance(clock, AdaptiveRateLimiter.GrowAfter);
            limiter.OnSuccess();
        }
        Assert.Equal(60, limiter.Current.RequestsPerMinute); // 20 + 6 a period, up to the named 60
    }

    [Fact]
    public async Task Before_any_concurrency_limit_is_known_one_request_is_in_flight_and_more_once_callers_have_waited()
    {
        using var limiter = new AdaptiveRateLimiter(new TestClock());
        using var first = await limiter.AcquireAsync();
        using (var refused = limiter.AttemptAcquire()) Assert.False(refused.IsAcquired);

        // The first is still held: the second gets its slot only when the waiting has doubled what may be in flight (real time).
        using var second = await limiter.AcquireAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(second.IsAcquired);
        Assert.Equal((null, 2), limiter.Current);
        Assert.False(limiter.ConcurrencyLearned);
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
