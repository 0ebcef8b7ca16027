using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Specwright.Core.DependencyInjection;
using Specwright.Core.Errors;
using Specwright.Core.Options;

namespace Specwright.Core.Internal;

/// <summary>
/// The one registration mechanism behind every service's <c>Add…Client</c>: a named HttpClient from
/// IHttpClientFactory (returned, so callers can chain their own handlers), named options validated when
/// the host starts, and the client as a transient service, keyed when a key is given (several accounts).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // for generated code; not part of the API a caller uses
public static class SpecwrightClientRegistration
{
    public static IHttpClientBuilder Add<TClient, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        IServiceCollection services,
        object? serviceKey,
        Action<TOptions>? configure,
        Func<TOptions, ResolvedClientOptions> resolve,
        Func<HttpClient, TOptions, TClient> create)
        where TClient : class
        where TOptions : SpecwrightClientOptions
    {
        ArgumentNullException.ThrowIfNull(services);
        var name = serviceKey is null ? typeof(TClient).FullName! : $"{typeof(TClient).FullName}:{serviceKey}";
        var options = services.AddOptions<TOptions>(name);
        if (configure is not null) options.Configure(configure);
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new ResolvableOptions<TOptions>(name, resolve));

        // IHttpClientFactory's own logging sees the request after our key handler. Its default already hides
        // header values; say so explicitly so a changed default cannot leak the key.
        // The SDK times each attempt itself (options.Timeout, raised per call where the spec says); the factory's
        // default HttpClient.Timeout of 100 s would silently cut those attempts short.
        var http = services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan).RedactLoggedHeaders(_ => true);
        // The client is transient; its rate limit (configured or learned) belongs to the registration, so every instance shares it.
        services.AddKeyedSingleton(name, (_, _) => new RegistrationLimiter());
        services.AddSingleton(new SpecwrightHttpClientName(name));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Http.IHttpMessageHandlerBuilderFilter, SecondRetryLayerFilter>());
        TClient Create(IServiceProvider sp)
        {
            var o = sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name);
            o.LoggerFactory ??= sp.GetService<ILoggerFactory>();
            o.RegistrationLimiter ??= sp.GetRequiredKeyedService<RegistrationLimiter>(name).For(o);
            return create(sp.GetRequiredService<IHttpClientFactory>().CreateClient(name), o);
        }
        if (serviceKey is null) services.AddTransient(Create);
        else services.AddKeyedTransient(serviceKey, (sp, _) => Create(sp));
        return http;
    }

    /// <summary>Options are valid when the client could be built from them; the failure names the setting.</summary>
    private sealed class ResolvableOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(string name, Func<TOptions, ResolvedClientOptions> resolve) : IValidateOptions<TOptions>
        where TOptions : SpecwrightClientOptions
    {
        public ValidateOptionsResult Validate(string? optionsName, TOptions options)
        {
            if (optionsName != name) return ValidateOptionsResult.Skip;
            try
            {
                resolve(options);
                return ValidateOptionsResult.Success;
            }
            catch (ConfigurationException e)
            {
                return ValidateOptionsResult.Fail(e.Message);
            }
        }
    }
}
