using System.Text.Json;
using Specwright.TestSupport;

namespace Specwright.ScrapeLlm.Tests;

/// <summary>A job's result is a union of the seven scrapers' responses: the branch is chosen by the <c>scraper</c> it pins, the JSON is kept.</summary>
public sealed class JobResultUnionTests
{
    [Fact]
    public async Task A_done_jobs_result_is_the_scrapers_own_response_chosen_by_its_scraper()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Job("done", "gemini", Fake.Answer("gemini")));
        using var client = Fake.Client(http);

        var job = (await client.Jobs.GetAsync("3f7a2b1c-9d4e-4f6a-8b2c-1e5d7a9c0b3f")).Value;

        Assert.NotNull(job.Result);
        Assert.Equal("GeminiResponse", job.Result.Kind);
        Assert.True(job.Result.IsGeminiResponse);
        Assert.False(job.Result.IsChatGptResponse);
        Assert.Equal("Linear.", job.Result.AsGeminiResponse().Result);
        Assert.False(job.Result.TryGetChatGptResponse(out var none));
        Assert.Null(none);
        var wrong = Assert.Throws<InvalidOperationException>(() => job.Result.AsPerplexityResponse());
        Assert.Contains("GeminiResponse, not PerplexityResponse", wrong.Message);
    }

    [Fact]
    public async Task A_result_of_a_scraper_this_version_does_not_know_is_kept_whole_and_written_back_unchanged()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Job("done", "claude", Fake.Answer("claude", ",\"new_field\":[1,2]")));
        using var client = Fake.Client(http);

        var job = (await client.Jobs.GetAsync("3f7a2b1c-9d4e-4f6a-8b2c-1e5d7a9c0b3f")).Value;

        Assert.NotNull(job.Result);
        Assert.Null(job.Result.Kind);
        Assert.Equal("claude", job.Result.Json.GetProperty("scraper").GetString());
        var written = JsonSerializer.SerializeToElement(job, ScrapeLlmJsonContext.Default.Job).GetProperty("result");
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(Fake.Answer("claude", ",\"new_field\":[1,2]")).RootElement, written));
    }
}
