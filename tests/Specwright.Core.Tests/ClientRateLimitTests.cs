using Specwright.Core.Errors;
using Specwright.Core.Options;
using Specwright.TestSupport;

namespace Specwright.Core.Tests;

/// <summary>The client-side rate limit, taken by the retry handler before each attempt.</summary>
public sealed class ClientRateLimitTests
{
    [Fact]
    public async Task Requests_beyond_the_per_minute_limit_wait_for_the_oldest_to_leave_the_window()
    {
        var clock = new TestClock();
        var start = clock.GetUtcNow();
        var sentAt = new List<TimeSpan>();
        var http = new FakeHttp().Then(_ =>
        {
            sentAt.Add(clock.GetUtcNow() - start);
            return FakeHttp.Json(200, TestService.ThingJson);
        });
        using var service = TestService.Create(http, clock, rateLimit: new ClientRateLimit { RequestsPerMinute = 3 });

        for (var i = 0; i < 7; i++) await service.GetThingAsync("t1");

        // A minute plus the 1 s margin after the oldest start of a full window.
        Assert.Equal(new[] { 0, 0, 0, 61, 61, 61, 122 }.Select(s => TimeSpan.FromSeconds(s)), sentAt);
        Assert.Equal(new[] { TimeSpan.FromSeconds(61), TimeSpan.FromSeconds(61) }, clock.Delays);
    }

    [Fact]
    public async Task Retries_take_their_own_slot()
    {
        var clock = new TestClock();
        var start = clock.GetUtcNow();
        var sentAt = new List<TimeSpan>();
        var responses = new Queue<int>([500, 200, 200]);
        var http = new FakeHttp().Then(_ =>
        {
            sentAt.Add(clock.GetUtcNow() - start);
            var status = responses.Dequeue();
            return FakeHttp.Json(status, status == 200 ? TestService.ThingJson : TestService.ErrorBody);
        });
        using var service = TestService.Create(http, clock, rateLimit: new ClientRateLimit { RequestsPerMinute = 2, WindowMargin = TimeSpan.Zero });

        await service.GetThingAsync("t1"); // 500, retried after a backoff under 1 s
        await service.GetThingAsync("t1"); // the minute's two starts are used: waits

        Assert.Equal(3, sentAt.Count);
        Assert.True(sentAt[1] < TimeSpan.FromSeconds(1), $"retry sent at {sentAt[1]}");
        Assert.Equal(TimeSpan.FromSeconds(60), sentAt[2]);
    }

    [Fact]
    public async Task No_more_than_the_concurrent_limit_are_in_flight()
    {
        var release = new SemaphoreSlim(0);
        var inFlight = 0;
        var maxInFlight = 0;
        var http = new FakeHttp().Then(_ =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (release) maxInFlight = Math.Max(maxInFlight, now);
            release.Wait(); // held until all six were started
            Interlocked.Decrement(ref inFlight);
            return FakeHttp.Json(200, TestService.ThingJson);
        });
        using var service = TestService.Create(http, rateLimit: new ClientRateLimit { MaxConcurrentRequests = 2 });

        var calls = Enumerable.Range(0, 6).Select(i => Task.Run(() => service.GetThingAsync("t" + i))).ToList();
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref inFlight) == 2, TimeSpan.FromSeconds(30)), "two calls never got in flight");
        release.Release(6);
        await Task.WhenAll(calls);

        Assert.Equal(2, maxInFlight);
        Assert.Equal(6, http.Requests.Count);
    }

    [Theory]
    [InlineData(0, null, "RateLimit.RequestsPerMinute must be at least 1")]
    [InlineData(null, 0, "RateLimit.MaxConcurrentRequests must be at least 1")]
    public void Bad_limits_are_refused_naming_the_options_class_and_setting(int? perMinute, int? concurrent, string message)
    {
        var e = Assert.Throws<ConfigurationException>(() =>
            TestService.Create(new FakeHttp(), rateLimit: new ClientRateLimit { RequestsPerMinute = perMinute, MaxConcurrentRequests = concurrent }));

        Assert.Contains("TestServiceOptions." + message, e.Message);
    }

    [Fact]
    public void Options_show_the_limit_but_not_the_key()
    {
        var options = new TestServiceOptions { ApiKey = TestService.Key, RateLimit = new ClientRateLimit { RequestsPerMinute = 60, MaxConcurrentRequests = 5 } };

        Assert.Contains("RateLimit = 60/min, 5 at once", options.ToString());
        Assert.DoesNotContain(TestService.Key, options.ToString());
    }
}
