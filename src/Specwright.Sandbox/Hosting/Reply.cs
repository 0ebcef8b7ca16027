namespace Specwright.Sandbox.Hosting;

/// <summary>A finished response: status, JSON body and, for throttles and outages, a Retry-After.</summary>
public sealed record Reply(int Status, byte[] Body, TimeSpan? RetryAfter = null, string ContentType = "application/json");
