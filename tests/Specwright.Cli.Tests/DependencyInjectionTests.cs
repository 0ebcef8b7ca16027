using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Specwright.Sandbox;
using Specwright.ScrapeLlm;
using Specwright.WebScrape;

namespace Specwright.Cli.Tests;

/// <summary>AddWebScrapeClient: resolving, validation at start, configuration, keyed accounts, chained handlers.</summary>
public sealed class DependencyInjectionTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync();
    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    private sealed class Counting : DelegatingHandler
    {
        public int Count;
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Interlocked.Increment(ref Count);
            return base.SendAsync(request, ct);
        }
    }

    [Fact]
    public async Task A_registered_client_resolves_and_sends_through_chained_handlers()
    {
        var counting = new Counting();
        var services = new ServiceCollection();
        services.AddWebScrapeClient(o => { o.ApiKey = SandboxOptions.DemoWebScrapeKey; o.BaseUrl = _sandbox.WebScrapeBaseUrl; })
            .AddHttpMessageHandler(() => counting);
        using var sp = services.BuildServiceProvider();
        sp.GetRequiredService<IStartupValidator>().Validate();

        var client = sp.GetRequiredService<WebScrapeClient>();
        var usage = await client.SmartBrowse.GetUsageAsync();
        Assert.Equal(500, usage.CreditsRemaining);
        Assert.Equal(1, counting.Count);
    }

    [Fact]
    public async Task A_ScrapeLlm_client_registers_from_configuration_and_a_bad_setting_is_named_at_start()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ScrapeLlm:ApiKey"] = SandboxOptions.DemoScrapeLlmKey,
            ["ScrapeLlm:BaseUrl"] = _sandbox.ScrapeLlmBaseUrl.AbsoluteUri,
            ["Broken:MaxRetries"] = "99",
        }).Build();
        var services = new ServiceCollection();
        services.AddScrapeLlmClient(config.GetSection("ScrapeLlm"));
        services.AddKeyedScrapeLlmClient("broken", o => Specwright.Core.Internal.OptionsConfiguration.Bind(config.GetSection("Broken"), o));
        using var sp = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
        Specwright.ScrapeLlm.CopilotResponse answer = await sp.GetRequiredService<Specwright.ScrapeLlm.ScrapeLlmClient>().Copilot.AskAsync("hello");

        Assert.Contains("ScrapeLlmClientOptions.MaxRetries must be between 0 and 10, got 99", e.Message);
        Assert.Equal("copilot", answer.Scraper.Value);
    }

    [Fact]
    public void A_rate_limit_is_read_from_configuration_and_a_bad_one_names_its_path()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Good:RateLimit:RequestsPerMinute"] = "60",
            ["Good:RateLimit:MaxConcurrentRequests"] = "5",
            ["Bad:RateLimit:RequestsPerMinute"] = "sixty",
        }).Build();
        var good = new WebScrapeClientOptions();
        Specwright.Core.Internal.OptionsConfiguration.Bind(config.GetSection("Good"), good);

        var e = Assert.Throws<Specwright.Core.Errors.ConfigurationException>(() =>
            Specwright.Core.Internal.OptionsConfiguration.Bind(config.GetSection("Bad"), new WebScrapeClientOptions()));

        Assert.Equal(60, good.RateLimit?.RequestsPerMinute);
        Assert.Equal(5, good.RateLimit?.MaxConcurrentRequests);
        Assert.Equal("Configuration 'Bad:RateLimit:RequestsPerMinute' must be an integer, got 'sixty'.", e.Message);
    }

    [Fact]
    public async Task The_http_client_factorys_own_logging_never_shows_the_key()
    {
        var logs = new Specwright.TestSupport.CapturingLoggerFactory();
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        services.AddWebScrapeClient(o => { o.ApiKey = SandboxOptions.DemoWebScrapeKey; o.BaseUrl = _sandbox.WebScrapeBaseUrl; });
        using var sp = services.BuildServiceProvider();
        await sp.GetRequiredService<WebScrapeClient>().SmartBrowse.GetUsageAsync();

        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Contains("X-API-Key: *")); // the factory logged headers, values redacted
        Assert.DoesNotContain(lines, l => l.Contains(SandboxOptions.DemoWebScrapeKey));
    }

    [Fact]
    public void Invalid_options_fail_at_start_with_a_message_naming_the_setting()
    {
        var services = new ServiceCollection();
        services.AddWebScrapeClient(o => { o.ApiKey = SandboxOptions.DemoWebScrapeKey; o.MaxRetries = 99; });
        using var sp = services.BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("WebScrapeClientOptions.MaxRetries must be between 0 and 10, got 99", e.Message);
    }

    [Fact]
    public void Options_bind_from_configuration_and_bad_values_name_their_path()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WebScrape:ApiKey"] = SandboxOptions.DemoWebScrapeKey,
            ["WebScrape:BaseUrl"] = _sandbox.WebScrapeBaseUrl.ToString(),
            ["WebScrape:MaxRetries"] = "1",
            ["WebScrape:Timeout"] = "00:00:30",
            ["Bad:MaxRetries"] = "lots",
        }).Build();
        var services = new ServiceCollection();
        services.AddWebScrapeClient(config.GetSection("WebScrape"));
        using var sp = services.BuildServiceProvider();
        sp.GetRequiredService<IStartupValidator>().Validate();
        Assert.Contains("MaxRetries = 1, Timeout = 00:00:30", sp.GetRequiredService<WebScrapeClient>().ToString());

        var bad = new ServiceCollection();
        bad.AddWebScrapeClient(config.GetSection("Bad"));
        using var badSp = bad.BuildServiceProvider();
        var e = Assert.Throws<Core.Errors.ConfigurationException>(() => badSp.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal("Configuration 'Bad:MaxRetries' must be an integer, got 'lots'.", e.Message);
    }

    [Fact]
    public async Task Keyed_registrations_serve_several_accounts()
    {
        var second = Sandbox.Accounts.KeyFormat.NewKey();
        _sandbox.State.Accounts.Add(second, 42);
        var services = new ServiceCollection();
        services.AddKeyedWebScrapeClient("main", o => { o.ApiKey = SandboxOptions.DemoWebScrapeKey; o.BaseUrl = _sandbox.WebScrapeBaseUrl; });
        services.AddKeyedWebScrapeClient("team", o => { o.ApiKey = second; o.BaseUrl = _sandbox.WebScrapeBaseUrl; });
        using var sp = services.BuildServiceProvider();
        sp.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(500, (await sp.GetRequiredKeyedService<WebScrapeClient>("main").SmartBrowse.GetUsageAsync()).CreditsRemaining);
        Assert.Equal(42, (await sp.GetRequiredKeyedService<WebScrapeClient>("team").SmartBrowse.GetUsageAsync()).CreditsRemaining);
    }
}
