using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.WebScrape;

namespace Specwright.Sandbox.Simulations;

/// <summary>webscrape.ai in the sandbox: its dialect and its simulation, plugged into the generated module.</summary>
internal static partial class WebScrapeModule
{
    static partial void CreateSimulation(SandboxState state, ref IWebScrapeSimulation? simulation) => simulation = new WebScrapeSimulation(state);

    static partial void CreateDialect(SandboxState state, ref ServiceDialect? dialect) => dialect = new WebScrapeDialect(state);
}

/// <summary>Every webscrape.ai operation, simulated with accounts, credits and SmartBrowse runs.</summary>
internal sealed class WebScrapeSimulation(SandboxState state) : IWebScrapeSimulation
{
    private readonly ScrapeHandlers _scrape = new(state);
    private readonly SmartBrowseHandlers _browse = new(state);

    public Task<Reply> ScrapeAsync(OperationCall call) => _scrape.ScrapeAsync(ApiCall.From(call));
    public Task<Reply> SmartscraperAsync(OperationCall call) => _scrape.SmartScraperAsync(ApiCall.From(call));
    public Task<Reply> DispatchSmartBrowseRunAsync(OperationCall call) => _browse.DispatchAsync(ApiCall.From(call));
    public Task<Reply> GetSmartBrowseRunAsync(OperationCall call) => _browse.GetRunAsync(ApiCall.From(call));
    public Task<Reply> GetSmartBrowseUsageAsync(OperationCall call) => _browse.UsageAsync(ApiCall.From(call));
}
