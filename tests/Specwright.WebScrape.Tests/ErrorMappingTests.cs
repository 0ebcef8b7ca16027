using System.Net;
using System.Text.Json.Nodes;
using Specwright.Core.Errors;
using Specwright.TestSupport;

namespace Specwright.WebScrape.Tests;

/// <summary>Every error example in the spec, sent by a fake server, becomes its typed exception.</summary>
public class ErrorMappingTests
{
    private static readonly SpecDocument Spec = SpecDocument.Load("webscrape.yaml");

    public static TheoryData<string> ErrorExamples()
    {
        var data = new TheoryData<string>();
        foreach (var e in Spec.Examples().Where(e => e.Where.Contains("POST /scrape", StringComparison.Ordinal) && e.Value["status"]?.GetValue<string>() == "error"))
            data.Add(e.Where);
        return data;
    }

    [Theory]
    [InlineData(409, "account_deletion_pending", typeof(ConflictException))]
    [InlineData(409, "conflict", typeof(ConflictException))]
    [InlineData(500, "internal_error", typeof(ServerErrorException))]
    [InlineData(503, "service_unavailable", typeof(ServerErrorException))]
    public async Task Codes_of_a_family_are_caught_by_the_familys_exception(int status, string code, Type family)
    {
        var http = new FakeHttp().ThenJson(status, $$$"""{"status":"error","request_id":"r1","error":{"code":"{{{code}}}","message":"m"}}""");
        using var client = ClientFactory.Create(http, maxRetries: 0);

        var e = await Assert.ThrowsAnyAsync<WebScrapeApiException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.IsAssignableFrom(family, e);
        Assert.Equal(code, e.ErrorCode);
        Assert.False(typeof(ServerErrorException).IsAssignableFrom(typeof(ConflictException)));
    }

    [Theory]
    [MemberData(nameof(ErrorExamples))]
    public async Task Error_example_becomes_the_exception_of_its_code(string where)
    {
        var example = Spec.Examples().Single(e => e.Where == where);
        var status = int.Parse(where.Split(' ')[2]);
        var code = example.Value["error"]!["code"]!.GetValue<string>();
        var http = new FakeHttp().ThenJson(status, example.Value.ToJsonString());
        using var client = ClientFactory.Create(http, maxRetries: 0);

        var e = await Assert.ThrowsAnyAsync<WebScrapeApiException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Equal(string.Concat(code.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..])) + "Exception", e.GetType().Name);
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(code, e.ErrorCode);
        Assert.Equal(example.Value["error"]!["message"]!.GetValue<string>(), e.ErrorMessage);
        Assert.Equal(example.Value["request_id"]!.GetValue<string>(), e.RequestId);
        Assert.Contains(code, e.Message);
        Assert.Contains(e.RequestId!, e.Message);
        Assert.Equal(example.Value["error"]!["details"] is null, e.Details is null);
    }

    [Fact]
    public async Task Insufficient_credits_exposes_balance_and_required()
    {
        var http = new FakeHttp().ThenJson(402, """{"status":"error","error":{"code":"insufficient_credits","message":"m","details":{"balance":3,"required":5}},"request_id":"r"}""");
        using var client = ClientFactory.Create(http);

        var e = await Assert.ThrowsAsync<InsufficientCreditsException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Equal(3, e.Balance);
        Assert.Equal(5, e.Required);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Rate_limited_exposes_reason_and_retry_after_when_retries_are_exhausted()
    {
        var clock = new TestClock();
        var http = new FakeHttp().ThenJson(429, """{"status":"error","error":{"code":"rate_limited","message":"slow down","details":{"reason":"rate_limit_per_min","limit_per_min":60}},"request_id":"r"}""",
            r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));
        using var client = ClientFactory.Create(http, clock);

        var e = await Assert.ThrowsAsync<RateLimitedException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Equal(RateLimitReason.RateLimitPerMin, e.Reason);
        Assert.Equal(60, e.LimitPerMin);
        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
        Assert.Equal(3, http.Requests.Count);
    }

    [Fact]
    public async Task Account_deletion_pending_exposes_the_date()
    {
        var http = new FakeHttp().ThenJson(409, """{"status":"error","error":{"code":"account_deletion_pending","message":"m","details":{"deletion_scheduled_for":"2026-06-20T00:00:00Z"}},"request_id":"r"}""");
        using var client = ClientFactory.Create(http);

        var e = await Assert.ThrowsAsync<AccountDeletionPendingException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Equal(new DateTimeOffset(2026, 6, 20, 0, 0, 0, TimeSpan.Zero), e.DeletionScheduledFor);
    }

    [Fact]
    public async Task Details_of_an_unexpected_shape_do_not_break_the_exception()
    {
        var http = new FakeHttp().ThenJson(402, """{"status":"error","error":{"code":"insufficient_credits","message":"m","details":"not an object"},"request_id":"r"}""");
        using var client = ClientFactory.Create(http);

        var e = await Assert.ThrowsAsync<InsufficientCreditsException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Null(e.Balance);
        Assert.Equal("not an object", e.Details!.Value.GetString());
    }

    [Fact]
    public async Task Unknown_code_throws_the_base_type_with_the_code_kept()
    {
        var http = new FakeHttp().ThenJson(418, """{"status":"error","error":{"code":"teapot_mode","message":"short and stout"},"request_id":"req_t"}""");
        using var client = ClientFactory.Create(http);

        var e = await Assert.ThrowsAsync<WebScrapeApiException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Equal("teapot_mode", e.ErrorCode);
        Assert.Equal(418, e.StatusCode);
    }

    /// <summary>Bodies without error.code (a proxy, an edge) get the code the vendor's Python SDK infers, or the other cause the message names.</summary>
    [Theory]
    [InlineData(402, "Payment required", "insufficient_credits", typeof(InsufficientCreditsException))]
    [InlineData(402, "Please verify your email address first", "email_verification_required", typeof(EmailVerificationRequiredException))]
    [InlineData(409, "Conflict", "conflict", typeof(ConflictException))]
    [InlineData(409, "Account deletion is scheduled", "account_deletion_pending", typeof(AccountDeletionPendingException))]
    public async Task A_code_less_402_or_409_gets_the_code_its_status_and_message_imply(int status, string message, string code, Type type)
    {
        var http = new FakeHttp().ThenJson(status, $$"""{"error":"{{message}}"}""");
        using var client = ClientFactory.Create(http);

        var e = await Assert.ThrowsAnyAsync<WebScrapeApiException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.IsType(type, e);
        Assert.Equal((code, message), (e.ErrorCode, e.ErrorMessage));
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Bare_401_body_maps_to_unauthorized_with_the_header_request_id()
    {
        var http = new FakeHttp().ThenJson(401, """{"error":"missing or invalid credentials"}""", r => r.Headers.Add("X-Request-ID", "req_hdr"));
        using var client = ClientFactory.Create(http);

        var e = await Assert.ThrowsAsync<UnauthorizedException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Equal("req_hdr", e.RequestId);
        Assert.Equal("missing or invalid credentials", e.ErrorMessage);
        Assert.Equal("unauthorized", e.ErrorCode);
    }

    [Fact]
    public async Task Html_502_from_a_proxy_is_typed_with_status_and_body_excerpt()
    {
        var http = new FakeHttp().Then(_ => new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html><body><h1>502 Bad Gateway</h1>\n<hr>nginx</body></html>", System.Text.Encoding.UTF8, "text/html"),
        });
        using var client = ClientFactory.Create(http, maxRetries: 0);

        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Equal(502, e.StatusCode);
        Assert.Contains("502 Bad Gateway", e.ResponseBody);
        Assert.Contains("502 Bad Gateway", e.Message);
    }

    [Fact]
    public async Task Error_envelope_inside_a_200_is_an_error()
    {
        var http = new FakeHttp().ThenJson(200, """{"status":"error","error":{"code":"validation_failed","message":"no match","details":{"type":"schema_validation_error","errors":["a"]}},"request_id":"req_2xx"}""");
        using var client = ClientFactory.Create(http);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Equal("req_2xx", e.RequestId);
        Assert.Equal(["a"], e.Errors!);
    }

    [Fact]
    public async Task A_truncated_success_body_is_a_format_error_with_the_status()
    {
        var http = new FakeHttp().ThenJson(200, """{"status":"completed","data":{"request_id":"x","html":"<h1>""");
        using var client = ClientFactory.Create(http);

        var e = await Assert.ThrowsAsync<ResponseFormatException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Equal(200, e.StatusCode);
        Assert.Contains("scrape", e.Message);
    }

    [Fact]
    public async Task Success_unwraps_data_with_request_id_and_credits_and_tolerates_nulls_and_extra_fields()
    {
        var http = new FakeHttp().ThenJson(200, """{"status":"completed","data":{"request_id":"e1","html":null,"metadata":null,"latency_ms":null,"new_field":1},"credits_used":1,"credits_remaining":7,"request_id":"req_9","meta":{}}""");
        using var client = ClientFactory.Create(http);

        var result = await client.ScrapeAsync(ClientFactory.Scrape());

        Assert.Equal("e1", result.Value.RequestId);
        Assert.Null(result.Value.Html);
        Assert.Equal("req_9", result.RequestId);
        Assert.Equal(1, result.CreditsUsed);
        Assert.Equal(7, result.CreditsRemaining);
    }

    [Fact]
    public async Task A_connection_failure_is_a_transport_error_not_an_api_error()
    {
        var http = new FakeHttp().ThenThrow(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        using var client = ClientFactory.Create(http, maxRetries: 0);

        var e = await Assert.ThrowsAsync<TransportException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.IsNotType<ApiException>(e, exactMatch: false);
        Assert.Equal("scrape", e.OperationId);
    }
}
