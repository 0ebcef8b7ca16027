using Specwright.Core.Http;
using Specwright.Core.Paging;
using Specwright.Core.Internal;

namespace Specwright.Core.Tests;

/// <summary>Header cursors (RFC 8288 <c>Link</c> + <c>Has-More</c>), read into pages and walked by AsyncPageable.</summary>
public sealed class CursorPagerTests
{
    private static readonly CursorPagination Rules = new()
    {
        CursorParameter = "after", CursorField = "id", LimitParameter = "limit",
        HasMoreHeader = "Has-More", NextLinkHeader = "Link", LimitHeader = "Limit",
    };

    private static ApiResponse<IList<Thing>> Response(string[] ids, string? hasMore = null, string? link = null, string? limit = null)
    {
        var message = new HttpResponseMessage();
        if (hasMore is not null) message.Headers.TryAddWithoutValidation("Has-More", hasMore);
        if (link is not null) message.Headers.TryAddWithoutValidation("Link", link);
        if (limit is not null) message.Headers.TryAddWithoutValidation("Limit", limit);
        return new ApiResponse<IList<Thing>>(200, message.Headers, ids.Select(i => new Thing(i)).ToList());
    }

    private static Page<Thing> ToPage(ApiResponse<IList<Thing>> response) => CursorPager.ToPage(response, Rules, t => t.Id, "listThings");

    [Fact]
    public void The_cursor_is_the_after_of_the_next_link_among_several_entries()
    {
        var page = ToPage(Response(["t1", "t2"], "true",
            "<https://api.test.example/things?first=1>; rel=\"first\", <https://api.test.example/things?limit=2&after=t9>; rel=\"next\"", "2"));

        Assert.Equal((2, true, "t9", 2), (page.Count, page.HasMore, page.NextCursor, page.Limit));
        Assert.Equal(new Uri("https://api.test.example/things?limit=2&after=t9"), page.NextLink);
    }

    [Fact]
    public void Without_a_link_the_cursor_is_the_last_items_cursor_field()
    {
        var page = ToPage(Response(["t9", "t8"], "true"));

        Assert.True(page.HasMore);
        Assert.Equal("t8", page.NextCursor);
        Assert.Null(page.NextLink);
    }

    [Fact]
    public void Without_Has_More_a_next_link_means_more_follow_and_its_absence_means_the_end()
    {
        Assert.True(ToPage(Response(["t1"], link: "</things?after=t1>; rel=\"next\"")).HasMore);
        var last = ToPage(Response(["t1"]));
        Assert.False(last.HasMore);
        Assert.Null(last.NextCursor);
    }

    [Fact]
    public void A_Has_More_header_that_is_not_a_boolean_is_named()
    {
        var e = Assert.Throws<PaginationException>(() => ToPage(Response(["t1"], "yes")));

        Assert.Contains("listThings", e.Message);
        Assert.Contains("Has-More header is 'yes'", e.Message);
    }

    [Fact]
    public async Task Walked_by_AsyncPageable_the_header_cursor_reaches_every_page_and_a_repeated_one_stops_the_walk()
    {
        var answers = new Dictionary<string, ApiResponse<IList<Thing>>>
        {
            [""] = Response(["t1", "t2"], "true", "</things?after=t2>; rel=\"next\""),
            ["t2"] = Response(["t3"], "true", "</things?after=t2>; rel=\"next\""), // the server repeats its cursor
        };
        var asked = new List<string?>();
        var pageable = new AsyncPageable<Thing>("listThings", (cursor, _, _) =>
        {
            asked.Add(cursor);
            return Task.FromResult(ToPage(answers[cursor ?? ""]));
        });
        var seen = new List<string>();

        var e = await Assert.ThrowsAsync<PaginationException>(async () => { await foreach (var t in pageable) seen.Add(t.Id); });

        Assert.Equal(["t1", "t2", "t3"], seen);
        Assert.Equal([null, "t2"], asked);
        Assert.Contains("repeats 't2'", e.Message);
    }
}
