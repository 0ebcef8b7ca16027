namespace Specwright.Sandbox;

/// <summary>Settings of a sandbox instance. Every limit is per key; every duration runs on <see cref="TimeProvider"/>.</summary>
public sealed class SandboxOptions
{
    /// <summary>The documented webscrape.ai demo key: the real format, <c>wsg_live_</c> + 32 base62 characters.</summary>
    public const string DemoWebScrapeKey = "wsg_live_sandbox0000000000000000000000000";

    /// <summary>Starting balance of the demo key.</summary>
    public int DemoCredits { get; set; } = 500;

    /// <summary>The ScrapeLLM demo key, accepted in the <c>X-API-Key</c> header or the <c>api_key</c> query parameter.</summary>
    public const string DemoScrapeLlmKey = "sllm_sandbox_demo_key";

    /// <summary>Starting balance of the ScrapeLLM demo key (the real free tier's 500).</summary>
    public int ScrapeLlmDemoCredits { get; set; } = 500;

    /// <summary>How long a ScrapeLLM job stays <c>pending</c> (a failing job takes four times as long: the server retries it 3 times).</summary>
    public TimeSpan ScrapeLlmJobDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The Ittybit demo project key, sent as <c>Authorization: Bearer ittybit_sandbox_demo_key</c>.</summary>
    public const string DemoIttybitKey = "ittybit_sandbox_demo_key";

    /// <summary>An Ittybit organisation-level key: valid, but project endpoints answer <c>project_required</c> (403).</summary>
    public const string IttybitOrgKey = "ittybit_sandbox_org_key";

    /// <summary>Starting credits of the Ittybit demo project; a task costs one (the vendor publishes no per-task cost).</summary>
    public int IttybitDemoCredits { get; set; } = 1000;

    /// <summary>How long an Ittybit task spends in each status (five steps from <c>waiting</c> to <c>succeeded</c>).</summary>
    public TimeSpan IttybitStepDuration { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The first delay before a failed Ittybit webhook delivery is retried (then doubling, 3 retries).</summary>
    public TimeSpan IttybitWebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>More webscrape.ai keys and their starting balances (a key must have the real format).</summary>
    public Dictionary<string, int> WebScrapeKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Requests per rolling minute per key, before <c>rate_limited</c> (<c>rate_limit_per_min</c>).</summary>
    public int RequestsPerMinute { get; set; } = 60;

    /// <summary>In-flight requests per key, before <c>rate_limited</c> (<c>max_concurrent_requests</c>).</summary>
    public int MaxConcurrentRequests { get; set; } = 5;

    /// <summary>SmartBrowse runs per rolling 30 days per key (<c>sb_runs_per_month</c>).</summary>
    public int RunsPerMonthCap { get; set; } = 50;

    /// <summary>The plan's page cap per SmartBrowse run.</summary>
    public int PagesPerRunCap { get; set; } = 25;

    /// <summary>How long a dispatched run stays <c>queued</c> before it starts.</summary>
    public TimeSpan RunQueueDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long a run takes per page (a recipe may weigh its pages heavier).</summary>
    public TimeSpan RunPageDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest request body accepted; larger bodies get <c>invalid_request</c>.</summary>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The clock of runs, rate-limit windows and the URL cache (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where Kestrel listens; the default is a free port on loopback.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>Runs the sandbox with the timings tests want: runs start at once and take 20 ms a page; jobs take 50 ms; Ittybit steps 10 ms.</summary>
    public static SandboxOptions Fast() => new()
    {
        RunQueueDelay = TimeSpan.Zero,
        RunPageDuration = TimeSpan.FromMilliseconds(20),
        ScrapeLlmJobDuration = TimeSpan.FromMilliseconds(50),
        IttybitStepDuration = TimeSpan.FromMilliseconds(10),
        IttybitWebhookRetryDelay = TimeSpan.FromMilliseconds(20),
    };
}
