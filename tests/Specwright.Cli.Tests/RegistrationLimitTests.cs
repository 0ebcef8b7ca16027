using Microsoft.Extensions.DependencyInjection;
using Specwright.Core.Errors;
using Specwright.Core.Options;
using Specwright.Sandbox;
using Specwright.TestSupport;
using Specwright.WebScrape;

namespace Specwright.Cli.Tests;

/// <summary>
/// A registered client's rate limit belongs to the registration (every transient instance shares it), and a second retry
/// layer (Microsoft.Extensions.Http.Resilience's standard handler, the real package) is refused with what to do instead.
/// </summary>
public sealed class RegistrationLimitTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync();
    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Every_client_instance_of_a_registration_waits_on_the_same_limit()
    {
        var clock = new TestClock();
        var services = new ServiceCollection();
        services.AddWebScrapeClient(o =>
        {
            o.ApiKey = SandboxOptions.DemoWebScrapeKey;
            o.BaseUrl = _sandbox.WebScrapeBaseUrl;
            o.TimeProvider = clock;
            o.RateLimit = new ClientRateLimit { RequestsPerMinute = 1 };
        });
        using var sp = services.BuildServiceProvider();

        await sp.GetRequiredService<WebScrapeClient>().SmartBrowse.GetUsageAsync();
        await sp.GetRequiredService<WebScrapeClient>().SmartBrowse.GetUsageAsync(); // another instance: the minute's start is taken

        Assert.Equal([TimeSpan.FromSeconds(61)], clock.Delays);
    }

    [Fact]
    public void AddStandardResilienceHandler_on_a_client_is_refused_when_the_client_is_made_naming_the_fix()
    {
        var services = new ServiceCollection();
        services.AddWebScrapeClient(o => { o.ApiKey = SandboxOptions.DemoWebScrapeKey; o.BaseUrl = _sandbox.WebScrapeBaseUrl; })
            .AddStandardResilienceHandler();
        services.AddHttpClient("unrelated").AddStandardResilienceHandler(); // other HttpClients are none of our business
        using var sp = services.BuildServiceProvider();

        var e = Assert.Throws<ConfigurationException>(() => sp.GetRequiredService<WebScrapeClient>());
        Assert.Contains("The HttpClient of WebScrapeClient has a ResilienceHandler", e.Message);
        Assert.Contains("3 × 3 attempts, billed POSTs included", e.Message);
        Assert.Contains("MaxRetries", e.Message);
        Assert.NotNull(sp.GetRequiredService<IHttpClientFactory>().CreateClient("unrelated"));
    }
}
