using Specwright.Core;
using Ops = Specwright.ScrapeLlm.ScrapeLlmSpec.Operations;

namespace Specwright.ScrapeLlm;

// One class per scraper: its request and response types, and the generated operations it calls.

/// <summary>ChatGPT: the answer with cited <c>Links</c> and its <c>SearchQueries</c>.</summary>
public sealed class ChatGptScraper : Scraper<ChatGptRequest, ChatGptResponse>
{
    internal ChatGptScraper(ScrapeLlmClient client) : base(client, ScraperId.Chatgpt, Ops.ScrapeChatgpt.UnsupportedCountries) { }

    [SpecOperation(Ops.ScrapeChatgpt.Id)]
    public override Task<ChatGptResponse> AskAsync(ChatGptRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Answered(Ops.ScrapeChatgpt.Id, Api.ScrapeChatgptAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, request.MarkdownJson, cancellationToken));
    }

    [SpecOperation(Ops.SubmitChatgptJob.Id)]
    public override Task<JobSubmitted> SubmitAsync(ChatGptRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Api.SubmitChatgptJobAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, request.MarkdownJson, cancellationToken);
    }
}

/// <summary>Perplexity: the answer with numbered <c>Sources</c> and <c>RelatedQuestions</c>.</summary>
public sealed class PerplexityScraper : Scraper<PerplexityRequest, PerplexityResponse>
{
    internal PerplexityScraper(ScrapeLlmClient client) : base(client, ScraperId.Perplexity, Ops.ScrapePerplexity.UnsupportedCountries) { }

    [SpecOperation(Ops.ScrapePerplexity.Id)]
    public override Task<PerplexityResponse> AskAsync(PerplexityRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Answered(Ops.ScrapePerplexity.Id, Api.ScrapePerplexityAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, request.WebSearch, cancellationToken));
    }

    [SpecOperation(Ops.SubmitPerplexityJob.Id)]
    public override Task<JobSubmitted> SubmitAsync(PerplexityRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Api.SubmitPerplexityJobAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, request.WebSearch, cancellationToken);
    }
}

/// <summary>Gemini: the answer with <c>Citations</c>. Not available through JP or TW.</summary>
public sealed class GeminiScraper : Scraper<ScrapeLlmRequest, GeminiResponse>
{
    internal GeminiScraper(ScrapeLlmClient client) : base(client, ScraperId.Gemini, Ops.ScrapeGemini.UnsupportedCountries) { }

    [SpecOperation(Ops.ScrapeGemini.Id)]
    public override Task<GeminiResponse> AskAsync(ScrapeLlmRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Answered(Ops.ScrapeGemini.Id, Api.ScrapeGeminiAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, cancellationToken));
    }

    [SpecOperation(Ops.SubmitGeminiJob.Id)]
    public override Task<JobSubmitted> SubmitAsync(ScrapeLlmRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Api.SubmitGeminiJobAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, cancellationToken);
    }
}

/// <summary>Grok: the answer with <c>WebSources</c> and <c>XResults</c> (observed fields). Not available through JP or TW.</summary>
public sealed class GrokScraper : Scraper<ScrapeLlmRequest, GrokResponse>
{
    internal GrokScraper(ScrapeLlmClient client) : base(client, ScraperId.Grok, Ops.ScrapeGrok.UnsupportedCountries) { }

    [SpecOperation(Ops.ScrapeGrok.Id)]
    public override Task<GrokResponse> AskAsync(ScrapeLlmRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Answered(Ops.ScrapeGrok.Id, Api.ScrapeGrokAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, cancellationToken));
    }

    [SpecOperation(Ops.SubmitGrokJob.Id)]
    public override Task<JobSubmitted> SubmitAsync(ScrapeLlmRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Api.SubmitGrokJobAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, cancellationToken);
    }
}

/// <summary>Microsoft Copilot: the answer with <c>Citations</c> and <c>Links</c> (observed fields).</summary>
public sealed class CopilotScraper : Scraper<ScrapeLlmRequest, CopilotResponse>
{
    internal CopilotScraper(ScrapeLlmClient client) : base(client, ScraperId.Copilot, Ops.ScrapeCopilot.UnsupportedCountries) { }

    [SpecOperation(Ops.ScrapeCopilot.Id)]
    public override Task<CopilotResponse> AskAsync(ScrapeLlmRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Answered(Ops.ScrapeCopilot.Id, Api.ScrapeCopilotAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, cancellationToken));
    }

    [SpecOperation(Ops.SubmitCopilotJob.Id)]
    public override Task<JobSubmitted> SubmitAsync(ScrapeLlmRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Api.SubmitCopilotJobAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, cancellationToken);
    }
}

/// <summary>Google AI Mode: the answer with <c>Citations</c> and <c>SearchResults</c> (observed fields). Not available through JP or TW.</summary>
public sealed class GoogleAiModeScraper : Scraper<ScrapeLlmRequest, GoogleAiModeResponse>
{
    internal GoogleAiModeScraper(ScrapeLlmClient client) : base(client, ScraperId.GoogleAiMode, Ops.ScrapeGoogleAiMode.UnsupportedCountries) { }

    [SpecOperation(Ops.ScrapeGoogleAiMode.Id)]
    public override Task<GoogleAiModeResponse> AskAsync(ScrapeLlmRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Answered(Ops.ScrapeGoogleAiMode.Id, Api.ScrapeGoogleAiModeAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, cancellationToken));
    }

    [SpecOperation(Ops.SubmitGoogleAiModeJob.Id)]
    public override Task<JobSubmitted> SubmitAsync(ScrapeLlmRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Api.SubmitGoogleAiModeJobAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, cancellationToken);
    }
}

/// <summary>Amazon Rufus: shopping answers with <c>Products</c> and <c>RelatedQuestions</c> (observed fields).</summary>
public sealed class AmazonRufusScraper : Scraper<ScrapeLlmRequest, AmazonRufusResponse>
{
    internal AmazonRufusScraper(ScrapeLlmClient client) : base(client, ScraperId.AmazonRufus, Ops.ScrapeAmazonRufus.UnsupportedCountries) { }

    [SpecOperation(Ops.ScrapeAmazonRufus.Id)]
    public override Task<AmazonRufusResponse> AskAsync(ScrapeLlmRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Answered(Ops.ScrapeAmazonRufus.Id, Api.ScrapeAmazonRufusAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, cancellationToken));
    }

    [SpecOperation(Ops.SubmitAmazonRufusJob.Id)]
    public override Task<JobSubmitted> SubmitAsync(ScrapeLlmRequest request, CancellationToken cancellationToken = default)
    {
        var q = Check(request);
        return Api.SubmitAmazonRufusJobAsync(q.Prompt, q.Country, q.BypassCache, q.TimeoutSeconds, cancellationToken);
    }
}
