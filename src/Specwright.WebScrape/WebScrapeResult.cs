namespace Specwright.WebScrape;

/// <summary>The unwrapped <c>data</c> of a webscrape.ai response with the envelope's request id and credits.</summary>
public sealed record WebScrapeResult<T>(T Data, string RequestId, int? CreditsUsed, int? CreditsRemaining)
{
    /// <summary>Credit fields are absent from <c>queued</c> envelopes (nothing is billed at dispatch).</summary>
    public bool HasCredits => CreditsUsed is not null;
}
