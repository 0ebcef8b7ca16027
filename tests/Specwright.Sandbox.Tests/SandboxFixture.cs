using Specwright.Core.Polling;
using Specwright.Sandbox.Accounts;
using Specwright.TestSupport;
using Specwright.WebScrape;

namespace Specwright.Sandbox.Tests;

/// <summary>
/// One in-process sandbox (Kestrel on 127.0.0.1, port 0) per test class, with fast runs. Each test makes
/// its own key, so tests share the server but never a wallet or a rate-limit window. Every response the
/// clients below receive is validated against its spec (openapi/webscrape.yaml, openapi/scrapellm.yaml).
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxServer Server { get; private set; } = null!;
    public SandboxState State => Server.State;

    /// <summary>A poll schedule for real-clock waits on fast runs.</summary>
    public static readonly PollingSchedule FastPolling = new()
    {
        InitialInterval = TimeSpan.FromMilliseconds(10),
        Multiplier = 1.5,
        MaxInterval = TimeSpan.FromMilliseconds(50),
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task InitializeAsync()
    {
        var options = SandboxOptions.Fast();
        options.RequestsPerMinute = 100_000;
        options.MaxConcurrentRequests = 1_000;
        Server = await SandboxServer.StartAsync(options);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public string NewKey(int credits = 500, Action<Account>? setup = null)
    {
        var key = KeyFormat.NewKey();
        var account = State.Accounts.Add(key, credits);
        setup?.Invoke(account);
        return key;
    }

    public HttpMessageHandler Checked() =>
        new ContractCheckingHandler("webscrape.yaml", Server.WebScrapeBaseUrl.AbsolutePath, new SocketsHttpHandler());

    /// <summary>An SDK client over real HTTP. Waits (backoff) run on a test clock unless a clock is given.</summary>
    /// <param name="adaptive">False for a client that does not limit itself (a test of the server's own limits).</param>
    public WebScrapeClient Client(string key, int? maxRetries = null, TimeProvider? clock = null, TimeSpan? timeout = null, bool adaptive = true) =>
        new(new HttpClient(Checked()), new WebScrapeClientOptions
        {
            ApiKey = key,
            BaseUrl = Server.WebScrapeBaseUrl,
            MaxRetries = maxRetries,
            TimeProvider = clock ?? new TestClock(),
            Timeout = timeout ?? TimeSpan.FromSeconds(180),
            AdaptiveRateLimit = adaptive,
        });

    /// <summary>A ScrapeLLM key of its own with <paramref name="credits"/>.</summary>
    public string NewScrapeLlmKey(int credits = 500)
    {
        var key = "sllm_test_" + Guid.NewGuid().ToString("N");
        State.ScrapeLlmAccounts.Add(key, credits);
        return key;
    }

    public HttpMessageHandler CheckedScrapeLlm() =>
        new ContractCheckingHandler("scrapellm.yaml", Server.ScrapeLlmBaseUrl.AbsolutePath, new SocketsHttpHandler());

    /// <summary>A ScrapeLLM client over real HTTP, every response checked against openapi/scrapellm.yaml.</summary>
    public Specwright.ScrapeLlm.ScrapeLlmClient ScrapeLlm(string? key, int? maxRetries = null, TimeProvider? clock = null) =>
        new(new HttpClient(CheckedScrapeLlm()), new Specwright.ScrapeLlm.ScrapeLlmClientOptions
        {
            ApiKey = key,
            BaseUrl = Server.ScrapeLlmBaseUrl,
            MaxRetries = maxRetries,
            TimeProvider = clock ?? new TestClock(),
        });

    /// <summary>An Ittybit project key of its own with <paramref name="credits"/> (one per task).</summary>
    public string NewIttybitKey(int credits = 1000)
    {
        var key = "ittybit_test_" + Guid.NewGuid().ToString("N");
        State.IttybitProjects.AddProjectKey(key, credits);
        return key;
    }

    public HttpMessageHandler CheckedIttybit() =>
        new ContractCheckingHandler("ittybit.yaml", Server.IttybitBaseUrl.AbsolutePath, new SocketsHttpHandler());

    /// <summary>An Ittybit client over real HTTP, every response checked against openapi/ittybit.yaml.</summary>
    public Specwright.Ittybit.IttybitClient Ittybit(string key, int? maxRetries = null, TimeProvider? clock = null) =>
        new(new HttpClient(CheckedIttybit()), new Specwright.Ittybit.IttybitClientOptions
        {
            ApiKey = key,
            BaseUrl = Server.IttybitBaseUrl,
            MaxRetries = maxRetries,
            TimeProvider = clock ?? new TestClock(),
        });

    /// <summary>A plain HttpClient on the API's base URL (for requests the SDK would refuse to send).</summary>
    public HttpClient Raw(string? key = null)
    {
        var http = new HttpClient(Checked()) { BaseAddress = new Uri(Server.WebScrapeBaseUrl.AbsoluteUri + "/") };
        if (key is not null) http.DefaultRequestHeaders.Add("X-API-Key", key);
        return http;
    }
}
