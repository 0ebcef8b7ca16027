using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Specwright.Sandbox.Control;
using Specwright.Sandbox.Site;
using Specwright.Sandbox.WebScrape;

namespace Specwright.Sandbox;

/// <summary>
/// A running sandbox: Kestrel on loopback serving webscrape.ai under <c>/v1</c>, ScrapeLLM under <c>/scrapellm</c>, Ittybit under <c>/ittybit</c>, the fixture site under
/// <c>/site</c> and the control API under <c>/_sandbox</c>. Start one per test class, or embed it in a tool.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, SandboxState state, Uri baseUrl)
    {
        _app = app;
        State = state;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The base URL to give a webscrape.ai client (the real API's shape: ends in <c>/v1</c>).</summary>
    public Uri WebScrapeBaseUrl => new(BaseUrl, WebScrapeGateway.Prefix.TrimStart('/'));

    /// <summary>The base URL to give a ScrapeLLM client (paths below it as at the real API's root).</summary>
    public Uri ScrapeLlmBaseUrl => new(BaseUrl, ScrapeLlm.ScrapeLlmGateway.Prefix.TrimStart('/'));

    /// <summary>The base URL to give an Ittybit client (paths below it as at the real API's root).</summary>
    public Uri IttybitBaseUrl => new(BaseUrl, Ittybit.IttybitGateway.Prefix.TrimStart('/'));

    /// <summary>The fixture website's home page.</summary>
    public Uri SiteUrl => new(BaseUrl, FixtureSite.Root.TrimStart('/') + "/");

    public SandboxState State { get; }

    /// <summary>What a user needs to call this sandbox: its URLs and the demo key (printed at start).</summary>
    public IEnumerable<string> Banner()
    {
        yield return $"Specwright sandbox listening on {BaseUrl}";
        yield return $"  webscrape.ai base URL : {WebScrapeBaseUrl}";
        yield return $"  demo key              : {SandboxOptions.DemoWebScrapeKey} ({State.Options.DemoCredits} credits)";
        yield return $"  ScrapeLLM base URL    : {ScrapeLlmBaseUrl}";
        yield return $"  demo key              : {SandboxOptions.DemoScrapeLlmKey} ({State.Options.ScrapeLlmDemoCredits} credits)";
        yield return $"  Ittybit base URL      : {IttybitBaseUrl}";
        yield return $"  demo key              : {SandboxOptions.DemoIttybitKey} (Bearer; {State.Options.IttybitDemoCredits} credits)";
        yield return $"  fixture site          : {SiteUrl}";
        yield return $"  control API           : {new Uri(BaseUrl, "_sandbox/")}";
    }

    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, ILoggerFactory? logs = null,
        string[]? args = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        if (logs is not null) builder.Services.AddSingleton(logs);
        var loggerFactory = logs ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

        var app = builder.Build();
        var state = new SandboxState(options, loggerFactory);
        var webscrape = new WebScrapeGateway(state, loggerFactory.CreateLogger("Specwright.Sandbox.WebScrape"));
        app.Map(WebScrapeGateway.Prefix, v1 => v1.Run(webscrape.HandleAsync));
        var scrapellm = new ScrapeLlm.ScrapeLlmGateway(state, loggerFactory.CreateLogger("Specwright.Sandbox.ScrapeLlm"));
        app.Map(ScrapeLlm.ScrapeLlmGateway.Prefix, root => root.Run(scrapellm.HandleAsync));
        var ittybit = new Ittybit.IttybitGateway(state, loggerFactory.CreateLogger("Specwright.Sandbox.Ittybit"));
        app.Map(Ittybit.IttybitGateway.Prefix, root => root.Run(ittybit.HandleAsync));
        app.Map(FixtureSite.Root, site => site.Run(ctx =>
        {
            // Map strips the prefix; the site resolves full paths.
            ctx.Request.Path = FixtureSite.Root + ctx.Request.Path;
            ctx.Request.PathBase = "";
            return FixtureSite.ServeAsync(ctx);
        }));
        app.Map(ControlApi.Prefix, control => control.Run(new ControlApi(state).HandleAsync));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxServer(app, state, new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/') + "/"));
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C in the standalone server).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await State.Webhooks.DrainAsync();
        await State.IttybitEvents.DrainAsync();
        State.Dispose();
        await _app.DisposeAsync();
    }
}
