using Specwright.Core.Options;

namespace Specwright.Ittybit;

/// <summary>
/// Options of <see cref="IttybitClient"/>. <c>ApiKey</c> (a project key, sent as <c>Authorization: Bearer</c>)
/// falls back to the <c>ITTYBIT_API_KEY</c> environment variable; <c>BaseUrl</c> defaults to
/// <c>https://api.ittybit.com</c>; <c>MaxRetries</c> to 2.
/// </summary>
public sealed class IttybitClientOptions : SpecwrightClientOptions
{
    /// <summary>Checks these options against the spec's defaults (key variable, base URL, retries).</summary>
    internal ResolvedClientOptions Resolve() =>
        Resolve("Ittybit", IttybitSpec.ApiKeyEnvironmentVariable, IttybitSpec.DefaultBaseUrl, IttybitSpec.Retry.MaxRetries);
}
