using System.Text.Json;
using Specwright.ScrapeLlm;

namespace Specwright.Sandbox.ScrapeLlm;

/// <summary>
/// Deterministic answers: the same scraper, prompt and country always give the same text, sources and
/// products, with every field the spec declares for that scraper filled in (observed fields included).
/// </summary>
internal static class Answers
{
    private static readonly string[] Picks = ["Linear", "Asana", "Notion", "Trello", "ClickUp", "Jira", "Basecamp", "Monday.com", "Todoist", "Airtable"];
    private static readonly string[] Brands = ["Amazon Basics", "Anker", "Brooks", "Hoka", "Logitech", "Ninja", "Osprey", "Sony", "Stanley", "Yeti"];

    // The real API writes UTF-8 text as is (quotes, "+" in offsets), not as \u escapes.
    private static readonly ScrapeLlmJsonContext Json = new(new JsonSerializerOptions(ScrapeLlmJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>How long the AI provider takes for this prompt (5 to 30 s; a prompt containing <c>sandbox:slow</c> takes 90 s).</summary>
    public static TimeSpan ProviderLatency(ScraperId scraper, string prompt) =>
        prompt.Contains("sandbox:slow", StringComparison.OrdinalIgnoreCase)
            ? TimeSpan.FromSeconds(90)
            : TimeSpan.FromMilliseconds(5_000 + Hash(scraper + "|" + prompt) % 25_000);

    /// <summary>Why the scraper fails for this prompt, or null: <c>sandbox:fail</c>, or a one-word (too vague) Rufus query.</summary>
    public static string? FailureFor(ScraperId scraper, string prompt)
    {
        if (prompt.Contains("sandbox:fail", StringComparison.OrdinalIgnoreCase)) return "Scraper returned an unexpected error.";
        if (scraper == ScraperId.AmazonRufus && prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 2)
            return "Scraper returned an empty result.";
        return null;
    }

    /// <summary>The scraper's response body for a fresh (uncached) scrape.</summary>
    public static ScrapeResponse Build(ScraperId scraper, string jobId, string prompt, string country, int cost, Uri markdownUrl, DateTimeOffset now)
    {
        var picks = PicksFor(scraper, prompt, scraper == ScraperId.AmazonRufus ? Brands : Picks);
        var elapsed = Math.Round(ProviderLatency(scraper, prompt).TotalMilliseconds + Hash(jobId) % 900 / 10.0, 1);
        var sites = picks.Select((p, i) => (Name: p, Url: $"https://www.{Slug(p)}.example/{Slug(prompt)}", Index: i + 1)).ToList();
        var text = $"For \"{prompt}\" ({country}), {scraper} suggests {string.Join(", ", picks.Take(picks.Count - 1))} and {picks[^1]}.";
        var markdown = $"For **{prompt}** ({country}):\n\n" + string.Join("\n", sites.Select(s => $"{s.Index}. **{s.Name}** [{s.Index}]"));
        ScrapeResponse r = scraper.ToString() switch
        {
            "chatgpt" => new ChatGptResponse
            {
                Links = sites.Select(s => new Link { Url = s.Url, Text = s.Name }).ToList(),
                SearchQueries = [prompt.ToLowerInvariant(), $"{prompt.ToLowerInvariant()} {now.Year}"],
                LlmModel = "gpt-4o",
            },
            "perplexity" => new PerplexityResponse
            {
                Sources = sites.Select(s => new Source { Title = s.Name, Url = s.Url, Snippet = $"{s.Name} is often recommended for {prompt}." }).ToList(),
                RelatedQuestions = [$"What is the cheapest option for {prompt}?", $"How do {picks[0]} and {picks[1]} compare?"],
            },
            "gemini" => new GeminiResponse { Citations = Citations(sites, prompt), LlmModel = "gemini-2.0-flash" },
            "grok" => new GrokResponse
            {
                WebSources = sites.Select(s => new GrokSource { Title = s.Name, Url = s.Url, Preview = $"{s.Name}: {prompt}" }).ToList(),
                XResults = [new GrokSource { Title = $"@{Slug(picks[0])}", Url = $"https://x.com/{Slug(picks[0])}/status/{Hash(prompt)}", Preview = $"Thread on {prompt}" }],
            },
            "copilot" => new CopilotResponse
            {
                Citations = Citations(sites, prompt),
                Links = sites.Select(s => new Link { Url = s.Url, Text = s.Name }).ToList(),
            },
            "google_ai_mode" => new GoogleAiModeResponse
            {
                Citations = Citations(sites, prompt),
                SearchResults = sites.Select(s => new SearchResult { Title = $"{s.Name} — {prompt}", Url = s.Url, Snippet = $"Why teams pick {s.Name}.", WebsiteName = s.Name }).ToList(),
            },
            "amazon_rufus" => new AmazonRufusResponse
            {
                Products = sites.Select(s => new RufusProduct
                {
                    Asin = "B0" + (Hash(s.Name + prompt) % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
                    Title = $"{s.Name} {prompt}",
                    Url = $"https://www.amazon.com/dp/B0{Hash(s.Name + prompt) % 100_000_000:D8}",
                    Rating = (3.5 + Hash(s.Name) % 15 / 10.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
                    Reviews = (100 + Hash(s.Name + country) % 9_900).ToString(System.Globalization.CultureInfo.InvariantCulture),
                }).ToList(),
                RelatedQuestions = [$"Is {picks[0]} worth it?", $"What do reviews say about {picks[1]}?"],
            },
            _ => new ScrapeResponse(),
        };
        r.Scraper = scraper;
        r.Status = "done";
        r.JobId = jobId;
        r.Prompt = prompt;
        r.Country = country;
        r.CreditsUsed = cost;
        r.ElapsedMs = elapsed;
        r.Cached = false;
        r.MarkdownUrl = markdownUrl.AbsoluteUri;
        r.CreatedAt = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        // Rufus answers are products only (the one fixture has no result text).
        if (scraper != ScraperId.AmazonRufus)
        {
            r.Result = text;
            r.ResultMarkdown = markdown;
            r.Url = $"https://{scraper}.example/share/{jobId}";
        }
        return r;
    }

    /// <summary>The body as JSON, serialised as the scraper's own response type.</summary>
    public static JsonElement ToJson(ScrapeResponse r) =>
        JsonSerializer.SerializeToElement(r, Json.GetTypeInfo(r.GetType())!);

    /// <summary>Any body of the API, written the way the real one writes it.</summary>
    public static byte[] Utf8(JsonElement body) => JsonSerializer.SerializeToUtf8Bytes(body, Json.JsonElement);

    public static string Markdown(ScrapeResponse r) => r.ResultMarkdown ?? string.Join("\n", ((r as AmazonRufusResponse)?.Products ?? []).Select(p => $"- {p.Title} ({p.Rating}★)"));

    private static List<Citation> Citations(List<(string Name, string Url, int Index)> sites, string prompt) =>
        sites.Select(s => new Citation
        {
            Title = s.Name,
            Url = s.Url,
            Snippet = $"{s.Name} for {prompt}.",
            Highlights = [$"{s.Name} is a popular choice"],
            WebsiteName = s.Name,
            Favicon = s.Index % 2 == 0 ? null : $"https://www.{Slug(s.Name)}.example/favicon.ico",
        }).ToList();

    /// <summary>Two or three distinct names, chosen by the prompt's hash.</summary>
    private static List<string> PicksFor(ScraperId scraper, string prompt, string[] names)
    {
        var h = Hash(scraper + prompt);
        var n = (ulong)names.Length;
        return Enumerable.Range(0, 3).Select(i => names[(int)((h / (ulong)Math.Pow(7, i) + (ulong)i * 3) % n)]).Distinct().ToList() is { Count: >= 2 } list
            ? list
            : [names[h % n], names[(h + 1) % n]];
    }

    private static string Slug(string s) =>
        new string(s.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-') is { Length: > 0 } slug ? slug : "x";

    /// <summary>FNV-1a: stable across processes (string.GetHashCode is randomised).</summary>
    private static ulong Hash(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s) h = (h ^ c) * 1099511628211UL;
        return h;
    }
}
