using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Specwright.Core.Diagnostics;
using Specwright.Core.Errors;
using Specwright.TestSupport;
using Specwright.Core.Internal;

namespace Specwright.Core.Tests;

/// <summary>The one retry mechanism (RetryHandler + RetryPolicy) in the Core pipeline, under the test service's rules.</summary>
public sealed class RetryHandlerTests
{
    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task A_retryable_status_is_retried_up_to_max_retries_with_backoff_then_thrown(int status)
    {
        var clock = new TestClock();
        var http = new FakeHttp().ThenJson(status, TestService.ErrorBody);
        using var service = TestService.Create(http, clock);

        var e = await Assert.ThrowsAsync<TestServiceException>(() => service.GetThingAsync("t1"));

        Assert.Equal(status, e.StatusCode);
        Assert.Equal(3, http.Requests.Count); // the default of 2 retries
        Assert.Equal(2, clock.Delays.Count);
        Assert.InRange(clock.Delays[0], TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.InRange(clock.Delays[1], TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(422)]
    [InlineData(504)]
    public async Task A_status_the_operation_does_not_list_is_not_retried(int status)
    {
        var http = new FakeHttp().ThenJson(status, TestService.ErrorBody);
        using var service = TestService.Create(http);

        Assert.Equal(status, (await Assert.ThrowsAsync<TestServiceException>(() => service.GetThingAsync("t1"))).StatusCode);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task A_billed_POST_is_retried_only_on_the_statuses_its_facts_list()
    {
        var refused = new FakeHttp().ThenJson(429, TestService.ErrorBody).ThenJson(201, TestService.ThingJson);
        using (var service = TestService.Create(refused))
        {
            Assert.Equal("t1", (await service.CreateThingAsync(new Thing("t1"))).Value.Id);
        }
        Assert.Equal(2, refused.Requests.Count);
        Assert.Equal("""{"id":"t1"}""", refused.Requests[1].Body); // the same body again
        Assert.Equal(refused.Requests[0].Body, refused.Requests[1].Body);

        var failed = new FakeHttp().ThenJson(500, TestService.ErrorBody);
        using (var service = TestService.Create(failed))
        {
            await Assert.ThrowsAsync<TestServiceException>(() => service.CreateThingAsync(new Thing("t1")));
        }
        Assert.Single(failed.Requests); // the work may have been done and billed
    }

    [Fact]
    public async Task A_retryable_status_whose_code_the_spec_forbids_to_retry_is_decoded_once_and_thrown_without_retry()
    {
        var http = new FakeHttp().ThenJson(429, """{"error":{"message":"Monthly quota used up"},"request_id":"r-q"}""");
        using var service = TestService.Create(http);

        var e = await Assert.ThrowsAsync<TestServiceException>(() => service.GetThingAsync("t1"));

        Assert.Equal(("quota_exhausted", "r-q"), (e.ErrorCode, e.RequestId));
        Assert.Single(http.Requests);
        Assert.Equal(1, service.Decoded); // by the retry handler; the transport throws that same error
    }

    [Fact]
    public async Task The_same_status_with_a_retryable_cause_is_retried_and_each_response_decoded_once()
    {
        var http = new FakeHttp().ThenJson(429, """{"error":{"message":"Too many requests"}}""");
        using var service = TestService.Create(http);

        var e = await Assert.ThrowsAsync<TestServiceException>(() => service.GetThingAsync("t1"));

        Assert.Equal(429, e.StatusCode);
        Assert.NotEqual("quota_exhausted", e.ErrorCode);
        Assert.Equal(3, http.Requests.Count);
        Assert.Equal(3, service.Decoded); // two by the retry handler to decide, the last by the transport after the retries ran out
    }

    [Fact]
    public async Task Max_retries_zero_disables_retrying()
    {
        var http = new FakeHttp().ThenJson(500, TestService.ErrorBody);
        using var service = TestService.Create(http, maxRetries: 0);

        await Assert.ThrowsAsync<TestServiceException>(() => service.GetThingAsync("t1"));

        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Retry_after_seconds_is_waited_exactly()
    {
        var clock = new TestClock();
        var http = new FakeHttp()
            .ThenJson(429, TestService.ErrorBody, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            .ThenJson(200, TestService.ThingJson);
        using var service = TestService.Create(http, clock);

        await service.GetThingAsync("t1");

        Assert.Equal([TimeSpan.FromSeconds(7)], clock.Delays);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_computed_against_the_clock()
    {
        var clock = new TestClock();
        var at = clock.GetUtcNow().AddSeconds(12);
        var http = new FakeHttp()
            .ThenJson(503, TestService.ErrorBody, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(at))
            .ThenJson(200, TestService.ThingJson);
        using var service = TestService.Create(http, clock);

        await service.GetThingAsync("t1");

        Assert.Equal([TimeSpan.FromSeconds(12)], clock.Delays);
    }

    [Fact]
    public async Task Retry_after_beyond_the_cap_is_not_waited_and_surfaces_on_the_exception()
    {
        var clock = new TestClock();
        var http = new FakeHttp().ThenJson(429, TestService.ErrorBody, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3600)));
        using var service = TestService.Create(http, clock);

        var e = await Assert.ThrowsAsync<TestServiceException>(() => service.GetThingAsync("t1"));

        Assert.Single(http.Requests);
        Assert.Empty(clock.Delays);
        Assert.Equal(TimeSpan.FromHours(1), e.RetryAfter);
        Assert.Equal(("x", "m"), (e.ErrorCode, e.ErrorMessage)); // read by the retry handler (a 429 is decided by code), not lost
        Assert.Equal(1, service.Decoded);
    }

    [Fact]
    public async Task A_batch_job_raises_MaxRetryAfter_and_waits_out_a_long_Retry_After_then_succeeds()
    {
        var clock = new TestClock { FireLimit = TimeSpan.FromHours(1) };
        var http = new FakeHttp()
            .ThenJson(429, TestService.ErrorBody, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10)))
            .ThenJson(200, TestService.ThingJson);
        // The attempt timeout is set above the clock's fire limit so that only the Retry-After wait fires.
        using var service = TestService.Create(http, clock, timeout: TimeSpan.FromHours(2), maxRetryAfter: TimeSpan.FromMinutes(15));

        Assert.Equal("t1", (await service.GetThingAsync("t1")).Value.Id);
        Assert.Equal([TimeSpan.FromMinutes(10)], clock.Delays);
    }

    [Fact]
    public async Task A_long_Retry_After_wait_ends_with_the_callers_token()
    {
        using var cts = new CancellationTokenSource();
        var clock = new TestClock { FireLimit = TimeSpan.Zero }; // the 10-minute timer never fires by itself
        var http = new FakeHttp().ThenJson(429, TestService.ErrorBody, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10)));
        using var service = TestService.Create(http, clock, maxRetryAfter: TimeSpan.FromMinutes(15));

        var call = service.GetThingAsync("t1", cts.Token);
        Assert.True(SpinWait.SpinUntil(() => http.Requests.Count == 1, TimeSpan.FromSeconds(30)));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(http.Requests);
    }

    [Fact]
    public void MaxRetryAfter_is_checked_and_read_from_configuration_naming_the_setting()
    {
        var e = Assert.Throws<ConfigurationException>(() => TestService.Create(new FakeHttp(), maxRetryAfter: TimeSpan.FromSeconds(-1)));
        Assert.Contains("TestServiceOptions.MaxRetryAfter must be between 0 and 1 day", e.Message);

        var section = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Test:MaxRetryAfter"] = "00:10:00" }).Build().GetSection("Test");
        var options = new TestServiceOptions();
        Specwright.Core.Internal.OptionsConfiguration.Bind(section, options);
        Assert.Equal(TimeSpan.FromMinutes(10), options.MaxRetryAfter);
        section["MaxRetryAfter"] = "soon";
        Assert.Contains("'Test:MaxRetryAfter' must be a TimeSpan", Assert.Throws<ConfigurationException>(() => Specwright.Core.Internal.OptionsConfiguration.Bind(section, options)).Message);
    }

    [Fact]
    public async Task A_connection_failure_is_retried_with_backoff()
    {
        var clock = new TestClock();
        var http = new FakeHttp().ThenThrow(new HttpRequestException(HttpRequestError.ConnectionError, "refused")).ThenJson(200, TestService.ThingJson);
        using var service = TestService.Create(http, clock);

        Assert.Equal("t1", (await service.GetThingAsync("t1")).Value.Id);
        Assert.Equal(2, http.Requests.Count);
        Assert.Single(clock.Delays);
        Assert.InRange(clock.Delays[0], TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_response_cut_off_mid_way_is_not_retried_because_it_may_be_billed()
    {
        var http = new FakeHttp().ThenThrow(new HttpRequestException(HttpRequestError.ResponseEnded, "ended")).ThenJson(200, TestService.ThingJson);
        using var service = TestService.Create(http);

        var e = await Assert.ThrowsAsync<TransportException>(() => service.GetThingAsync("t1"));

        Assert.Contains("ResponseEnded", e.Message);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task An_attempt_that_outlives_the_timeout_throws_ApiTimeoutException_without_retry()
    {
        var hanging = new HangingHandler();
        using var service = TestService.Create(handler: hanging, timeout: TimeSpan.FromSeconds(5));

        var e = await Assert.ThrowsAsync<ApiTimeoutException>(() => service.GetThingAsync("t1"));

        Assert.Equal(TimeSpan.FromSeconds(5), e.Timeout);
        Assert.InRange(hanging.Calls, 0, 1); // never retried (the timer may fire before the send starts)
    }

    [Fact]
    public async Task Caller_cancellation_throws_OperationCanceledException_not_a_timeout()
    {
        using var cts = new CancellationTokenSource();
        using var service = TestService.Create(handler: new HangingHandler(onCall: cts.Cancel));

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.GetThingAsync("t1", cts.Token));

        Assert.IsNotType<ApiTimeoutException>(e);
    }

    [Fact]
    public async Task Retries_are_logged_and_counted_per_operation_without_the_key()
    {
        var logs = new CapturingLoggerFactory();
        long retries = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == SpecwrightTelemetry.Name && i.Name == "specwright.http.retries") l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((_, v, tags, _) =>
        {
            foreach (var t in tags) if (t.Key == "operation" && (string?)t.Value == "getThing") Interlocked.Add(ref retries, v);
        });
        listener.Start();
        var http = new FakeHttp().ThenJson(502, TestService.ErrorBody).ThenJson(502, TestService.ErrorBody).ThenJson(200, TestService.ThingJson);
        using var service = TestService.Create(http, logs: logs);

        await service.GetThingAsync("t1");

        Assert.Equal(2, logs.Lines.Count(l => l.Contains("getThing: HTTP 502; retry", StringComparison.Ordinal)));
        Assert.True(Interlocked.Read(ref retries) >= 2); // other tests may count retries of getThing at the same time
        Assert.DoesNotContain(logs.Lines, l => l.Contains(TestService.Key, StringComparison.Ordinal));
        Assert.Equal(TestService.Key, http.Requests[0].Headers["X-API-Key"]);
    }

    /// <summary>What SocketsHttpHandler throws when its ConnectTimeout passes: a cancellation with a TimeoutException inside.</summary>
    private static TaskCanceledException ConnectTimeout() =>
        new("The operation was canceled.", new TimeoutException("A connection could not be established within the configured ConnectTimeout."));

    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        public int Calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answers[Math.Min(Interlocked.Increment(ref Calls) - 1, answers.Length - 1)]());
    }

    [Fact]
    public async Task A_connect_timeout_is_retried_like_a_refused_connection()
    {
        var clock = new TestClock();
        var handler = new ScriptedHandler(() => throw ConnectTimeout(), () => FakeHttp.Json(200, TestService.ThingJson));
        using var service = TestService.Create(handler: handler, clock: clock);

        Assert.Equal("t1", (await service.GetThingAsync("t1")).Value.Id);
        Assert.Equal(2, handler.Calls);
        Assert.Single(clock.Delays);
    }

    [Fact]
    public async Task A_connect_timeout_after_the_last_retry_is_a_TransportException_saying_so()
    {
        var handler = new ScriptedHandler(() => throw ConnectTimeout());
        using var service = TestService.Create(handler: handler);

        var e = await Assert.ThrowsAsync<TransportException>(() => service.GetThingAsync("t1"));

        Assert.Contains("getThing: no connection could be made within the connect timeout", e.Message);
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task The_callers_HttpClient_Timeout_ending_an_attempt_is_an_ApiTimeoutException_that_says_how_to_fix_it()
    {
        var hanging = new HangingHandler();
        using var callers = new HttpClient(hanging) { Timeout = TimeSpan.FromMilliseconds(200) };
        using var service = TestService.Create(callerClient: callers, clock: new TestClock { FireLimit = TimeSpan.Zero });

        var e = await Assert.ThrowsAsync<ApiTimeoutException>(() => service.GetThingAsync("t1"));

        Assert.Equal(TimeSpan.FromMilliseconds(200), e.Timeout);
        Assert.Contains("the HttpClient passed to the client ended the attempt after its Timeout of 0.2 s, before the SDK's own attempt timeout of 180 s", e.Message);
        Assert.Contains("Timeout.InfiniteTimeSpan", e.Message);
        Assert.Equal(1, hanging.Calls); // not retried: the request may have reached the server
    }

    private sealed class HangingHandler(Action? onCall = null) : HttpMessageHandler
    {
        public int Calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            onCall?.Invoke();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
