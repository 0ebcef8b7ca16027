using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Specwright.Sandbox.Control;
using Specwright.Sandbox.Site;
using Specwright.Sandbox.Hosting;

namespace Specwright.Sandbox;

/// <summary>
/// A running sandbox: Kestrel on loopback serving every service it was built with (webscrape.ai under <c>/v1</c>, ScrapeLLM
/// under <c>/scrapellm</c>, Ittybit under <c>/ittybit</c>, a new service under <c>/&lt;name&gt;</c>), the fixture site under
/// <c>/site</c> and the control API under <c>/_sandbox</c>. Start one per test class, or embed it in a tool.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly IReadOnlyList<ServiceModule> _modules;

    private SandboxServer(WebApplication app, SandboxState state, IReadOnlyList<ServiceModule> modules, Uri baseUrl)
    {
        _app = app;
        State = state;
        BaseUrl = baseUrl;
        _modules = modules;
    }

    /// <summary>Every service this sandbox serves (each found by its generated module), by name.</summary>
    public static IReadOnlyList<Specwright.Core.Http.ServiceDescription> Services => ServiceModules.Services;

    /// <summary>The base URL to give a client of <paramref name="service"/> (its <see cref="Specwright.Core.Http.ServiceDescription.Name"/>).</summary>
    public Uri BaseUrlOf(string service) => new(BaseUrl, Module(service).Dialect.Prefix.TrimStart('/'));

    /// <summary>The key this sandbox accepts for <paramref name="service"/>.</summary>
    public string DemoKeyOf(string service) => Module(service).Dialect.DemoKey;

    private ServiceModule Module(string service) => _modules.FirstOrDefault(m => m.Service.Name == service)
        ?? throw new ArgumentException($"The sandbox serves no service '{service}'; it serves {string.Join(", ", _modules.Select(m => m.Service.Name))}.", nameof(service));

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The base URL to give a webscrape.ai client (the real API's shape: ends in <c>/v1</c>).</summary>
    public Uri WebScrapeBaseUrl => BaseUrlOf("webscrape");

    /// <summary>The base URL to give a ScrapeLLM client (paths below it as at the real API's root).</summary>
    public Uri ScrapeLlmBaseUrl => BaseUrlOf("scrapellm");

    /// <summary>The base URL to give an Ittybit client (paths below it as at the real API's root).</summary>
    public Uri IttybitBaseUrl => BaseUrlOf("ittybit");

    /// <summary>The fixture website's home page.</summary>
    public Uri SiteUrl => new(BaseUrl, FixtureSite.Root.TrimStart('/') + "/");

    public SandboxState State { get; }

    /// <summary>What a user needs to call this sandbox: its URLs and the demo key (printed at start).</summary>
    public IEnumerable<string> Banner()
    {
        yield return $"Specwright sandbox listening on {BaseUrl}";
        foreach (var m in _modules)
        {
            yield return $"  {m.Service.Title} ({m.Service.Name}{(m.IsSimulated ? "" : ", answered from the spec's examples")})";
            yield return $"    base URL            : {BaseUrlOf(m.Service.Name)}";
            yield return $"    demo key            : {m.Dialect.DemoKey} ({m.Dialect.DemoKeyNote})";
        }
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
        var modules = ServiceModules.Create(state);
        foreach (var module in modules)
        {
            var host = new ServiceHost(state, module, loggerFactory.CreateLogger("Specwright.Sandbox." + module.Service.Name));
            app.Map(module.Dialect.Prefix, root => root.Run(host.HandleAsync));
        }
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
        return new SandboxServer(app, state, modules, new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/') + "/"));
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
