using System.Globalization;
using System.Text.RegularExpressions;
using P = Specwright.ScrapeLlm.ScrapeLlmSpec.Parameters;

namespace Specwright.ScrapeLlm.Internal;

/// <summary>
/// The common query parameters of a request, checked against the spec's constraints before anything is
/// sent (a refused country or an over-long prompt would otherwise cost a round trip, or credits).
/// </summary>
internal readonly record struct CheckedQuery(string Prompt, string? Country, bool? BypassCache, double? TimeoutSeconds)
{
    private static readonly Regex CountryPattern = new(P.Country.Pattern, RegexOptions.CultureInvariant);

    public static CheckedQuery From(ScrapeLlmRequest? request, ScraperId scraper, IReadOnlyList<string> unsupportedCountries)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prompt = request.Prompt;
        if (string.IsNullOrWhiteSpace(prompt))
            throw new ArgumentException($"{nameof(ScrapeLlmRequest)}.{nameof(ScrapeLlmRequest.Prompt)} is required and must not be empty.", nameof(request));
        if (prompt.Length > P.Prompt.MaxLength)
            throw new ArgumentException(
                $"{nameof(ScrapeLlmRequest)}.{nameof(ScrapeLlmRequest.Prompt)} is {prompt.Length} characters; the API takes {P.Prompt.MinLength} to {P.Prompt.MaxLength}.", nameof(request));

        string? country = null;
        if (request.Country is { } c)
        {
            if (!CountryPattern.IsMatch(c))
                throw new ArgumentException(
                    $"{nameof(ScrapeLlmRequest)}.{nameof(ScrapeLlmRequest.Country)} must be a two-letter ISO 3166-1 code such as US or DE, got '{c}'.", nameof(request));
            country = c.ToUpperInvariant();
            if (unsupportedCountries.Contains(country)) throw new UnsupportedCountryException(scraper, country, unsupportedCountries);
        }

        double? seconds = null;
        if (request.ProviderTimeout is { } t)
        {
            seconds = t.TotalSeconds;
            if (seconds < P.Timeout.Minimum || seconds > P.Timeout.Maximum)
                throw new ArgumentOutOfRangeException(nameof(request), t,
                    $"{nameof(ScrapeLlmRequest)}.{nameof(ScrapeLlmRequest.ProviderTimeout)} must be {P.Timeout.Minimum.ToString(CultureInfo.InvariantCulture)} to {P.Timeout.Maximum.ToString(CultureInfo.InvariantCulture)} seconds, got {seconds.Value.ToString(CultureInfo.InvariantCulture)}.");
        }
        return new CheckedQuery(prompt, country, request.BypassCache, seconds);
    }
}
