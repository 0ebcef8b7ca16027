using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Specwright.ScrapeLlm;
using P = Specwright.ScrapeLlm.ScrapeLlmSpec.Parameters;

namespace Specwright.Sandbox.ScrapeLlm;

/// <summary>
/// A scraper call's query parameters, read the way the FastAPI service does: a missing or mistyped
/// parameter is a 422 with the issue list, a value outside the spec's constraints a 400 with a message.
/// Constraints and defaults are the spec's (<c>ScrapeLlmSpec.Parameters</c>).
/// </summary>
internal sealed record ScrapeLlmQuery(string Prompt, string Country, bool BypassCache, double Timeout, bool? MarkdownJson, bool? WebSearch)
{
    private static readonly Regex CountryPattern = new(P.Country.Pattern, RegexOptions.CultureInvariant);

    public static ScrapeLlmQuery Read(IQueryCollection query, ScraperId scraper, IReadOnlyList<string> unsupportedCountries)
    {
        if (!query.TryGetValue(P.Prompt.Name, out var raw)) throw ScrapeLlmFailure.Unprocessable(P.Prompt.Name, "Field required", "missing");
        var prompt = raw.ToString();
        if (prompt.Length < P.Prompt.MinLength || prompt.Length > P.Prompt.MaxLength)
            throw ScrapeLlmFailure.Of("invalid_request", $"prompt must be between {P.Prompt.MinLength} and {P.Prompt.MaxLength} characters (got {prompt.Length}).");
        if (string.IsNullOrWhiteSpace(prompt)) throw ScrapeLlmFailure.Of("invalid_request", "prompt must not be blank.");

        var country = query.ContainsKey(P.Country.Name) ? query[P.Country.Name].ToString() : P.Country.Default;
        if (!CountryPattern.IsMatch(country))
            throw ScrapeLlmFailure.Of("invalid_request", $"country must be an ISO 3166-1 alpha-2 code (got '{country}').");
        country = country.ToUpperInvariant();
        if (unsupportedCountries.Contains(country))
            throw ScrapeLlmFailure.Of("invalid_request", $"{scraper} is not available in {country}. Choose another country.");

        var timeout = Number(query, P.Timeout.Name) ?? P.Timeout.Default;
        if (timeout < P.Timeout.Minimum || timeout > P.Timeout.Maximum)
            throw ScrapeLlmFailure.Of("invalid_request",
                $"timeout must be between {P.Timeout.Minimum.ToString(CultureInfo.InvariantCulture)} and {P.Timeout.Maximum.ToString(CultureInfo.InvariantCulture)} seconds.");

        return new ScrapeLlmQuery(prompt, country, Bool(query, P.BypassCache.Name) ?? P.BypassCache.Default, timeout,
            Bool(query, P.MarkdownJson.Name), Bool(query, P.WebSearch.Name));
    }

    private static double? Number(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var raw)) return null;
        return double.TryParse(raw.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw ScrapeLlmFailure.Unprocessable(name, "Input should be a valid number, unable to parse string as a number", "float_parsing");
    }

    private static bool? Bool(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var raw)) return null;
        // FastAPI's (pydantic's) accepted spellings.
        return raw.ToString().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw ScrapeLlmFailure.Unprocessable(name, "Input should be a valid boolean, unable to interpret input", "bool_parsing"),
        };
    }
}
