using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Serialization.Json;
using Specwright.Benchmarks.Overhead.Kiota;
using Specwright.WebScrape;
using NSwag = Specwright.Benchmarks.NSwagDefault;

namespace Specwright.Benchmarks.Overhead;

/// <summary>The same three calls made four ways, each over its own client and an <see cref="ExampleTransport"/>.</summary>
public sealed class Contenders : IDisposable
{
    public const string BaseUrl = "https://api.webscrape.ai/v1/";
    public const string ApiKey = "wsg_live_benchmark00000000000000000000000";
    public const string RunId = "k7Xb9dRmQ2p";
    private static readonly Uri Page = new("https://example.com");
    private const string Prompt = "Extract every product name and price";

    private readonly HttpClient _floorHttp;
    private readonly WebScrapeClient _specwright;
    private readonly NSwag.Client _nswag;
    private readonly HttpClientRequestAdapter _kiota;

    public Contenders()
    {
        _floorHttp = new HttpClient(new ExampleTransport()) { BaseAddress = new Uri(BaseUrl) };
        _floorHttp.DefaultRequestHeaders.Add("X-API-Key", ApiKey);

        // As `new WebScrapeClient(options)` runs (its own pipeline), with the socket handler replaced.
        _specwright = new WebScrapeClient(new ExampleTransport(), new WebScrapeClientOptions { ApiKey = ApiKey, BaseUrl = new Uri(BaseUrl) });

        var nswagHttp = new HttpClient(new ExampleTransport());
        nswagHttp.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
        _nswag = new NSwag.Client(nswagHttp) { BaseUrl = BaseUrl.TrimEnd('/') };

        // What a Kiota-generated client sets up: Kiota's default middleware, API key provider, JSON (de)serializers.
        _kiota = new HttpClientRequestAdapter(
            new ApiKeyAuthenticationProvider(ApiKey, "X-API-Key", ApiKeyAuthenticationProvider.KeyLocation.Header, "api.webscrape.ai"),
            new JsonParseNodeFactory(), new JsonSerializationWriterFactory(),
            KiotaClientFactory.Create(new ExampleTransport())) { BaseUrl = BaseUrl.TrimEnd('/') };
    }

    // The floor: what a careful caller writes by hand with HttpClient and the SDK's own source-generated metadata.
    public async Task<ScrapeData> FloorScrapeAsync()
    {
        var body = new ScrapeRequest { WebsiteUrl = Page, Clean = true, ExtractLinks = true };
        using var response = await _floorHttp.PostAsync("scrape", JsonContent.Create(body, WebScrapeJsonContext.Default.ScrapeRequest)).ConfigureAwait(false);
        return (await ReadFloorAsync(response, WebScrapeJsonContext.Default.ScrapeEnvelope).ConfigureAwait(false)).Data;
    }

    public async Task<SmartScraperData> FloorSmartScraperAsync()
    {
        var body = new SmartScraperRequest { WebsiteUrl = Page, UserPrompt = Prompt };
        using var response = await _floorHttp.PostAsync("smartscraper", JsonContent.Create(body, WebScrapeJsonContext.Default.SmartScraperRequest)).ConfigureAwait(false);
        return (await ReadFloorAsync(response, WebScrapeJsonContext.Default.SmartScraperEnvelope).ConfigureAwait(false)).Data;
    }

    public async Task<SmartBrowseRun> FloorGetRunAsync()
    {
        using var response = await _floorHttp.GetAsync("smartbrowse/runs/" + RunId, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        return (await ReadFloorAsync(response, WebScrapeJsonContext.Default.SmartBrowseRunEnvelope).ConfigureAwait(false)).Data;
    }

    private static async Task<T> ReadFloorAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(stream, type).ConfigureAwait(false) ?? throw new JsonException("null body");
    }

    public async Task<ScrapeData> SpecwrightScrapeAsync() =>
        (await _specwright.ScrapeAsync(new ScrapeRequest { WebsiteUrl = Page, Clean = true, ExtractLinks = true }).ConfigureAwait(false)).Value;

    public async Task<SmartScraperData> SpecwrightSmartScraperAsync() =>
        (await _specwright.SmartScraperAsync(new SmartScraperRequest { WebsiteUrl = Page, UserPrompt = Prompt }).ConfigureAwait(false)).Value;

    public async Task<SmartBrowseRun> SpecwrightGetRunAsync() =>
        (await _specwright.SmartBrowse.GetRunAsync(RunId).ConfigureAwait(false)).Value;

    public async Task<NSwag.ScrapeData> NSwagScrapeAsync() =>
        (await _nswag.ScrapeAsync(new NSwag.ScrapeRequest { Website_url = Page, Clean = true, Extract_links = true }).ConfigureAwait(false)).Data;

    public async Task<NSwag.SmartScraperData> NSwagSmartScraperAsync() =>
        (await _nswag.SmartscraperAsync(new NSwag.SmartScraperRequest { Website_url = Page, User_prompt = Prompt }).ConfigureAwait(false)).Data;

    public async Task<NSwag.SmartBrowseRun> NSwagGetRunAsync() =>
        (await _nswag.GetSmartBrowseRunAsync(RunId).ConfigureAwait(false)).Data;

    public async Task<KiotaScrapeData?> KiotaScrapeAsync()
    {
        var request = KiotaRequest(Method.POST, "{+baseurl}/scrape");
        request.SetContentFromParsable(_kiota, "application/json", new KiotaScrapeRequest { WebsiteUrl = Page.OriginalString, Clean = true, ExtractLinks = true });
        return (await _kiota.SendAsync(request, KiotaScrapeEnvelope.CreateFromDiscriminatorValue).ConfigureAwait(false))?.Data;
    }

    public async Task<KiotaSmartScraperData?> KiotaSmartScraperAsync()
    {
        var request = KiotaRequest(Method.POST, "{+baseurl}/smartscraper");
        request.SetContentFromParsable(_kiota, "application/json", new KiotaSmartScraperRequest { WebsiteUrl = Page.OriginalString, UserPrompt = Prompt });
        return (await _kiota.SendAsync(request, KiotaSmartScraperEnvelope.CreateFromDiscriminatorValue).ConfigureAwait(false))?.Data;
    }

    public async Task<KiotaRun?> KiotaGetRunAsync()
    {
        var request = KiotaRequest(Method.GET, "{+baseurl}/smartbrowse/runs/{id}");
        request.PathParameters["id"] = RunId;
        return (await _kiota.SendAsync(request, KiotaRunEnvelope.CreateFromDiscriminatorValue).ConfigureAwait(false))?.Data;
    }

    // As a generated request builder does: URL template, path parameters, Accept header.
    private RequestInformation KiotaRequest(Method method, string template)
    {
        var request = new RequestInformation { HttpMethod = method, UrlTemplate = template };
        request.PathParameters["baseurl"] = _kiota.BaseUrl!;
        request.Headers.TryAdd("Accept", "application/json");
        return request;
    }

    public void Dispose()
    {
        _floorHttp.Dispose();
        _specwright.Dispose();
        _kiota.Dispose();
    }
}
