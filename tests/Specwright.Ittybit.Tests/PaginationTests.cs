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
