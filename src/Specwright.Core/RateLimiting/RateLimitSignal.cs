using System.Text.Json;

namespace Specwright.Core.RateLimiting;

/// <summary>
/// What a 429 says about the key's limits: how long to wait (<c>Retry-After</c>), and where the body names them
/// (webscrape.ai's <c>details.limit_per_min</c> and <c>details.max_concurrent</c>), the limits themselves.
/// </summary>
public sealed record RateLimitSignal(TimeSpan? RetryAfter, int? RequestsPerMinute, int? MaxConcurrentRequests)
{
    /// <summary>Body fields, at any depth up to three, that name a per-minute limit.</summary>
    public static readonly IReadOnlyList<string> PerMinuteFields = ["limit_per_min", "requests_per_minute", "rate_limit_per_min"];

    /// <summary>Body fields that name a concurrency limit.</summary>
    public static readonly IReadOnlyList<string> ConcurrencyFields = ["max_concurrent", "max_concurrent_requests"];

    public static RateLimitSignal Read(HttpResponseMessage response, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now > TimeSpan.Zero ? date - now : TimeSpan.Zero,
            _ => (TimeSpan?)null,
        };
        int? perMinute = null, concurrent = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            string? property = null;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName) property = reader.GetString();
                else if (reader.TokenType == JsonTokenType.Number && reader.CurrentDepth <= 3 && property is not null && reader.TryGetInt32(out var value) && value > 0)
                {
                    if (PerMinuteFields.Contains(property)) perMinute ??= value;
                    else if (ConcurrencyFields.Contains(property)) concurrent ??= value;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): only the header speaks.
        }
        return new RateLimitSignal(retryAfter, perMinute, concurrent);
    }
}

/// <summary>A limiter that learns from the API's answers: the retry handler tells it of every 429 and every success.</summary>
public interface IRateLimitFeedback
{
    /// <summary>A 429 arrived; awaited before the call goes on (a shared store is written before anyone asks it again).</summary>
    ValueTask OnRateLimitedAsync(RateLimitSignal signal, CancellationToken cancellationToken = default);

    void OnSuccess();
}
