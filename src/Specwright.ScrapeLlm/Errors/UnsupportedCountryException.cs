namespace Specwright.ScrapeLlm;

/// <summary>
/// The scraper does not serve this country (e.g. Gemini through JP or TW). Thrown before any request is
/// sent, so no credit is spent. The list comes from the spec's <c>x-specwright-unsupported-countries</c>.
/// </summary>
public sealed class UnsupportedCountryException : ArgumentException
{
    private readonly string _message;

    public UnsupportedCountryException(ScraperId scraper, string country, IReadOnlyList<string> unsupported) : base(null, "request")
    {
        Scraper = scraper;
        Country = country;
        _message = $"The {scraper} scraper does not support country '{country}' (unsupported: {string.Join(", ", unsupported)}). " +
                   "Nothing was sent and no credits were spent; choose another country.";
    }

    /// <summary>The reason, without ArgumentException's "(Parameter ...)" suffix.</summary>
    public override string Message => _message;

    public ScraperId Scraper { get; }
    public string Country { get; }
}
