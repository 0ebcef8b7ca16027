namespace Specwright.Benchmarks.Overhead;

/// <summary>Before timing anything: every contender must read the same values from the example envelopes.</summary>
public static class ContenderCheck
{
    public static async Task RunAsync()
    {
        using var c = new Contenders();
        var floor = (await c.FloorScrapeAsync()).Html;
        Same("scrape html", floor, (await c.SpecwrightScrapeAsync()).Html, (await c.NSwagScrapeAsync()).Html, (await c.KiotaScrapeAsync())?.Html);

        var result = (await c.FloorSmartScraperAsync()).Result!.Value.GetProperty("products")[1].GetProperty("price").GetString();
        Same("smartscraper result.products[1].price", result,
            (await c.SpecwrightSmartScraperAsync()).Result!.Value.GetProperty("products")[1].GetProperty("price").GetString(),
            ((System.Text.Json.JsonElement)(await c.NSwagSmartScraperAsync()).Result).GetProperty("products")[1].GetProperty("price").GetString(),
            KiotaPrice(await c.KiotaSmartScraperAsync()));

        var items = (await c.FloorGetRunAsync()).Result!.Pages![0].Items!.Count;
        Same("get-run items on page 1", items.ToString(),
            (await c.SpecwrightGetRunAsync()).Result!.Pages![0].Items!.Count.ToString(),
            (await c.NSwagGetRunAsync()).Result.Pages.First().Items.Count.ToString(),
            (await c.KiotaGetRunAsync())?.Result?.Pages?[0].Items?.Count.ToString());

        // In process, the benchmarks share this process's JIT: let tiered compilation finish first, or the
        // first benchmark measures part of it (seen: a 1.1 µs standard deviation on the first category).
        Func<Task>[] all =
        [
            c.FloorScrapeAsync, c.SpecwrightScrapeAsync, c.NSwagScrapeAsync, c.KiotaScrapeAsync,
            c.FloorSmartScraperAsync, c.SpecwrightSmartScraperAsync, c.NSwagSmartScraperAsync, c.KiotaSmartScraperAsync,
            c.FloorGetRunAsync, c.SpecwrightGetRunAsync, c.NSwagGetRunAsync, c.KiotaGetRunAsync,
        ];
        foreach (var call in all)
            for (var i = 0; i < 20_000; i++) await call();
    }

    private static string? KiotaPrice(Kiota.KiotaSmartScraperData? data)
    {
        var products = (data?.Result as Microsoft.Kiota.Abstractions.Serialization.UntypedObject)?.GetValue()["products"];
        var second = (products as Microsoft.Kiota.Abstractions.Serialization.UntypedArray)?.GetValue().ElementAt(1);
        return ((second as Microsoft.Kiota.Abstractions.Serialization.UntypedObject)?.GetValue()["price"] as Microsoft.Kiota.Abstractions.Serialization.UntypedString)?.GetValue();
    }

    private static void Same(string what, string? expected, params string?[] others)
    {
        if (expected is null || others.Any(o => o != expected))
            throw new InvalidOperationException($"contenders disagree on {what}: floor '{expected}', others '{string.Join("', '", others)}'");
        Console.WriteLine($"check: all four read {what} = {expected}");
    }
}
