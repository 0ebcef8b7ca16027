using Microsoft.Extensions.Http;
using Specwright.Core.Errors;

namespace Specwright.Core.DependencyInjection;

/// <summary>
/// Refuses a second retry layer under a Specwright client: <c>AddStandardResilienceHandler()</c> (or any
/// Microsoft.Extensions.Http.Resilience / Polly handler) on its <c>IHttpClientBuilder</c> would retry each of the client's
/// own attempts again, 3 × 3 attempts, billed POSTs included. The client already retries by the vendor's rules, so the
/// client's creation fails with what to do instead.
/// </summary>
internal sealed class SecondRetryLayerFilter(IEnumerable<SpecwrightHttpClientName> names) : IHttpMessageHandlerBuilderFilter
{
    private readonly HashSet<string> _names = names.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.Name is not { } name || !_names.Contains(name)) return;
        if (builder.AdditionalHandlers.FirstOrDefault(IsRetryLayer) is { } handler)
            throw new ConfigurationException(
                $"The HttpClient of {ClientName(name)} has a {handler.GetType().Name} (from AddStandardResilienceHandler() or another resilience " +
                "handler), which would retry each of the client's attempts again (3 × 3 attempts, billed POSTs included). Remove it: the client " +
                "already retries by the vendor's rules; tune them with the client options' MaxRetries, Timeout and MaxRetryAfter. To keep a " +
                "resilience pipeline anyway, give it no retry strategy and set MaxRetries there to 0.");
    };

    private static bool IsRetryLayer(DelegatingHandler handler)
    {
        var type = handler.GetType().FullName ?? "";
        return type.StartsWith("Microsoft.Extensions.Http.Resilience.", StringComparison.Ordinal) || type.StartsWith("Polly.", StringComparison.Ordinal)
               || type.StartsWith("Microsoft.Extensions.Http.PolicyHttpMessageHandler", StringComparison.Ordinal);
    }

    private static string ClientName(string name) => name.Split(':')[0].Split('.')[^1];
}
