using System.Text.Json;
using Specwright.TestSupport;

namespace Specwright.ScrapeLlm.Tests;

/// <summary>The API has no error codes: each status meaning, and each 429 cause, becomes its own exception.</summary>
public class ErrorKindTests
{
    public static TheoryData<int, string, Type> DocumentedErrors => new()
    {
        { 400, "prompt must be between 1 and 4000 characters", typeof(InvalidRequestException) },
        { 401, "Missing API key. Pass your key in the X-API-Key header or as ?api_key= in the URL.", typeof(UnauthorizedException) },
        { 404, "Job not found. It may have expired (jobs are retained for 24 hours) or the ID is invalid.", typeof(JobExpiredOrUnknownException) },
        { 408, "The AI provider did not respond within the timeout period.", typeof(ProviderTimeoutException) },
        { 429, "Credit limit reached. Upgrade your plan or wait for your billing cycle to reset.", typeof(CreditLimitReachedException) },
        { 429, "Rate limit exceeded. Retry after a moment.", typeof(RateLimitedException) },
        { 429, "Scraper queue full. Retry after a few seconds with exponential backoff.", typeof(QueueFullException) },
        { 429, "Too many requests", typeof(RateLimitedException) },
        { 500, "Scraper returned an empty result.", typeof(ScraperErrorException) },
        { 503, "Scraper pool is warming up. Retry in a few seconds.", typeof(WarmingUpException) },
        { 504, "Network timeout reaching the scraper.", typeof(GatewayTimeoutException) },
    };

    [Theory]
    [MemberData(nameof(DocumentedErrors))]
    public async Task Each_documented_status_and_429_cause_has_its_own_exception_keeping_the_raw_detail(int status, string detail, Type expected)
    {
        var http = new FakeHttp().ThenJson(status, Fake.Detail(detail));
        using var client = Fake.Client(http, maxRetries: 0);

        var e = await Assert.ThrowsAnyAsync<ScrapeLlmApiException>(() => client.ChatGpt.AskAsync("best pm tools"));

        Assert.IsType(expected, e);
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(detail, e.ErrorMessage);
        Assert.Equal(detail, e.Details!.Value.GetString());
        Assert.Contains(detail, e.Message);
        Assert.Equal("scrapeChatgpt", e.Error.OperationId);
    }

    [Fact]
    public async Task FastAPI_422_array_detail_is_an_invalid_request_with_each_issue_in_the_message_and_the_array_kept()
    {
        var http = new FakeHttp().ThenJson(422, """
            {"detail":[{"loc":["query","timeout"],"msg":"Input should be less than or equal to 600","type":"less_than_equal"},{"loc":["query","prompt"],"msg":"Field required","type":"missing"}]}
            """);
        using var client = Fake.Client(http);

        var e = await Assert.ThrowsAsync<InvalidRequestException>(() => client.Gemini.AskAsync("q"));

        Assert.Equal(422, e.StatusCode);
        Assert.Equal("query.timeout: Input should be less than or equal to 600; query.prompt: Field required", e.ErrorMessage);
        Assert.Equal(JsonValueKind.Array, e.Details!.Value.ValueKind);
        Assert.Equal(2, e.Details.Value.GetArrayLength());
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task A_body_that_is_not_the_detail_shape_keeps_its_excerpt_and_still_gets_the_status_kind()
    {
        var http = new FakeHttp().Then(_ => new HttpResponseMessage(System.Net.HttpStatusCode.GatewayTimeout)
        {
            Content = new StringContent("<html><body>504 Gateway Time-out</body></html>", System.Text.Encoding.UTF8, "text/html"),
        });
        using var client = Fake.Client(http, maxRetries: 0);

        var e = await Assert.ThrowsAsync<GatewayTimeoutException>(() => client.Grok.AskAsync("q"));

        Assert.Null(e.ErrorMessage);
        Assert.Contains("504 Gateway Time-out", e.ResponseBody);
    }

    [Fact]
    public void Unknown_status_keeps_the_base_type_and_no_kind()
    {
        Assert.Null(ScrapeLlmErrorFactory.CodeFor(418, "I'm a teapot"));
        var e = ScrapeLlmErrorFactory.Create(new Core.Errors.ApiErrorInfo { StatusCode = 418, ErrorMessage = "teapot" });
        Assert.Equal(typeof(ScrapeLlmApiException), e.GetType());
    }
}
