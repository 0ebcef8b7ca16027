using Specwright.Core.Errors;
using Specwright.WebScrape;

// Scrapes one page with the webscrape.ai SDK. The SDK reads the key from WEBSCRAPE_API_KEY, and WEBSCRAPE_BASE_URL (when set)
// points it at a sandbox (`specwright sandbox`) instead of the real API.
var url = args.Length > 0 ? args[0] : "https://example.com";
var options = new WebScrapeClientOptions();

try
{
    using var client = new WebScrapeClient(options);
    var page = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri(url, UriKind.RelativeOrAbsolute), Clean = true });
    Console.WriteLine($"scraped {url}: {page.Value.Html?.Length ?? 0} characters of HTML; {page.CreditsUsed} credit used, {page.CreditsRemaining} left; request {page.RequestId}");
    return 0;
}
catch (ArgumentException e) // checked before sending: nothing was spent
{
    Console.Error.WriteLine($"bad input: {e.Message}");
    return 2;
}
catch (ConfigurationException e)
{
    Console.Error.WriteLine($"configuration: {e.Message}");
    return 2;
}
catch (InsufficientCreditsException e)
{
    Console.Error.WriteLine($"out of credits: need {e.Required}, have {e.Balance}");
    return 1;
}
catch (ApiException e)
{
    Console.Error.WriteLine($"{e.ErrorCode} (HTTP {e.StatusCode}): {e.ErrorMessage} [request {e.RequestId}]");
    return 1;
}
catch (TransportException e)
{
    Console.Error.WriteLine($"no answer: {e.Message}");
    return 3;
}
