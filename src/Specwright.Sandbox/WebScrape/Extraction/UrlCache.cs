using System.Collections.Concurrent;

namespace Specwright.Sandbox.WebScrape.Extraction;

/// <summary>
/// The URL cache behind <c>max_age</c>: omitted = always fresh, 0 = fresh and written, N = a copy fresher
/// than N seconds if there is one. Never used for stealth fetches, requests with headers, or URLs with a
/// query or fragment (spec: MaxAge).
/// </summary>
internal sealed class UrlCache<T>(TimeProvider clock) where T : class
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, T Value)> _entries = new(StringComparer.Ordinal);

    public static bool Cacheable(Uri url, bool stealth, IDictionary<string, string>? headers) =>
        !stealth && (headers is null || headers.Count == 0) && url.Query.Length == 0 && url.Fragment.Length == 0;

    public T GetOrCreate(string key, int? maxAge, bool cacheable, Func<T> fetch, out bool hit)
    {
        hit = false;
        if (!cacheable || maxAge is null) return fetch();
        var now = clock.GetUtcNow();
        if (maxAge > 0 && _entries.TryGetValue(key, out var entry) && now - entry.At < TimeSpan.FromSeconds(maxAge.Value))
        {
            hit = true;
            return entry.Value;
        }
        var fresh = fetch();
        _entries[key] = (now, fresh);
        return fresh;
    }
}
