using System.Net.Http.Headers;
using System.Text.Json;
using Specwright.Benchmarks.Overhead;
using Specwright.Sandbox;
using Specwright.Sandbox.WebScrape.SmartBrowse;
using Specwright.WebScrape;

namespace Specwright.Benchmarks.Scenarios;

/// <summary>One way of reading the big run: its cost (the median of the repeats) and the JSON's size.</summary>
public sealed record LargeResultOutcome(string Reader, int Items, long JsonBytes, MemoryCost Cost);

/// <summary>
/// Part 4: a SmartBrowse run of 25 pages x 2,000 items from the sandbox. Its JSON is fetched once; then
/// each reader gets the same bytes from memory, so only reading them is measured. The streamed reader's
/// caller looks at each item and lets it go, as a caller writing items to a file or a database would.
/// </summary>
public static class LargeResults
{
    public const int Pages = 25;
    public const int ItemsPerPage = 2_000;

    public static async Task<IReadOnlyList<LargeResultOutcome>> RunAsync(int repeats)
    {
        var json = await FetchRunJsonAsync();
        using var specwright = new WebScrapeClient(new HttpClient(new FixedBody(json)),
            new WebScrapeClientOptions { ApiKey = Contenders.ApiKey, BaseUrl = new Uri(Contenders.BaseUrl) });
        // Each reader returns what its caller would hold afterwards: the whole run, or (streamed) only a count.
        var readers = new (string Name, Func<Task<object>> Read)[]
        {
            ("raw System.Text.Json (bytes in memory, source-gen)", () =>
                Task.FromResult<object>(JsonSerializer.Deserialize(json, WebScrapeJsonContext.Default.SmartBrowseRunEnvelope)!.Data)),
            ("Specwright GetRunAsync (whole result)", async () => (await specwright.SmartBrowse.GetRunAsync("big")).Value),
            ("Specwright ReadRunItemsAsync (streamed)", async () =>
            {
                var n = 0;
                await foreach (var item in specwright.SmartBrowse.ReadRunItemsAsync("big"))
                    if (item.ValueKind == JsonValueKind.Object) n++;
                return n;
            }),
        };
        var outcomes = new List<LargeResultOutcome>();
        foreach (var (name, read) in readers)
        {
            var items = Count(await read()); // warm-up, and the check that every item was read
            if (items != Pages * ItemsPerPage) throw new InvalidOperationException($"{name} read {items} items, not {Pages * ItemsPerPage}");
            var costs = new List<MemoryCost>();
            for (var i = 0; i < repeats; i++) costs.Add(await PeakMemory.MeasureAsync(read));
            outcomes.Add(new LargeResultOutcome(name, items, json.Length, Median(costs)));
        }
        return outcomes;
    }

    private static int Count(object read) => read is SmartBrowseRun run ? run.Result!.Pages!.Sum(p => p.Items!.Count) : (int)read;

    private static MemoryCost Median(List<MemoryCost> costs)
    {
        T Mid<T>(Func<MemoryCost, T> f) => costs.Select(f).Order().ElementAt(costs.Count / 2);
        return new MemoryCost(Mid(c => c.Time), Mid(c => c.AllocatedBytes), Mid(c => c.PeakLiveBytes), Mid(c => c.RetainedBytes));
    }

    private static async Task<byte[]> FetchRunJsonAsync()
    {
        var options = SandboxOptions.Fast();
        await using var session = await SandboxSession.StartAsync(options, TimeProvider.System);
        session.Server.State.Recipes.Put(new Recipe { Id = "B1gRunX50k0", Pages = Pages, ItemsPerPage = ItemsPerPage, PageDuration = TimeSpan.FromMilliseconds(1) });
        var run = await session.Client.SmartBrowse.RunAndWaitAsync("B1gRunX50k0");
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-API-Key", SandboxOptions.DemoWebScrapeKey);
        return await http.GetByteArrayAsync($"{session.Server.WebScrapeBaseUrl.AbsoluteUri.TrimEnd('/')}/smartbrowse/runs/{run.Id}");
    }

    private sealed class FixedBody(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            });
    }
}
