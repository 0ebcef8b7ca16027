using Specwright.Sandbox;
using Specwright.WebScrape;

namespace Specwright.Benchmarks.Scenarios;

/// <summary>A sandbox on loopback and a webscrape.ai client of its demo key, on the clocks a scenario chooses.</summary>
public sealed class SandboxSession : IAsyncDisposable
{
    private SandboxSession(SandboxServer server, WebScrapeClient client)
    {
        Server = server;
        Client = client;
    }

    public SandboxServer Server { get; }
    public WebScrapeClient Client { get; }

    public static async Task<SandboxSession> StartAsync(SandboxOptions options, TimeProvider clientClock, Action<WebScrapeClientOptions>? configure = null)
    {
        var server = await SandboxServer.StartAsync(options);
        var clientOptions = new WebScrapeClientOptions
        {
            ApiKey = SandboxOptions.DemoWebScrapeKey,
            BaseUrl = server.WebScrapeBaseUrl,
            TimeProvider = clientClock,
        };
        configure?.Invoke(clientOptions);
        return new SandboxSession(server, new WebScrapeClient(clientOptions));
    }

    /// <summary>Calls of an operation the sandbox logged, optionally only those answered with <paramref name="status"/>.</summary>
    public int Calls(string operationId, int? status = null) =>
        Server.State.Log.Calls.Count(c => c.Operation == operationId && (status is null || c.Status == status));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
