using System.Runtime.CompilerServices;


namespace Specwright.Core.Paging;

/// <summary>Fetches one page of a list: after <c>continuationToken</c> (null: the first page), with at most <c>pageSizeHint</c> items where the API takes a size.</summary>
public delegate Task<Page<T>> PageFetcher<T>(string? continuationToken, int? pageSizeHint, CancellationToken cancellationToken);

/// <summary>
/// What every list operation of every service returns: enumerate it for the items (pages are fetched as you
/// go), or call <see cref="AsPages"/> to walk page by page and resume from a saved continuation token.
/// Whether the cursor travels in headers or in the body is the generated fetcher's business.
/// </summary>
public class AsyncPageable<T> : IAsyncEnumerable<T>
{
    private readonly PageFetcher<T>? _fetch;
    private readonly string _operationId = "";
    private readonly CancellationToken _cancellationToken;

    /// <summary>For mocking.</summary>
    protected AsyncPageable() { }

    public AsyncPageable(string operationId, PageFetcher<T> fetch, CancellationToken cancellationToken = default)
    {
        _operationId = operationId ?? throw new ArgumentNullException(nameof(operationId));
        _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The pages from <paramref name="continuationToken"/> on (null: from the first). A server that says more
    /// pages follow but gives no new cursor ends the walk with <see cref="PaginationException"/>, never a loop.
    /// </summary>
    public virtual IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        if (pageSizeHint is <= 0) throw new ArgumentOutOfRangeException(nameof(pageSizeHint), pageSizeHint, "A page size must be positive.");
        return PagesAsync(continuationToken, pageSizeHint, CancellationToken.None);
    }

    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in PagesAsync(null, null, cancellationToken).ConfigureAwait(false))
        foreach (var item in page.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    // The list call's token and the enumeration's (WithCancellation) both stop the walk, a page fetch included.
    private async IAsyncEnumerable<Page<T>> PagesAsync(string? continuationToken, int? pageSizeHint, [EnumeratorCancellation] CancellationToken enumeration)
    {
        var fetch = _fetch ?? throw new InvalidOperationException("This AsyncPageable was made for mocking and has no pages.");
        using var linked = enumeration.CanBeCanceled && _cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, enumeration) : null;
        var cancellationToken = linked?.Token ?? (enumeration.CanBeCanceled ? enumeration : _cancellationToken);
        var cursor = continuationToken;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await fetch(cursor, pageSizeHint, cancellationToken).ConfigureAwait(false);
            yield return page;
            if (!page.HasMore) yield break;
            if (page.NextCursor is null || page.NextCursor == cursor)
                throw new PaginationException(_operationId, page.NextCursor is null
                    ? "the server says more items follow but the page gives no cursor to continue from"
                    : $"the server says more items follow but the next cursor repeats '{cursor}'");
            cursor = page.NextCursor;
        }
    }
}
