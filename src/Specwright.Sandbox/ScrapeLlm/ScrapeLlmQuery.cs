using System.Globalization;
using Microsoft.AspNetCore.Http;
using Specwright.ScrapeLlm;
using P = Specwright.ScrapeLlm.ScrapeLlmSpec.Parameters;

namespace Specwright.Sandbox.ScrapeLlm;

/// <summary>
/// A scraper call's query parameters. The host has already checked them against the spec (FastAPI's 422 for a missing or
/// mistyped one, a 400 for a value outside its constraints); what is left is what the spec cannot say: a blank prompt, and
/// a country the scraper refuses (<c>x-specwright-unsupported-countries</c>). Defaults are the spec's.
/// </summary>
internal sealed record ScrapeLlmQuery(string Prompt, string Country, bool BypassCache, double Timeout, bool? MarkdownJson, bool? WebSearch)
{
    public static ScrapeLlmQuery Read(IQueryCollection query, ScraperId scraper, IReadOnlyList<string> unsupportedCountries)
    {
        var prompt = query[P.Prompt.Name].ToString();
        if (string.IsNullOrWhiteSpace(prompt)) throw ScrapeLlmFailure.Of("invalid_request", "prompt must not be blank.");
        var country = (query.ContainsKey(P.Country.Name) ? query[P.Country.Name].ToString() : P.Country.Default).ToUpperInvariant();
        if (unsupportedCountries.Contains(country))
            throw ScrapeLlmFailure.Of("invalid_request", $"{scraper} is not available in {country}. Choose another country.");
        return new ScrapeLlmQuery(prompt, country, Bool(query, P.BypassCache.Name) ?? P.BypassCache.Default,
            query.TryGetValue(P.Timeout.Name, out var t) ? double.Parse(t.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture) : P.Timeout.Default,
            Bool(query, P.MarkdownJson.Name), Bool(query, P.WebSearch.Name));
    }

    // The host admits true, false, 1 and 0.
    private static bool? Bool(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var raw) ? raw.ToString() is "1" || raw.ToString().Equals("true", StringComparison.OrdinalIgnoreCase) : null;
}
