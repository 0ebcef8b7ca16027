using Specwright.Core.Paging;

namespace Specwright.Core.Tests;

public sealed class AsyncPageableTests
{
    private sealed record Call(string? Cursor, int? Size);

    /// <summary>Three pages: a, b | c, d | e, each page's cursor the last item.</summary>
    private static (AsyncPageable<string> Pageable, List<Call> Calls) Letters()
    {
        var calls = new List<Call>();
        var pages = new Dictionary<string, (string[] Items, string? Next)>
        {
            [""] = (["a", "b"], "b"),
            ["b"] = (["c", "d"], "d"),
            ["d"] = (["e"], null),
        };
        return (new AsyncPageable<string>("listLetters", (cursor, size, _) =>
        {
            calls.Add(new Call(cursor, size));
            var (items, next) = pages[cursor ?? ""];
            return Task.FromResult(new Page<string>(items, next is not null, next, size, null));
        }), calls);
    }

    [Fact]
    public async Task Enumerating_yields_every_item_and_fetches_each_page_once_in_order()
    {
        var (pageable, calls) = Letters();
        var items = new List<string>();
        await foreach (var item in pageable) items.Add(item);

        Assert.Equal(["a", "b", "c", "d", "e"], items);
        Assert.Equal([new Call(null, null), new Call("b", null), new Call("d", null)], calls);
    }

    [Fact]
    public async Task Pages_resume_from_a_continuation_token_with_the_size_asked_for()
    {
        var (pageable, calls) = Letters();
        var pages = new List<Page<string>>();
        await foreach (var page in pageable.AsPages("b", pageSizeHint: 2)) pages.Add(page);

        Assert.Equal([["c", "d"], ["e"]], pages.Select(p => p.Items.ToArray()));
        Assert.Equal("d", pages[0].NextCursor);
        Assert.False(pages[1].HasMore);
        Assert.Equal([new Call("b", 2), new Call("d", 2)], calls);
    }

    [Fact]
    public async Task Pages_are_fetched_only_as_the_caller_enumerates()
    {
        var (pageable, calls) = Letters();
        await foreach (var item in pageable)
            if (item == "b") break;

        Assert.Single(calls);
    }

    [Fact]
    public async Task A_server_that_repeats_its_cursor_ends_the_walk_with_an_error_instead_of_a_loop()
    {
        var calls = 0;
        var pageable = new AsyncPageable<int>("listLoop", (_, _, _) =>
        {
            calls++;
            return Task.FromResult(new Page<int>([1], true, "same", null, null));
        });

        var e = await Assert.ThrowsAsync<PaginationException>(async () => { await foreach (var _ in pageable) { } });
        Assert.Contains("repeats 'same'", e.Message);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task More_pages_without_a_cursor_is_an_error_that_names_the_operation()
    {
        var pageable = new AsyncPageable<int>("listBroken", (_, _, _) => Task.FromResult(new Page<int>([1], true, null, null, null)));

        var e = await Assert.ThrowsAsync<PaginationException>(async () => { await foreach (var _ in pageable) { } });
        Assert.Contains("listBroken", e.Message);
        Assert.Contains("no cursor", e.Message);
    }

    [Fact]
    public async Task Cancellation_stops_the_walk_with_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        var (pageable, calls) = Letters();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in pageable.WithCancellation(cts.Token))
                if (item == "a") cts.Cancel();
        });
        Assert.Single(calls);
    }

    [Fact]
    public async Task The_enumerations_token_cancels_a_page_fetch_in_flight()
    {
        var fetching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pageable = new AsyncPageable<int>("listSlow", async (_, _, ct) =>
        {
            fetching.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var cts = new CancellationTokenSource();

        var walk = Task.Run(async () => { await foreach (var _ in pageable.WithCancellation(cts.Token)) { } });
        await fetching.Task;
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => walk);
    }

    [Fact]
    public async Task A_page_size_below_one_is_refused_naming_it()
    {
        var (pageable, _) = Letters();
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => { await foreach (var _ in pageable.AsPages(pageSizeHint: 0)) { } });
        Assert.Equal("pageSizeHint", e.ParamName);
    }
}
