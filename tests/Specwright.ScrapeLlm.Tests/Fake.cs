using Specwright.TestSupport;

namespace Specwright.ScrapeLlm.Tests;

internal static class Fake
{
    public const string Key = "sllm_test_key_0001";

    public static ScrapeLlmClient Client(FakeHttp http, TestClock? clock = null, int? maxRetries = null, string? key = Key, TimeSpan? timeout = null) =>
        new(http.CreateClient(), new ScrapeLlmClientOptions
        {
            ApiKey = key,
            BaseUrl = new Uri("https://api.scrapellm.com"),
            MaxRetries = maxRetries,
            TimeProvider = clock ?? new TestClock(),
            Timeout = timeout ?? TimeSpan.FromSeconds(180),
        });

    public static string Answer(string scraper = "chatgpt", string extra = "") => $$"""
        {"scraper":"{{scraper}}","status":"done","job_id":"job_abc123","prompt":"best pm tools","country":"US","result":"Linear.","result_markdown":"**Linear**","credits_used":3,"elapsed_ms":12840.5,"cached":false{{extra}}}
        """;

    public static string Job(string status, string scraper = "chatgpt", string? result = null, string? error = null) => $$"""
        {"job_id":"3f7a2b1c-9d4e-4f6a-8b2c-1e5d7a9c0b3f","status":"{{status}}","scraper":"{{scraper}}","created_at":"2026-05-11T12:00:00+00:00","completed_at":{{(status == "pending" ? "null" : "\"2026-05-11T12:01:45+00:00\"")}}{{(result is null ? "" : ",\"result\":" + result)}}{{(error is null ? "" : ",\"error\":\"" + error + "\"")}}}
        """;

    public static string Detail(string text) => $$"""{"detail":"{{text}}"}""";
}
