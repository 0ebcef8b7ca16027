using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Specwright.Sandbox.Hosting;
using ItSpec = global::Specwright.Ittybit.IttybitSpec;

namespace Specwright.Sandbox.Ittybit;

/// <summary>
/// Cursor pagination as the spec says: <c>limit</c> (1-100, default 20), <c>after</c>/<c>before</c> ids,
/// <c>order</c> (desc by default); the page is a bare array and the <c>Has-More</c>, <c>Limit</c> and
/// <c>Link: &lt;...&gt;; rel="next"</c> headers say how to go on.
/// </summary>
internal static class Paging
{
    public static Reply Page<T>(HttpContext http, IReadOnlyList<T> all, Func<T, string> idOf, JsonTypeInfo<IList<T>> type)
    {
        var q = http.Request.Query;
        var limit = Limit(q[ItSpec.Parameters.Limit.Name].ToString());
        var order = q[ItSpec.Parameters.Order.Name].ToString();
        if (order is not ("" or "asc" or "desc")) throw IttybitFailure.Of("request_invalid", $"'order' must be asc or desc (got '{order}').");
        var items = order == "asc" ? all : all.Reverse().ToList();
        var start = 0;
        var end = items.Count;
        if (q[ItSpec.Parameters.After.Name].ToString() is { Length: > 0 } after) start = IndexOf(items, idOf, after, "after") + 1;
        if (q[ItSpec.Parameters.Before.Name].ToString() is { Length: > 0 } before) end = IndexOf(items, idOf, before, "before");
        List<T> page = start >= end ? [] : items.Skip(start).Take(Math.Min(limit, end - start)).ToList();
        var hasMore = start + page.Count < end;
        var headers = new List<KeyValuePair<string, string>>
        {
            new(ItSpec.Pagination.HasMoreHeader, hasMore ? "true" : "false"),
            new(ItSpec.Pagination.LimitHeader, limit.ToString(CultureInfo.InvariantCulture)),
        };
        if (hasMore) headers.Add(new(ItSpec.Pagination.NextLinkHeader, $"<{NextUrl(http, idOf(page[^1]), limit)}>; rel=\"next\""));
        return new Reply(200, Json.Bytes<IList<T>>(page, type)) { Headers = headers };
    }

    private static int Limit(string text)
    {
        if (text.Length == 0) return (int)ItSpec.Parameters.Limit.Default;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l >= ItSpec.Parameters.Limit.Minimum && l <= ItSpec.Parameters.Limit.Maximum
            ? l
            : throw IttybitFailure.Of("request_invalid", $"'limit' must be an integer from {ItSpec.Parameters.Limit.Minimum} to {ItSpec.Parameters.Limit.Maximum} (got '{text}').");
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, string> idOf, string id, string parameter)
    {
        for (var i = 0; i < items.Count; i++) if (idOf(items[i]) == id) return i;
        // CHOICE (undocumented): a cursor that names nothing in the (filtered) list is a bad request.
        throw IttybitFailure.Of("request_invalid", $"'{parameter}' names no item of this list: '{id}'.");
    }

    /// <summary>This request's URL with <c>after</c> moved to the page's last id (other filters kept).</summary>
    private static string NextUrl(HttpContext http, string lastId, int limit)
    {
        var r = http.Request;
        var query = r.Query.Where(kv => kv.Key != ItSpec.Pagination.CursorParameter && kv.Key != ItSpec.Pagination.LimitParameter)
            .Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value.ToString())}")
            .Append($"{ItSpec.Pagination.CursorParameter}={Uri.EscapeDataString(lastId)}")
            .Append($"{ItSpec.Pagination.LimitParameter}={limit}");
        return $"{r.Scheme}://{r.Host}{r.PathBase}{r.Path}?{string.Join('&', query)}";
    }
}
