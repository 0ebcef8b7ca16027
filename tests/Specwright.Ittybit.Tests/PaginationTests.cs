using Specwright.Core.Paging;
using Specwright.TestSupport;

namespace Specwright.Ittybit.Tests;

public class PaginationTests
{
    private static Action<HttpResponseMessage> Headers(bool? hasMore, string? link = null, int? limit = 2) => r =>
    {
        if (hasMore is { } more) r.Headers.TryAddWithoutValidation("Has-More", more ? "true" : "false");
        if (link is not null) r.Headers.TryAddWithoutValidation("Link", link);
        if (limit is { } l) r.Headers.TryAddWithoutValidation("Limit", l.ToString());
    };

    [Fact]
    public async Task The_list_follows_the_next_link_across_pages_and_stops_when_Has_More_is_false()
    {
        var http = new FakeHttp()
            .ThenJson(200, Fake.Tasks("task_1", "task_2"), Headers(true, "<https://api.ittybit.com/tasks?status=succeeded&after=task_2&limit=2>; rel=\"next\""))
            .ThenJson(200, Fake.Tasks("task_3", "task_4"), Headers(true, "<https://api.ittybit.com/tasks?after=task_4&limit=2>; rel=\"next\""))
            .ThenJson(200, Fake.Tasks("task_5"), Headers(false));
        using var client = Fake.Client(http);

        var ids = await client.Tasks.ListAsync(new ListTasksOptions { Limit = 2, Status = Status.Succeeded }).Select(t => t.Id).ToListAsync();

        Assert.Equal(["task_1", "task_2", "task_3", "task_4", "task_5"], ids);
        Assert.Equal(["?limit=2&status=succeeded", "?limit=2&after=task_2&status=succeeded", "?limit=2&after=task_4&status=succeeded"],
            http.Requests.Select(r => r.Uri.Query));
    }

    [Fact]
    public async Task Without_a_link_the_cursor_is_the_last_items_id()
    {
        var http = new FakeHttp()
            .ThenJson(200, Fake.Tasks("task_9", "task_8"), Headers(true))
            .ThenJson(200, "[]", Headers(false));
        using var client = Fake.Client(http);

        Assert.Equal(2, await client.Tasks.ListAsync().CountAsync());
        Assert.Equal("?after=task_8", http.Requests[1].Uri.Query);
    }

    [Fact]
    public async Task The_page_form_says_whether_more_follow_and_where_to_go_on()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Tasks("task_1", "task_2"),
            Headers(true, "<https://api.ittybit.com/tasks?after=task_2>; rel=\"next\", <https://api.ittybit.com/tasks>; rel=\"first\"", limit: 2));
        using var client = Fake.Client(http);

        var page = await client.Tasks.ListAsync(new ListTasksOptions { Limit = 2 }).AsPages().FirstAsync();

        Assert.Equal((2, true, "task_2", 2), (page.Count, page.HasMore, page.NextCursor, page.Limit));
        Assert.Equal(new Uri("https://api.ittybit.com/tasks?after=task_2"), page.NextLink);
    }

    [Fact]
    public async Task Enumeration_is_lazy_and_cancellable()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Tasks("task_1", "task_2"), Headers(true));
        using var client = Fake.Client(http);
        using var cts = new CancellationTokenSource();

        var list = client.Tasks.ListAsync(cancellationToken: cts.Token);
        Assert.Empty(http.Requests);
        await foreach (var _ in list)
        {
            cts.Cancel();
            break;
        }
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task A_server_that_says_more_follow_without_a_new_cursor_is_an_error_not_a_loop()
    {
        var http = new FakeHttp()
            .ThenJson(200, Fake.Tasks("task_1"), Headers(true, "<https://api.ittybit.com/tasks?after=task_1>; rel=\"next\""))
            .ThenJson(200, Fake.Tasks("task_1"), Headers(true, "<https://api.ittybit.com/tasks?after=task_1>; rel=\"next\""));
        using var client = Fake.Client(http);

        var e = await Assert.ThrowsAsync<PaginationException>(() => client.Tasks.ListAsync().ToListAsync().AsTask());
        Assert.Contains("repeats 'task_1'", e.Message);
        Assert.Equal(2, http.Requests.Count);

        var empty = new FakeHttp().ThenJson(200, "[]", Headers(true));
        using var client2 = Fake.Client(empty);
        Assert.Contains("no cursor", (await Assert.ThrowsAsync<PaginationException>(() => client2.Runs.ListAsync().ToListAsync().AsTask())).Message);
    }

    [Fact]
    public async Task A_Has_More_header_that_is_not_a_boolean_is_named()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Tasks("task_1"), r => r.Headers.TryAddWithoutValidation("Has-More", "yes"));
        using var client = Fake.Client(http);

        var e = await Assert.ThrowsAsync<PaginationException>(() => client.Tasks.ListAsync().AsPages().FirstAsync().AsTask());
        Assert.Contains("Has-More header is 'yes'", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task A_limit_outside_1_to_100_is_refused_before_sending(int limit)
    {
        var http = new FakeHttp();
        using var client = Fake.Client(http);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => client.Events.ListAsync(new ListEventsOptions { Limit = limit }));
        Assert.Contains("'options.Limit' must be 1 to 100", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Runs.ListAsync(new ListRunsOptions { Limit = limit }));
        Assert.Empty(http.Requests);
    }
}
