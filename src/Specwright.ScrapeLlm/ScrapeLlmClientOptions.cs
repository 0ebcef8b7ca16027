using Specwright.Core.Options;

namespace Specwright.ScrapeLlm;

/// <summary>
/// Options of <see cref="ScrapeLlmClient"/>. <c>ApiKey</c> falls back to the <c>SCRAPELLM_API_KEY</c>
/// environment variable (without any key only <see cref="ScrapeLlmClient.GetJobAsync"/> and the waits
/// work: polling needs no key); <c>BaseUrl</c> defaults to <c>https://api.scrapellm.com</c>; <c>MaxRetries</c>
/// to 2; <c>Timeout</c> (per attempt) to 180 s, raised per call to the request's provider timeout plus a margin.
/// </summary>
public sealed class ScrapeLlmClientOptions : SpecwrightClientOptions
{
    /// <summary>Checks these options against the spec's defaults (key variable, base URL, retries).</summary>
    internal ResolvedClientOptions Resolve() =>
        Resolve("ScrapeLLM", ScrapeLlmSpec.ApiKeyEnvironmentVariable, ScrapeLlmSpec.DefaultBaseUrl, ScrapeLlmSpec.Retry.MaxRetries,
            apiKeyOptional: ScrapeLlmSpec.OperationsWithoutApiKey.Count > 0);
}
