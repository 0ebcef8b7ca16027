namespace Specwright.ScrapeLlm;

/// <summary>
/// One prompt for a scraper: the query parameters every scraper takes. Unset values are not sent (the
/// API's defaults apply: country US, cache used, 300 s provider timeout).
/// </summary>
public class ScrapeLlmRequest
{
    public ScrapeLlmRequest() { }

    public ScrapeLlmRequest(string prompt) => Prompt = prompt;

    /// <summary>The prompt, 1 to 4,000 characters. Required.</summary>
    public string? Prompt { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country to route through (e.g. <c>US</c>, <c>DE</c>); sent upper-case.</summary>
    public string? Country { get; set; }

    /// <summary>Skip the response cache and force a fresh scrape.</summary>
    public bool? BypassCache { get; set; }

    /// <summary>How long the server waits for the AI provider before answering 408 (10 s to 600 s).</summary>
    public TimeSpan? ProviderTimeout { get; set; }
}

/// <summary>A ChatGPT prompt.</summary>
public sealed class ChatGptRequest : ScrapeLlmRequest
{
    public ChatGptRequest() { }

    public ChatGptRequest(string prompt) : base(prompt) { }

    /// <summary>Include ChatGPT's markdown token tree (it arrives in the response's <c>AdditionalProperties</c>).</summary>
    public bool? MarkdownJson { get; set; }
}

/// <summary>A Perplexity prompt.</summary>
public sealed class PerplexityRequest : ScrapeLlmRequest
{
    public PerplexityRequest() { }

    public PerplexityRequest(string prompt) : base(prompt) { }

    /// <summary><c>false</c> answers faster, without live web citations (the API's default is on).</summary>
    public bool? WebSearch { get; set; }
}
