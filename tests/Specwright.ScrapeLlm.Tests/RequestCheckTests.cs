using Specwright.Core;
using Specwright.TestSupport;

namespace Specwright.ScrapeLlm.Tests;

/// <summary>Requests are checked against the spec's constraints before anything is sent (and before any credit is spent).</summary>
public class RequestCheckTests
{
    [Theory]
    [InlineData("JP")]
    [InlineData("tw")]
    public async Task Gemini_GoogleAiMode_and_Grok_refuse_JP_and_TW_without_sending(string country)
    {
        var http = new FakeHttp().ThenJson(200, Fake.Answer());
        using var client = Fake.Client(http);
        var gemini = await Assert.ThrowsAsync<UnsupportedValueException>(() => client.Gemini.AskAsync("best pm tools", new ScrapeGeminiOptions { Country = country }));
        await Assert.ThrowsAsync<UnsupportedValueException>(() => client.GoogleAiMode.SubmitAsync("best pm tools", new SubmitGoogleAiModeJobOptions { Country = country }));
        await Assert.ThrowsAsync<UnsupportedValueException>(() => client.Grok.SubmitAndWaitAsync("best pm tools", new SubmitGrokJobOptions { Country = country }));

        Assert.Empty(http.Requests);
        Assert.Equal(("options.Country", country), (gemini.ParamName, gemini.Value));
        Assert.StartsWith($"'options.Country' {country} is not supported by this operation (it refuses JP, TW); nothing was sent.", gemini.Message);
        Assert.Equal(["JP", "TW"], gemini.Refused);
        Assert.Equal(["JP", "TW"], ScrapeLlmSpec.Operations.ScrapeGemini.UnsupportedCountries);
    }

    [Fact]
    public async Task Other_scrapers_send_JP_as_given()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Answer());
        using var client = Fake.Client(http);

        await client.ChatGpt.AskAsync("best pm tools", new ScrapeChatgptOptions { Country = "jp" });

        Assert.Contains("country=jp", Assert.Single(http.Requests).Uri.Query);
        Assert.Empty(ScrapeLlmSpec.Operations.ScrapeCopilot.UnsupportedCountries);
    }

    [Theory]
    [InlineData(null, "'prompt' is required")]
    [InlineData("  ", "'prompt' is required")]
    public async Task A_missing_prompt_is_named(string? prompt, string message)
    {
        using var client = Fake.Client(new FakeHttp());
        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.Perplexity.AskAsync(prompt!));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public async Task Prompts_over_4000_characters_country_codes_and_provider_timeouts_out_of_range_are_refused_with_the_limits()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Answer("chatgpt"));
        using var client = Fake.Client(http);

        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => client.ChatGpt.AskAsync(new string('a', 4001)));
        var country = await Assert.ThrowsAsync<ArgumentException>(() => client.ChatGpt.AskAsync("q", new ScrapeChatgptOptions { Country = "USA" }));
        var timeout = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ChatGpt.AskAsync("q", new ScrapeChatgptOptions { Timeout = 601 }));
        await client.ChatGpt.AskAsync(new string('a', 4000), new ScrapeChatgptOptions { Timeout = 600 });

        Assert.StartsWith("'prompt' must be 1 to 4000 characters long, got 4001.", tooLong.Message);
        Assert.StartsWith("'options.Country' must match ^[A-Za-z]{2}$, got 'USA'.", country.Message);
        Assert.StartsWith("'options.Timeout' must be 10 to 600, got 601.", timeout.Message);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Query_parameters_are_sent_as_the_spec_names_them_and_unset_ones_are_omitted()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Answer("perplexity")).ThenJson(202, """{"job_id":"3f7a2b1c-9d4e-4f6a-8b2c-1e5d7a9c0b3f"}""");
        using var client = Fake.Client(http);

        await client.Perplexity.AskAsync("a & b?", new ScrapePerplexityOptions { BypassCache = true, Timeout = 42.5, WebSearch = false });
        JobSubmitted job = await client.ChatGpt.SubmitAsync("q", new SubmitChatgptJobOptions { MarkdownJson = true });

        var ask = http.Requests[0];
        Assert.Equal(HttpMethod.Get, ask.Method);
        Assert.Equal("https://api.scrapellm.com/scrapers/perplexity?prompt=a%20%26%20b%3F&bypass_cache=true&timeout=42.5&web_search=false", ask.Uri.AbsoluteUri);
        Assert.Equal(HttpMethod.Post, http.Requests[1].Method);
        Assert.Equal("/scrapers/chatgpt/jobs?prompt=q&markdown_json=true", http.Requests[1].Uri.PathAndQuery);
        Assert.Null(http.Requests[1].Body);
        Assert.Equal("3f7a2b1c-9d4e-4f6a-8b2c-1e5d7a9c0b3f", job.JobId);
    }
}
