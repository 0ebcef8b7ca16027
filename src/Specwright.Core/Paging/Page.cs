using System.Collections;

namespace Specwright.Core.Paging;

/// <summary>One page of a list: its items, whether more follow, and the cursor of the next page.</summary>
public sealed class Page<T> : IReadOnlyList<T>
{
    public Page(IReadOnlyList<T> items, bool hasMore, string? nextCursor, int? limit, Uri? nextLink)
    {
        Items = items ?? throw new ArgumentNullException(nameof(items));
        HasMore = hasMore;
        NextCursor = hasMore ? nextCursor : null;
        Limit = limit;
        NextLink = hasMore ? nextLink : null;
    }

    public IReadOnlyList<T> Items { get; }

    /// <summary>True when another page follows (pass <see cref="NextCursor"/> to get it).</summary>
    public bool HasMore { get; }

    /// <summary>The cursor of the next page; null on the last page.</summary>
    public string? NextCursor { get; }

    /// <summary>The page size the server used, when it said.</summary>
    public int? Limit { get; }

    /// <summary>The server's link to the next page, when it sent one.</summary>
    public Uri? NextLink { get; }

    public int Count => Items.Count;
    public T this[int index] => Items[index];
    public IEnumerator<T> GetEnumerator() => Items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"Page({Count} items, HasMore={HasMore})";
}
