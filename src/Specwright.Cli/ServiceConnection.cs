using Specwright.Ittybit;
using System.CommandLine;
using Specwright.Core.Polling;
using Specwright.Sandbox;
using Specwright.ScrapeLlm;
using Specwright.WebScrape;

namespace Specwright.Cli;

/// <summary>
/// A service client for one command: the real service when a key is configured, otherwise (or with
/// <c>--sandbox</c>) an embedded sandbox started for the command, which is said on stderr. One mechanism
/// for every service; <see cref="WebScrapeAsync"/> and <see cref="ScrapeLlmAsync"/> say what differs.
/// </summary>
internal sealed class ServiceConnection<TClient> : IAsyncDisposable where TClient : IDisposable
{
    private readonly bool _owned;

    private ServiceConnection(TClient client, SandboxServer? sandbox, bool owned)
    {
        Client = client;
        Sandbox = sandbox;
        _owned = owned;
    }

    public TClient Client { get; }

    /// <summary>The embedded sandbox, when one was started.</summary>
    public SandboxServer? Sandbox { get; }

    /// <param name="sandboxKey">The sandbox's demo key for the service.</param>
    /// <param name="sandboxBaseUrl">The service's base URL in a sandbox.</param>
    /// <param name="create">Builds the client from a key (null: none) and a base URL (null: the real service).</param>
    public static async Task<ServiceConnection<TClient>> OpenAsync(CliContext ctx, ParseResult p, Func<SandboxServer, string> sandboxKey,
        Func<SandboxServer, Uri> sandboxBaseUrl, Func<string?, Uri?, TClient> create, CancellationToken cancellationToken)
    {
        var service = ctx.Globals.Service;
        if (p.GetValue(ctx.Globals.Sandbox) && (p.GetValue(ctx.Globals.ApiKey) is not null || p.GetValue(ctx.Globals.BaseUrl) is not null))
            throw new ArgumentException("--sandbox cannot be combined with --api-key or --base-url: the embedded sandbox has its own key and URL. " +
                                        "To use a sandbox you started with 'specwright sandbox', pass its --base-url and a key without --sandbox.");
        var key = p.GetValue(ctx.Globals.ApiKey) ?? Environment.GetEnvironmentVariable(service.ApiKeyEnvironmentVariable);
        var fromServers = ServerFlags.BaseUrl(ctx, p, service.ServerUrl); // first: it refuses --base-url and --sandbox beside it
        var baseUrl = p.GetValue(ctx.Globals.BaseUrl) ?? fromServers;
        ctx.NotFoundHint = BaseUrlHint.For(service, baseUrl ?? BaseUrlHint.FromEnvironment(service));
        SandboxServer? sandbox = null;
        if (p.GetValue(ctx.Globals.Sandbox) || (string.IsNullOrEmpty(key) && baseUrl is null))
        {
            ctx.Note(p.GetValue(ctx.Globals.Sandbox)
                ? "Using the embedded sandbox (--sandbox); no real credits are spent."
                : $"No {service.ApiKeyEnvironmentVariable} or --api-key: using the embedded sandbox; no real credits are spent.");
            ctx.NotFoundHint = null;
            sandbox = await SandboxServer.StartAsync(EmbeddedSandbox.Options(), cancellationToken: cancellationToken);
            key = sandboxKey(sandbox);
            baseUrl = sandboxBaseUrl(sandbox);
        }
        return new ServiceConnection<TClient>(create(key, baseUrl), sandbox, owned: true);
    }

    /// <summary>
    /// The wait schedule for this connection: the spec's against the real service (null), a brisk one
    /// against the embedded sandbox, whose runs and jobs take a second or two.
    /// </summary>
    public PollingSchedule? PollingFor(PollingSchedule specSchedule) =>
        Sandbox is null ? null : new PollingSchedule
        {
            InitialInterval = TimeSpan.FromMilliseconds(250),
            Multiplier = 1.5,
            MaxInterval = TimeSpan.FromSeconds(1),
            Timeout = specSchedule.Timeout,
        };

    /// <summary>
    /// How to follow up on work this command started (<paramref name="command"/>, without connection flags): as is against a
    /// real or standalone server; against the embedded sandbox, which stops with this command, how to keep one running.
    /// </summary>
    public string FollowUp(string command) => Sandbox is null || !_owned
        ? $"follow it with: {command}"
        : $"the embedded sandbox stops with this command, so this cannot be followed later; to keep one: run 'specwright sandbox' " +
          $"in another shell, then '{command} --base-url <its URL>' with the key it prints";

    /// <summary>Makes <paramref name="action"/> the command's action: the connection is opened for it, failures become exit codes.</summary>
    public static void Act(Command command, CliContext ctx,
        Func<CliContext, ParseResult, CancellationToken, Task<ServiceConnection<TClient>>> open,
        Func<ParseResult, ServiceConnection<TClient>, CancellationToken, Task> action) =>
        command.SetAction((p, ct) => ExitCodes.GuardAsync(ctx, async () =>
        {
            await using var connection = await open(ctx, p, ct);
            await action(p, connection, ct);
        }, ct, p));

    /// <summary>A connection over a client and sandbox someone else owns (disposing it leaves them alone).</summary>
    public static ServiceConnection<TClient> Wrap(TClient client, SandboxServer sandbox) => new(client, sandbox, owned: false);

    public async ValueTask DisposeAsync()
    {
        if (!_owned) return;
        Client.Dispose();
        if (Sandbox is not null) await Sandbox.DisposeAsync();
    }
}

/// <summary>How each service's connection is opened.</summary>
internal static class Connections
{
    public static Task<ServiceConnection<WebScrapeClient>> WebScrapeAsync(CliContext ctx, ParseResult p, CancellationToken ct)
    {
        CredentialFlags.Read(ctx, p, WebScrapeSpec.Description); // its spec has no other scheme: --credential is refused, not ignored
        return ServiceConnection<WebScrapeClient>.OpenAsync(ctx, p, _ => SandboxOptions.DemoWebScrapeKey,
            s => s.WebScrapeBaseUrl, (key, url) => new WebScrapeClient(new WebScrapeClientOptions { ApiKey = key, BaseUrl = url }), ct);
    }

    public static Task<ServiceConnection<ScrapeLlmClient>> ScrapeLlmAsync(CliContext ctx, ParseResult p, CancellationToken ct)
    {
        CredentialFlags.Read(ctx, p, ScrapeLlmSpec.Description);
        return ServiceConnection<ScrapeLlmClient>.OpenAsync(ctx, p, _ => SandboxOptions.DemoScrapeLlmKey,
            s => s.ScrapeLlmBaseUrl, (key, url) => new ScrapeLlmClient(new ScrapeLlmClientOptions { ApiKey = key, BaseUrl = url }), ct);
    }

    public static Task<ServiceConnection<IttybitClient>> IttybitAsync(CliContext ctx, ParseResult p, CancellationToken ct)
    {
        CredentialFlags.Read(ctx, p, IttybitSpec.Description);
        return ServiceConnection<IttybitClient>.OpenAsync(ctx, p, _ => SandboxOptions.DemoIttybitKey,
            s => s.IttybitBaseUrl, (key, url) => new IttybitClient(new IttybitClientOptions { ApiKey = key, BaseUrl = url }), ct);
    }
}

/// <summary>The embedded sandbox's settings.</summary>
internal static class EmbeddedSandbox
{
    /// <summary>Runs take under a second a page and jobs 1.5 s, so a run's progress bar and a job fit in a demo.</summary>
    public static SandboxOptions Options() => new()
    {
        RunPageDuration = TimeSpan.FromMilliseconds(700),
        ScrapeLlmJobDuration = TimeSpan.FromMilliseconds(1500),
    };
}
