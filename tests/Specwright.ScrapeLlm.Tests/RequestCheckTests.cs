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
        var request = new ScrapeLlmRequest("best pm tools") { Country = country };

        var gemini = await Assert.ThrowsAsync<UnsupportedCountryException>(() => client.Gemini.AskAsync(request));
        await Assert.ThrowsAsync<UnsupportedCountryException>(() => client.GoogleAiMode.SubmitAsync(request));
        await Assert.ThrowsAsync<UnsupportedCountryException>(() => client.Grok.SubmitAndWaitAsync(request));

        Assert.Empty(http.Requests);
        Assert.Equal(ScraperId.Gemini, gemini.Scraper);
        Assert.Equal(country.ToUpperInvariant(), gemini.Country);
        Assert.Contains($"does not support country '{country.ToUpperInvariant()}'", gemini.Message);
        Assert.Contains("no credits were spent", gemini.Message);
        Assert.Equal(["JP", "TW"], client.Gemini.UnsupportedCountries);
    }

    [Fact]
    public async Task Other_scrapers_send_JP_upper_cased()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Answer());
        using var client = Fake.Client(http);

        await client.ChatGpt.AskAsync(new ChatGptRequest("best pm tools") { Country = "jp" });

        Assert.Contains("country=JP", Assert.Single(http.Requests).Uri.Query);
        Assert.Empty(client.Copilot.UnsupportedCountries);
    }

    [Theory]
    [InlineData(null, "Prompt is required")]
    [InlineData("  ", "Prompt is required")]
    public async Task A_missing_prompt_is_named(string? prompt, string message)
    {
        using var client = Fake.Client(new FakeHttp());
        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.Perplexity.AskAsync(new PerplexityRequest { Prompt = prompt }));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public async Task Prompts_over_4000_characters_country_codes_and_provider_timeouts_out_of_range_are_refused_with_the_limits()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Answer("chatgpt"));
        using var client = Fake.Client(http);

        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => client.ChatGpt.AskAsync(new ChatGptRequest(new string('a', 4001))));
        var country = await Assert.ThrowsAsync<ArgumentException>(() => client.ChatGpt.AskAsync(new ChatGptRequest("q") { Country = "USA" }));
        var timeout = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ChatGpt.AskAsync(new ChatGptRequest("q") { ProviderTimeout = TimeSpan.FromSeconds(601) }));
        await client.ChatGpt.AskAsync(new ChatGptRequest(new string('a', 4000)) { ProviderTimeout = TimeSpan.FromSeconds(600) });

        Assert.Contains("is 4001 characters; the API takes 1 to 4000", tooLong.Message);
        Assert.Contains("two-letter ISO 3166-1 code such as US or DE, got 'USA'", country.Message);
        Assert.Contains("must be 10 to 600 seconds, got 601", timeout.Message);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Query_parameters_are_sent_as_the_spec_names_them_and_unset_ones_are_omitted()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Answer("perplexity")).ThenJson(202, """{"job_id":"3f7a2b1c-9d4e-4f6a-8b2c-1e5d7a9c0b3f"}""");
        using var client = Fake.Client(http);

        await client.Perplexity.AskAsync(new PerplexityRequest("a & b?") { BypassCache = true, ProviderTimeout = TimeSpan.FromSeconds(42.5), WebSearch = false });
        var job = await client.ChatGpt.SubmitAsync(new ChatGptRequest("q") { MarkdownJson = true });

        var ask = http.Requests[0];
        Assert.Equal(HttpMethod.Get, ask.Method);
        Assert.Equal("https://api.scrapellm.com/scrapers/perplexity?prompt=a%20%26%20b%3F&bypass_cache=true&timeout=42.5&web_search=false", ask.Uri.AbsoluteUri);
        Assert.Equal(HttpMethod.Post, http.Requests[1].Method);
        Assert.Equal("/scrapers/chatgpt/jobs?prompt=q&markdown_json=true", http.Requests[1].Uri.PathAndQuery);
        Assert.Null(http.Requests[1].Body);
        Assert.Equal("3f7a2b1c-9d4e-4f6a-8b2c-1e5d7a9c0b3f", job.JobId);
    }
}
