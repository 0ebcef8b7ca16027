using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Specwright.Core.DependencyInjection;
using Specwright.Core.Options;

namespace Specwright.WebScrape;

/// <summary>Registers <see cref="WebScrapeClient"/> with dependency injection.</summary>
public static class WebScrapeServiceCollectionExtensions
{
    /// <summary>Registers a <see cref="WebScrapeClient"/>; options are checked when the host starts. Chain handlers on the returned builder.</summary>
    public static IHttpClientBuilder AddWebScrapeClient(this IServiceCollection services, Action<WebScrapeClientOptions>? configure = null) =>
        SpecwrightClientRegistration.Add(services, null, configure, o => o.Resolve(), (http, o) => new WebScrapeClient(http, o));

    /// <summary>Registers a <see cref="WebScrapeClient"/> configured from a section (ApiKey, BaseUrl, MaxRetries, Timeout).</summary>
    public static IHttpClientBuilder AddWebScrapeClient(this IServiceCollection services, IConfiguration section) =>
        services.AddWebScrapeClient(o => OptionsConfiguration.Bind(section, o));

    /// <summary>Registers one more <see cref="WebScrapeClient"/> under <paramref name="serviceKey"/> (e.g. one per account); resolve it with <c>[FromKeyedServices]</c>.</summary>
    public static IHttpClientBuilder AddKeyedWebScrapeClient(this IServiceCollection services, object serviceKey, Action<WebScrapeClientOptions>? configure = null) =>
        SpecwrightClientRegistration.Add(services, serviceKey ?? throw new ArgumentNullException(nameof(serviceKey)), configure, o => o.Resolve(), (http, o) => new WebScrapeClient(http, o));
}
