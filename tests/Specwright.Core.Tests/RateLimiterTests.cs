using System.Threading.RateLimiting;
using Specwright.Core.Errors;
using Specwright.Core.Http;
using Specwright.Core.RateLimiting;
using Specwright.TestSupport;
using Specwright.Core.Internal;

namespace Specwright.Core.Tests;

/// <summary>
/// Every client-side limit is a System.Threading.RateLimiting limiter: the rolling minute, the caller's own limiter (plain or
/// partitioned, asked again when it refuses), and the adaptive limiter a client has when nothing is configured.
/// </summary>
public sealed class RateLimiterTests
{
    private static string RateLimited(int perMinute) =>
        """{"error":{"code":"rate_limited","message":"slow down","details":{"reason":"rate_limit_per_min","limit_per_min":""" + perMinute + """}},"request_id":"r"}""";

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
    public async Task A_lone_client_refused_once_waits_the_retry_after_and_then_goes_on_at_its_pace()
    {
        // The lone-client case: two calls, then a 429 naming the key's 60 a minute with Retry-After: 1 (someone else used the rest).
        var clock = new TestClock();
        var start = clock.GetUtcNow();
        var sentAt = new List<TimeSpan>();
        var answers = 0;
        var http = new FakeHttp().Then(_ =>
        {
            sentAt.Add(clock.GetUtcNow() - start);
            if (++answers != 3) return FakeHttp.Json(200, TestService.ThingJson);
            var r = FakeHttp.Json(429, RateLimited(perMinute: 60));
            r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
            return r;
        });
        using var service = TestService.Create(http, clock);

        for (var i = 0; i < 3 + 6; i++) await service.GetThingAsync("t1");

        // The retry waits the 1 s, and the six calls after it go at once: 60 a minute is the ceiling, not a share of 3.
        Assert.Equal(new[] { 0, 0, 0, 1, 1, 1, 1, 1, 1, 1 }.Select(s => TimeSpan.FromSeconds(s)), sentAt);
    }

    [Fact]
    public void A_429_names_limits_only_where_the_services_rules_say_its_body_does()
    {
        using var response = FakeHttp.Json(429, RateLimited(perMinute: 60));
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        var body = System.Text.Encoding.UTF8.GetBytes(RateLimited(perMinute: 60));
        var now = DateTimeOffset.UnixEpoch;

        Assert.Equal(new RateLimitSignal(TimeSpan.FromSeconds(3), 60, null), RateLimitSignal.Read(response, body, now, TestService.Rules));
        Assert.Equal(new RateLimitSignal(TimeSpan.FromSeconds(3), null, null), RateLimitSignal.Read(response, body, now)); // Core knows no field
        var elsewhere = TestService.Rules with { RequestsPerMinuteField = ["limits", "per_minute"] };
        Assert.Equal(new RateLimitSignal(TimeSpan.FromSeconds(3), null, null), RateLimitSignal.Read(response, body, now, elsewhere));
        Assert.Equal(new RateLimitSignal(TimeSpan.FromSeconds(3), null, null), RateLimitSignal.Read(response, "<html>busy</html>"u8, now, TestService.Rules));
    }

    [Fact]
    public async Task A_named_limit_is_a_ceiling_the_client_keeps_to_and_the_refused_attempt_is_not_counted()
    {
        var clock = new TestClock();
        using var limiter = new AdaptiveRateLimiter(clock);
        for (var i = 0; i < 3; i++) (await limiter.AcquireAsync()).Dispose(); // 2 admitted by the API, the 3rd refused

        await limiter.OnRateLimitedAsync(new RateLimitSignal(TimeSpan.FromSeconds(1), 60, null));

        Assert.Equal((60, int.MaxValue), limiter.Current);
        using (var paused = limiter.AttemptAcquire()) Assert.False(paused.IsAcquired); // the Retry-After holds every call
        await Advance(clock, TimeSpan.FromSeconds(1));
        for (var i = 0; i < 58; i++) limiter.AttemptAcquire().Dispose(); // 2 + 58: the key's whole minute
        using var over = limiter.AttemptAcquire();
        Assert.False(over.IsAcquired);
        Assert.True(over.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(60), wait); // until the first start leaves the minute (and its 1 s margin)
    }

    [Fact]
    public async Task With_no_429_a_burst_of_20_concurrent_calls_is_in_flight_at_once_as_with_no_limiter()
    {
        using (var limiter = new AdaptiveRateLimiter(new TestClock()))
        {
            var held = Enumerable.Range(0, 20).Select(_ => limiter.AttemptAcquire()).ToList(); // none released: all in flight at once
            Assert.All(held, lease => Assert.True(lease.IsAcquired));
            held.ForEach(lease => lease.Dispose());
        }

        foreach (var adaptive in new[] { true, false })
        {
            var server = new HoldsUntilInFlight(20);
            using var service = TestService.Create(handler: server, configure: o => o.AdaptiveRateLimit = adaptive);

            var calls = Enumerable.Range(0, 20).Select(_ => service.GetThingAsync("t1")).ToList();
            await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30)); // a deadline only: the calls end as soon as the 20th arrives

            Assert.Equal(20, server.MostInFlight);
        }
    }

    [Fact]
    public async Task A_neighbour_eating_the_keys_minute_lowers_the_client_to_what_is_left_and_a_quiet_minute_restores_the_ceiling()
    {
        // A key of 60 a minute. A neighbour starts every 1.5 s (40 a minute) for 10 minutes, then stops; the client calls as fast
        // as its limiter lets it for 14 minutes.
        var clock = new TestClock();
        var api = new RollingMinuteApi(60);
        using var limiter = new AdaptiveRateLimiter(clock);
        var neighbourNext = TimeSpan.Zero;
        var neighbourStops = TimeSpan.FromMinutes(10);
        var refusedBeforeStop = 0;
        var admittedBetween = 0; // the client's starts in minutes 3 to 10, while the neighbour runs at its pace
        var admittedAfter = 0; // and in minutes 11 to 14, the key to itself
        var lowestLimit = 60;
        while (clock.Elapsed < TimeSpan.FromMinutes(14))
        {
            var lease = await limiter.AcquireAsync();
            while (neighbourNext <= clock.Elapsed && neighbourNext < neighbourStops)
            {
                api.Admit(neighbourNext);
                neighbourNext += TimeSpan.FromSeconds(1.5);
            }
            if (api.TryStart(clock.Elapsed, out var retryAfter))
            {
                limiter.OnSuccess();
                if (clock.Elapsed >= TimeSpan.FromMinutes(3) && clock.Elapsed < neighbourStops) admittedBetween++;
                if (clock.Elapsed >= TimeSpan.FromMinutes(11)) admittedAfter++;
            }
            else
            {
                await limiter.OnRateLimitedAsync(new RateLimitSignal(retryAfter, 60, null));
                if (clock.Elapsed < neighbourStops) refusedBeforeStop++;
            }
            lowestLimit = Math.Min(lowestLimit, limiter.Current.RequestsPerMinute ?? 60);
            lease.Dispose();
        }

        Assert.InRange(lowestLimit, 1, 30); // it found that the neighbour leaves it about 20
        Assert.InRange(refusedBeforeStop, 1, 12); // about one a minute (each quiet minute it looks for more), not one per call
        Assert.InRange(admittedBetween, 7 * 20 * 8 / 10, 7 * 20); // at least 80% of what the neighbour leaves
        Assert.Equal((60, int.MaxValue), limiter.Current); // back at the key's limit after the neighbour left
        Assert.InRange(admittedAfter, 2 * 60, 3 * 60 + 60); // whole minutes of 60 again (3 minutes hold two or three)
    }

    [Fact]
    public async Task After_a_quiet_minute_starts_above_the_lowered_limit_go_one_at_a_time_and_a_refused_probe_lowers_it_again()
    {
        var clock = new TestClock();
        using var limiter = new AdaptiveRateLimiter(clock);
        for (var i = 0; i < 21; i++) (await limiter.AcquireAsync()).Dispose();
        await limiter.OnRateLimitedAsync(new RateLimitSignal(null, 60, null));
        await Advance(clock, TimeSpan.FromSeconds(5));
        (await limiter.AcquireAsync()).Dispose();
        await limiter.OnRateLimitedAsync(new RateLimitSignal(null, 60, null)); // a second burst: lowered to its 20
        Assert.Equal(20, limiter.Current.RequestsPerMinute);
        await Advance(clock, TimeSpan.FromSeconds(61));
        limiter.OnSuccess(); // a minute without a 429: back at 60
        Assert.Equal(60, limiter.Current.RequestsPerMinute);

        var held = Enumerable.Range(0, 20).Select(_ => limiter.AttemptAcquire()).ToList(); // up to the old 20: all at once
        Assert.All(held, lease => Assert.True(lease.IsAcquired));
        var probe = limiter.AttemptAcquire();
        Assert.True(probe.IsAcquired);
        using (var second = limiter.AttemptAcquire()) Assert.False(second.IsAcquired); // one probe at a time
        limiter.OnSuccess();
        probe.Dispose();
        probe = limiter.AttemptAcquire();
        Assert.True(probe.IsAcquired); // the next probe, now the first is back

        await limiter.OnRateLimitedAsync(new RateLimitSignal(null, 60, null)); // the probe refused: the neighbour is still there
        Assert.Equal(21, limiter.Current.RequestsPerMinute); // the 20 and the probe that went through
        probe.Dispose();
        held.ForEach(lease => lease.Dispose());
    }

    [Fact]
    public async Task A_429_naming_the_concurrency_limit_caps_the_requests_in_flight_and_a_second_burst_leaves_the_client_its_part()
    {
        var clock = new TestClock();
        using var limiter = new AdaptiveRateLimiter(clock);
        var leases = new List<RateLimitLease>();
        for (var i = 0; i < 8; i++) leases.Add(await limiter.AcquireAsync());
        await limiter.OnRateLimitedAsync(new RateLimitSignal(null, null, 5)); // 8 in flight, one refused: the ceiling is 5
        await limiter.OnRateLimitedAsync(new RateLimitSignal(null, null, 5)); // the same burst: nothing more learned
        Assert.Equal((null, 5), limiter.Current);
        leases.ForEach(l => l.Dispose());
        leases.Clear();

        await Advance(clock, TimeSpan.FromSeconds(5));
        for (var i = 0; i < 5; i++) leases.Add(await limiter.AcquireAsync());
        using (var sixth = limiter.AttemptAcquire()) Assert.False(sixth.IsAcquired);
        await limiter.OnRateLimitedAsync(new RateLimitSignal(null, null, 5)); // refused at 5 of its own: others hold 1 or more
        Assert.Equal((null, 4), limiter.Current);
        leases.ForEach(l => l.Dispose());

        await Advance(clock, AdaptiveRateLimiter.GrowAfter);
        limiter.OnSuccess();
        Assert.Equal((null, 5), limiter.Current);
    }

    [Fact]
    public async Task A_429_naming_nothing_pauses_for_its_retry_after_and_only_a_second_burst_halves_a_known_limit()
    {
        var clock = new TestClock();
        using var limiter = new AdaptiveRateLimiter(clock);
        (await limiter.AcquireAsync()).Dispose();
        await limiter.OnRateLimitedAsync(new RateLimitSignal(TimeSpan.FromSeconds(2), null, null));
        Assert.Equal((null, int.MaxValue), limiter.Current); // nothing named, nothing learned: only the pause
        using (var paused = limiter.AttemptAcquire()) Assert.False(paused.IsAcquired);
        await Advance(clock, TimeSpan.FromSeconds(2));
        for (var i = 0; i < 41; i++) (await limiter.AcquireAsync()).Dispose();
        await limiter.OnRateLimitedAsync(new RateLimitSignal(null, 60, null)); // a second burst, naming 60: 40 of ours were counted
        Assert.Equal(40, limiter.Current.RequestsPerMinute);
        await Advance(clock, TimeSpan.FromSeconds(3));
        await limiter.OnRateLimitedAsync(new RateLimitSignal(TimeSpan.FromSeconds(1), null, null));
        Assert.Equal(20, limiter.Current.RequestsPerMinute);
        await limiter.OnRateLimitedAsync(new RateLimitSignal(TimeSpan.FromSeconds(1), null, null)); // the same burst
        Assert.Equal(20, limiter.Current.RequestsPerMinute);
        limiter.OnSuccess(); // too soon to recover
        Assert.Equal(20, limiter.Current.RequestsPerMinute);
        await Advance(clock, AdaptiveRateLimiter.GrowAfter);
        limiter.OnSuccess();
        Assert.Equal(60, limiter.Current.RequestsPerMinute); // a quiet minute: the named ceiling again, not a tenth of it
    }

    [Fact]
    public async Task With_slow_start_one_request_is_in_flight_and_more_once_callers_have_waited()
    {
        using var limiter = new AdaptiveRateLimiter(new TestClock(), null, null, limitsStarts: true, slowStart: true);
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

    /// <summary>An API's rolling minute for one key: refuses a start when the minute is full, naming when its oldest start leaves.</summary>
    private sealed class RollingMinuteApi(int perMinute)
    {
        private readonly Queue<TimeSpan> _starts = new();

        public void Admit(TimeSpan at) => _starts.Enqueue(at);

        public bool TryStart(TimeSpan at, out TimeSpan retryAfter)
        {
            while (_starts.Count > 0 && at - _starts.Peek() >= TimeSpan.FromMinutes(1)) _starts.Dequeue();
            if (_starts.Count < perMinute)
            {
                _starts.Enqueue(at);
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = TimeSpan.FromSeconds(Math.Ceiling((_starts.Peek() + TimeSpan.FromMinutes(1) - at).TotalSeconds));
            return false;
        }
    }

    /// <summary>Answers no request until <paramref name="expected"/> are in flight together; records the most seen at once.</summary>
    private sealed class HoldsUntilInFlight(int expected) : HttpMessageHandler
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _most;

        public int MostInFlight => Volatile.Read(ref _most);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while ((seen = Volatile.Read(ref _most)) < now && Interlocked.CompareExchange(ref _most, now, seen) != seen) { }
            if (now >= expected) _all.TrySetResult();
            await _all.Task.WaitAsync(cancellationToken);
            Interlocked.Decrement(ref _inFlight);
            return FakeHttp.Json(200, TestService.ThingJson);
        }
    }

    /// <summary>Moves the test clock on (its short timers fire at once and advance it).</summary>
    private static Task Advance(TestClock clock, TimeSpan by) => Task.Delay(by, clock);
}
