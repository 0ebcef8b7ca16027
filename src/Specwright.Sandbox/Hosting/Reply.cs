namespace Specwright.Sandbox.Hosting;

/// <summary>A finished response: status, JSON body, for throttles and outages a Retry-After, and any other headers (e.g. paging).</summary>
public sealed record Reply(int Status, byte[] Body, TimeSpan? RetryAfter = null, string ContentType = "application/json")
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
}
