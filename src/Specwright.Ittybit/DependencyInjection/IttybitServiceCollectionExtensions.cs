using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Specwright.Core.DependencyInjection;
using Specwright.Core.Options;

namespace Specwright.Ittybit;

/// <summary>Registers <see cref="IttybitClient"/> with dependency injection.</summary>
public static class IttybitServiceCollectionExtensions
{
    /// <summary>Registers an <see cref="IttybitClient"/>; options are checked when the host starts. Chain handlers on the returned builder.</summary>
    public static IHttpClientBuilder AddIttybitClient(this IServiceCollection services, Action<IttybitClientOptions>? configure = null) =>
        SpecwrightClientRegistration.Add(services, null, configure, o => o.Resolve(), (http, o) => new IttybitClient(http, o));

    /// <summary>Registers an <see cref="IttybitClient"/> configured from a section (ApiKey, BaseUrl, MaxRetries, Timeout).</summary>
    public static IHttpClientBuilder AddIttybitClient(this IServiceCollection services, IConfiguration section) =>
        services.AddIttybitClient(o => OptionsConfiguration.Bind(section, o));

    /// <summary>Registers one more <see cref="IttybitClient"/> under <paramref name="serviceKey"/>; resolve it with <c>[FromKeyedServices]</c>.</summary>
    public static IHttpClientBuilder AddKeyedIttybitClient(this IServiceCollection services, object serviceKey, Action<IttybitClientOptions>? configure = null) =>
        SpecwrightClientRegistration.Add(services, serviceKey ?? throw new ArgumentNullException(nameof(serviceKey)), configure, o => o.Resolve(), (http, o) => new IttybitClient(http, o));
}
