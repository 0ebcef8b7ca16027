using System.Net.Http.Headers;

namespace Specwright.Core.Http;

/// <summary>Reads Retry-After in both forms: delta-seconds, or an HTTP date compared with UTC now.</summary>
public static class RetryAfterHeader
{
    public static TimeSpan? Parse(RetryConditionHeaderValue? header, DateTimeOffset utcNow)
    {
        if (header is null) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
        {
            var wait = date.ToUniversalTime() - utcNow.ToUniversalTime();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
