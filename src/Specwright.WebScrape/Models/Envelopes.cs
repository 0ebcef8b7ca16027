namespace Specwright.WebScrape;

/// <summary>What every webscrape.ai envelope has; lets one decoder check <c>status</c> first for all of them.</summary>
internal interface IWebScrapeEnvelope
{
    EnvelopeStatus Status { get; }
    string RequestId { get; }
    IDictionary<string, object> AdditionalProperties { get; }
}

public partial class ScrapeEnvelope : IWebScrapeEnvelope;
public partial class SmartScraperEnvelope : IWebScrapeEnvelope;
public partial class SmartBrowseDispatchEnvelope : IWebScrapeEnvelope;
public partial class SmartBrowseRunEnvelope : IWebScrapeEnvelope;
public partial class SmartBrowseUsageEnvelope : IWebScrapeEnvelope;
