using System.Collections.Concurrent;
using Specwright.Core.Errors;
using Specwright.Ittybit;
using Specwright.Webhooks.AspNetCore;
using Specwright.WebScrape;

// A minimal API: the webscrape.ai client from DI (its options from configuration: appsettings.json, or environment
// variables such as WebScrape__ApiKey and WebScrape__BaseUrl), and a receiver of Ittybit's webhook events.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddWebScrapeClient(builder.Configuration.GetSection("WebScrape"));
builder.Services.AddProblemDetails();
var app = builder.Build();

app.MapGet("/", () => "Specwright sample: GET /scrape?url=..., POST /hooks/ittybit, GET /hooks/received");

app.MapGet("/scrape", async (string url, WebScrapeClient client, CancellationToken ct) =>
{
    try
    {
        var page = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri(url, UriKind.RelativeOrAbsolute) }, ct);
        return Results.Ok(new ScrapeSummary(url, page.Value.Html?.Length ?? 0, page.CreditsRemaining, page.RequestId));
    }
    catch (ArgumentException e) // the SDK checks input before sending: the caller's mistake, not a server error
    {
        return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
    }
    catch (InsufficientCreditsException e)
    {
        return Results.Problem(e.ErrorMessage, statusCode: StatusCodes.Status402PaymentRequired);
    }
    catch (Specwright.WebScrape.RateLimitedException e) // Ittybit has its own RateLimitedException: name the service's
    {
        if (e.RetryAfter is { } wait) return Results.Problem(e.ErrorMessage, statusCode: StatusCodes.Status429TooManyRequests,
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = wait.TotalSeconds });
        return Results.Problem(e.ErrorMessage, statusCode: StatusCodes.Status429TooManyRequests);
    }
    catch (ApiException e)
    {
        return Results.Problem($"{e.ErrorCode}: {e.ErrorMessage} (request {e.RequestId})", statusCode: StatusCodes.Status502BadGateway);
    }
    catch (TransportException e)
    {
        return Results.Problem(e.Message, statusCode: StatusCodes.Status504GatewayTimeout);
    }
});

// Ittybit delivers events here (register the URL as a webhook endpoint); a redelivered event is answered 200 and not
// handled again.
var received = new ConcurrentQueue<ReceivedEvent>();
app.MapSpecwrightWebhook("/hooks/ittybit", IttybitWebhooks.Parser, (e, ct) =>
{
    received.Enqueue(new ReceivedEvent(e.Id, e.Kind.ToString(), e.Task?.Id ?? e.Run?.Id));
    return Task.CompletedTask;
});
app.MapGet("/hooks/received", () => received.ToArray());

app.Run();

internal sealed record ScrapeSummary(string Url, int HtmlLength, int? CreditsRemaining, string? RequestId);

internal sealed record ReceivedEvent(string Id, string Kind, string? Subject);
