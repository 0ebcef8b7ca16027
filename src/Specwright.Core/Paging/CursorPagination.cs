namespace Specwright.Core.Paging;

/// <summary>How an API pages its lists by cursor: generated from the spec's <c>x-specwright-pagination</c>.</summary>
public sealed record CursorPagination
{
    /// <summary>The query parameter a page starts after (e.g. <c>after</c>).</summary>
    public required string CursorParameter { get; init; }

    /// <summary>The item field whose value is the cursor (e.g. <c>id</c>).</summary>
    public required string CursorField { get; init; }

    /// <summary>The query parameter of the page size (e.g. <c>limit</c>).</summary>
    public required string LimitParameter { get; init; }

    /// <summary>The header that says whether there is a next page (<c>true</c>/<c>false</c>).</summary>
    public required string HasMoreHeader { get; init; }

    /// <summary>The RFC 8288 header linking the next page (<c>rel="next"</c>).</summary>
    public required string NextLinkHeader { get; init; }

    /// <summary>The header echoing the page size.</summary>
    public required string LimitHeader { get; init; }
}
