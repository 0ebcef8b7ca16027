using System.Text.Json;
using Specwright.Core.Retry;

namespace Specwright.Core.RateLimiting;

/// <summary>
/// What a 429 says about the key's limits: how long to wait (<c>Retry-After</c>), and, where the service's spec says its body
/// names them (<see cref="RetryRules.RequestsPerMinuteField"/>, <see cref="RetryRules.MaxConcurrentRequestsField"/>), the limits.
/// </summary>
public sealed record RateLimitSignal(TimeSpan? RetryAfter, int? RequestsPerMinute, int? MaxConcurrentRequests)
{
    /// <summary>Empty since 1.1.0: the fields a 429 names its limits in come from each service's spec (<see cref="RetryRules"/>).</summary>
    [Obsolete("The fields come from the service's spec: RetryRules.RequestsPerMinuteField. Always empty.")]
    public static readonly IReadOnlyList<string> PerMinuteFields = [];

    /// <summary>Empty since 1.1.0: see <see cref="RetryRules.MaxConcurrentRequestsField"/>.</summary>
    [Obsolete("The fields come from the service's spec: RetryRules.MaxConcurrentRequestsField. Always empty.")]
    public static readonly IReadOnlyList<string> ConcurrencyFields = [];

    /// <summary>The <c>Retry-After</c> only: without the service's rules no field of the body is known to name a limit.</summary>
    public static RateLimitSignal Read(HttpResponseMessage response, ReadOnlySpan<byte> body, DateTimeOffset now) => Read(response, body, now, null);

    /// <summary>The <c>Retry-After</c>, and the limits at the places <paramref name="rules"/> name in the body.</summary>
    public static RateLimitSignal Read(HttpResponseMessage response, ReadOnlySpan<byte> body, DateTimeOffset now, RetryRules? rules)
    {
        ArgumentNullException.ThrowIfNull(response);
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now > TimeSpan.Zero ? date - now : TimeSpan.Zero,
            _ => (TimeSpan?)null,
        };
        if (rules?.RequestsPerMinuteField is null && rules?.MaxConcurrentRequestsField is null) return new RateLimitSignal(retryAfter, null, null);
        try
        {
            using var json = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            return new RateLimitSignal(retryAfter, Limit(json.RootElement, rules.RequestsPerMinuteField), Limit(json.RootElement, rules.MaxConcurrentRequestsField));
        }
        catch (JsonException)
        {
            return new RateLimitSignal(retryAfter, null, null); // not JSON (a proxy's page): only the header speaks
        }
    }

    /// <summary>The positive integer at <paramref name="path"/>, if there is one.</summary>
    private static int? Limit(JsonElement root, IReadOnlyList<string>? path)
    {
        if (path is null) return null;
        var at = root;
        foreach (var name in path)
            if (at.ValueKind != JsonValueKind.Object || !at.TryGetProperty(name, out at)) return null;
        return at.ValueKind == JsonValueKind.Number && at.TryGetInt32(out var value) && value > 0 ? value : null;
    }
}

/// <summary>A limiter that learns from the API's answers: the retry handler tells it of every 429 and every success.</summary>
public interface IRateLimitFeedback
{
    /// <summary>A 429 arrived; awaited before the call goes on (a shared store is written before anyone asks it again).</summary>
    ValueTask OnRateLimitedAsync(RateLimitSignal signal, CancellationToken cancellationToken = default);

    void OnSuccess();
}
