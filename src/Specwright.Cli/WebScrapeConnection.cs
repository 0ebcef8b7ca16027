using System.CommandLine;
using Specwright.Sandbox;
using Specwright.WebScrape;

namespace Specwright.Cli;

/// <summary>
/// A webscrape.ai client for one command: the real service when a key is configured, otherwise (or with
/// <c>--sandbox</c>) an embedded sandbox started for the command, which is said on stderr.
/// </summary>
internal sealed class WebScrapeConnection : IAsyncDisposable
{
    private readonly SandboxServer? _sandbox;
    private readonly bool _owned;

    private WebScrapeConnection(WebScrapeClient client, SandboxServer? sandbox, bool owned = true)
    {
        Client = client;
        _sandbox = sandbox;
        _owned = owned;
    }

    public WebScrapeClient Client { get; }

    /// <summary>The embedded sandbox, when one was started.</summary>
    public SandboxServer? Sandbox => _sandbox;

    public static async Task<WebScrapeConnection> OpenAsync(CliContext ctx, ParseResult p, CancellationToken cancellationToken)
    {
        var key = p.GetValue(ctx.Globals.ApiKey) ?? Environment.GetEnvironmentVariable(WebScrapeSpec.ApiKeyEnvironmentVariable);
        var baseUrl = p.GetValue(ctx.Globals.BaseUrl);
        SandboxServer? sandbox = null;
        if (p.GetValue(ctx.Globals.Sandbox) || (string.IsNullOrEmpty(key) && baseUrl is null))
        {
            ctx.Note(p.GetValue(ctx.Globals.Sandbox)
                ? "Using the embedded sandbox (--sandbox); no real credits are spent."
                : $"No {WebScrapeSpec.ApiKeyEnvironmentVariable} or --api-key: using the embedded sandbox; no real credits are spent.");
            sandbox = await SandboxServer.StartAsync(EmbeddedOptions(), cancellationToken: cancellationToken);
            key = SandboxOptions.DemoWebScrapeKey;
            baseUrl = sandbox.WebScrapeBaseUrl;
        }
        var client = new WebScrapeClient(new WebScrapeClientOptions { ApiKey = key, BaseUrl = baseUrl });
        return new WebScrapeConnection(client, sandbox);
    }

    /// <summary>A connection over a client and sandbox someone else owns (disposing it leaves them alone).</summary>
    public static WebScrapeConnection Wrap(WebScrapeClient client, SandboxServer sandbox) => new(client, sandbox, owned: false);

    /// <summary>Runs take under a second a page, so a run and its progress bar fit in a demo.</summary>
    public static SandboxOptions EmbeddedOptions() => new() { RunPageDuration = TimeSpan.FromMilliseconds(700) };

    public async ValueTask DisposeAsync()
    {
        if (!_owned) return;
        Client.Dispose();
        if (_sandbox is not null) await _sandbox.DisposeAsync();
    }
}
