using System.Text.Json;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.WebScrape.Extraction;
using Specwright.WebScrape;
using Ops = Specwright.WebScrape.WebScrapeSpec.Operations;

namespace Specwright.Sandbox.WebScrape;

/// <summary><c>POST /scrape</c> and <c>POST /smartscraper</c> (bodies already checked against the spec by the host): check the URL, extract, then charge atomically (failures cost 0).</summary>
internal sealed class ScrapeHandlers(SandboxState state)
{
    private readonly ScrapeEngine _scrape = new(state.Options.TimeProvider);

    public Task<Reply> ScrapeAsync(ApiCall call)
    {
        call.RequireSpendingAllowed();
        var body = call.Body;
        RequestBody.HttpUrl(body, "website_url");
        var request = body.Deserialize(WebScrapeJsonContext.Default.ScrapeRequest)!;
        var cost = Ops.Scrape.CreditCost + (request.Stealth == true ? Ops.Scrape.StealthSurcharge : 0);
        var data = _scrape.Scrape(request);
        var balance = Charge(call, cost);
        return Task.FromResult(Envelopes.Scrape(call.RequestId, data, cost, balance));
    }

    public Task<Reply> SmartScraperAsync(ApiCall call)
    {
        call.RequireSpendingAllowed();
        var body = call.Body;
        RequestBody.HttpUrl(body, "website_url");
        if (string.IsNullOrWhiteSpace(body["user_prompt"]!.GetValue<string>()))
            throw WebScrapeError.InvalidRequest("user_prompt: must not be blank");
        var request = body.Deserialize(WebScrapeJsonContext.Default.SmartScraperRequest)!;
        var cost = Ops.Smartscraper.CreditCost + (request.Stealth == true ? Ops.Smartscraper.StealthSurcharge : 0);
        // Checked up front too: an extraction the wallet cannot pay for is not run.
        if (call.Account.Balance < cost) throw WebScrapeError.InsufficientCredits(call.Account.Balance, cost);
        var data = SmartScraperEngine.Extract(request, body["output_schema"]);
        var balance = Charge(call, cost);
        return Task.FromResult(Envelopes.SmartScraper(call.RequestId, data, cost, balance));
    }

    private static int Charge(ApiCall call, int cost) =>
        call.Account.TryCharge(cost, cost, out var balance) ? balance : throw WebScrapeError.InsufficientCredits(balance, cost);
}
