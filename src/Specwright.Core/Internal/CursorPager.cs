using System.ComponentModel;
using System.Globalization;
using System.Net.Http.Headers;
using Specwright.Core.Http;
using Specwright.Core.Paging;

namespace Specwright.Core.Internal;

/// <summary>
/// Reads a page from a list response's headers (<see cref="CursorPagination"/>) for <see cref="AsyncPageable{T}"/>,
/// which follows the cursor across pages. The next cursor is the <c>after</c> of the <c>rel="next"</c> link when
/// the server sends one, else the cursor field of the page's last item.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // for generated code; not part of the API a caller uses
public static class CursorPager
{
    public static Page<T> ToPage<T>(ApiResponse<IList<T>> response, CursorPagination rules, Func<T, string?> cursorOf, string operationId)
    {
        ArgumentNullException.ThrowIfNull(response);
        var items = response.Value as IReadOnlyList<T> ?? response.Value.ToList();
        var next = NextLink(response.Headers, rules.NextLinkHeader);
        var hasMore = Header(response.Headers, rules.HasMoreHeader) is { } text
            ? bool.TryParse(text, out var b) ? b
              : throw new PaginationException(operationId, $"the {rules.HasMoreHeader} header is '{text}', not true or false")
            : next is not null;
        var limit = int.TryParse(Header(response.Headers, rules.LimitHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : (int?)null;
        var cursor = next is not null ? QueryValue(next, rules.CursorParameter) : null;
        cursor ??= items.Count > 0 ? cursorOf(items[^1]) : null;
        return new Page<T>(items, hasMore, cursor, limit, next);
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    /// <summary>The target of the <c>rel="next"</c> entry of an RFC 8288 Link header (several entries and headers allowed).</summary>
    internal static Uri? NextLink(HttpResponseHeaders headers, string name)
    {
        if (!headers.TryGetValues(name, out var values)) return null;
        foreach (var value in values)
        foreach (var entry in SplitEntries(value))
        {
            var close = entry.IndexOf('>');
            if (!entry.StartsWith('<') || close < 0) continue;
            var parameters = entry[(close + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var isNext = parameters.Any(p => p.StartsWith("rel=", StringComparison.OrdinalIgnoreCase)
                && p[4..].Trim('"').Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase));
            if (isNext && Uri.TryCreate(entry[1..close], UriKind.RelativeOrAbsolute, out var uri)) return uri;
        }
        return null;
    }

    // Entries are separated by commas outside the <...> target.
    private static IEnumerable<string> SplitEntries(string header)
    {
        var start = 0;
        var inTarget = false;
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i] == '<') inTarget = true;
            else if (header[i] == '>') inTarget = false;
            else if (header[i] == ',' && !inTarget)
            {
                yield return header[start..i].Trim();
                start = i + 1;
            }
        }
        yield return header[start..].Trim();
    }

    private static readonly Uri AnyBase = new("http://base/");

    private static string? QueryValue(Uri uri, string name) =>
        System.Web.HttpUtility.ParseQueryString((uri.IsAbsoluteUri ? uri : new Uri(AnyBase, uri)).Query)[name] is { Length: > 0 } v ? v : null;
}
