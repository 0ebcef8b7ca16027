using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Specwright.Core.Webhooks;

namespace Specwright.Webhooks.AspNetCore;

/// <summary>Maps a webhook receiver for any Specwright service (pass the service's parser).</summary>
public static class WebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// <c>POST pattern</c>: reads the body, parses it with <paramref name="parser"/> (400 naming the problem
    /// when it is not the documented payload), skips a delivery already taken (200), and runs
    /// <paramref name="handler"/>. The answer is 200 once the handler finishes, or when
    /// <see cref="WebhookEndpointOptions.AnswerWithin"/> passes, whichever is first (the handler then goes on
    /// in the background). A handler that throws in time gets a 500 and its claim released, so the sender's
    /// retry is handled again. The handler's token is cancelled when the application stops.
    /// </summary>
    public static IEndpointConventionBuilder MapSpecwrightWebhook<TEvent>(this IEndpointRouteBuilder endpoints, string pattern,
        IWebhookParser<TEvent> parser, Func<TEvent, CancellationToken, Task> handler, WebhookEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new WebhookEndpointOptions();
        var receiver = new WebhookReceiver<TEvent>(parser, handler, options,
            options.ClaimStore ?? options.Deduplicator ?? new WebhookDeduplicator(options.Retention, time: options.TimeProvider),
            endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("Specwright.Webhooks") ?? NullLogger.Instance,
            endpoints.ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None);
        return endpoints.MapPost(pattern, (RequestDelegate)receiver.ReceiveAsync);
    }
}
