using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Specwright.Benchmarks.Overhead;

/// <summary>Part 1: one call of each operation, end to end through each client, over the in-process example transport.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PerCallOverhead
{
    public const string Floor = "floor";
    private Contenders _c = null!;

    [GlobalSetup]
    public void Setup() => _c = new Contenders();

    [GlobalCleanup]
    public void Cleanup() => _c.Dispose();

    [Benchmark(Baseline = true, Description = Floor), BenchmarkCategory("scrape")]
    public Task<WebScrape.ScrapeData> ScrapeFloor() => _c.FloorScrapeAsync();

    [Benchmark(Description = "Specwright"), BenchmarkCategory("scrape")]
    public Task<WebScrape.ScrapeData> ScrapeSpecwright() => _c.SpecwrightScrapeAsync();

    [Benchmark(Description = "NSwag default"), BenchmarkCategory("scrape")]
    public Task<NSwagDefault.ScrapeData> ScrapeNSwag() => _c.NSwagScrapeAsync();

    [Benchmark(Description = "Kiota adapter"), BenchmarkCategory("scrape")]
    public Task<Kiota.KiotaScrapeData?> ScrapeKiota() => _c.KiotaScrapeAsync();

    [Benchmark(Baseline = true, Description = Floor), BenchmarkCategory("smartscraper")]
    public Task<WebScrape.SmartScraperData> SmartScraperFloor() => _c.FloorSmartScraperAsync();

    [Benchmark(Description = "Specwright"), BenchmarkCategory("smartscraper")]
    public Task<WebScrape.SmartScraperData> SmartScraperSpecwright() => _c.SpecwrightSmartScraperAsync();

    [Benchmark(Description = "NSwag default"), BenchmarkCategory("smartscraper")]
    public Task<NSwagDefault.SmartScraperData> SmartScraperNSwag() => _c.NSwagSmartScraperAsync();

    [Benchmark(Description = "Kiota adapter"), BenchmarkCategory("smartscraper")]
    public Task<Kiota.KiotaSmartScraperData?> SmartScraperKiota() => _c.KiotaSmartScraperAsync();

    [Benchmark(Baseline = true, Description = Floor), BenchmarkCategory("get-run")]
    public Task<WebScrape.SmartBrowseRun> GetRunFloor() => _c.FloorGetRunAsync();

    [Benchmark(Description = "Specwright"), BenchmarkCategory("get-run")]
    public Task<WebScrape.SmartBrowseRun> GetRunSpecwright() => _c.SpecwrightGetRunAsync();

    [Benchmark(Description = "NSwag default"), BenchmarkCategory("get-run")]
    public Task<NSwagDefault.SmartBrowseRun> GetRunNSwag() => _c.NSwagGetRunAsync();

    [Benchmark(Description = "Kiota adapter"), BenchmarkCategory("get-run")]
    public Task<Kiota.KiotaRun?> GetRunKiota() => _c.KiotaGetRunAsync();
}
