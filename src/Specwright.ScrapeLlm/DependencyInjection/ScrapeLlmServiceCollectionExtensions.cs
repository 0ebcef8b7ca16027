using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Specwright.Core.DependencyInjection;
using Specwright.Core.Options;

namespace Specwright.ScrapeLlm;

/// <summary>Registers <see cref="ScrapeLlmClient"/> with dependency injection.</summary>
public static class ScrapeLlmServiceCollectionExtensions
{
    /// <summary>Registers a <see cref="ScrapeLlmClient"/>; options are checked when the host starts. Chain handlers on the returned builder.</summary>
    public static IHttpClientBuilder AddScrapeLlmClient(this IServiceCollection services, Action<ScrapeLlmClientOptions>? configure = null) =>
        SpecwrightClientRegistration.Add(services, null, configure, o => o.Resolve(), (http, o) => new ScrapeLlmClient(http, o));

    /// <summary>Registers a <see cref="ScrapeLlmClient"/> configured from a section (ApiKey, BaseUrl, MaxRetries, Timeout).</summary>
    public static IHttpClientBuilder AddScrapeLlmClient(this IServiceCollection services, IConfiguration section) =>
        services.AddScrapeLlmClient(o => OptionsConfiguration.Bind(section, o));

    /// <summary>Registers one more <see cref="ScrapeLlmClient"/> under <paramref name="serviceKey"/>; resolve it with <c>[FromKeyedServices]</c>.</summary>
    public static IHttpClientBuilder AddKeyedScrapeLlmClient(this IServiceCollection services, object serviceKey, Action<ScrapeLlmClientOptions>? configure = null) =>
        SpecwrightClientRegistration.Add(services, serviceKey ?? throw new ArgumentNullException(nameof(serviceKey)), configure, o => o.Resolve(), (http, o) => new ScrapeLlmClient(http, o));
}
