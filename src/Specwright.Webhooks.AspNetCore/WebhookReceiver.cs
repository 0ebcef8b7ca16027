using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Specwright.Core.Webhooks;

namespace Specwright.Webhooks.AspNetCore;

/// <summary>One endpoint's receive step: read, parse, claim the delivery, run the handler within the answer deadline, then mark it handled.</summary>
internal sealed class WebhookReceiver<TEvent>(
    IWebhookParser<TEvent> parser,
    Func<TEvent, CancellationToken, Task> handler,
    WebhookEndpointOptions options,
    IWebhookClaimStore claims,
    ILogger logger,
    CancellationToken stopping)
{
    /// <summary>Decided once: the option as set, else from how long this service's sender waits.</summary>
    private readonly TimeSpan _answerWithin = options.AnswerWithinFor(parser.SenderTimeout);

    public async Task ReceiveAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            await AnswerAsync(http, StatusCodes.Status413PayloadTooLarge, $"The body is larger than {options.MaxBodyBytes} bytes.");
            return;
        }

        TEvent webhookEvent;
        string id;
        try
        {
            webhookEvent = parser.Parse(body);
            id = parser.DeliveryId(webhookEvent);
        }
        catch (WebhookFormatException e)
        {
            logger.LogWarning("Webhook refused: {Problem}", e.Message);
            await AnswerAsync(http, StatusCodes.Status400BadRequest, e.Message);
            return;
        }

        var taken = await claims.TryClaimAsync(id, options.ClaimLease, http.RequestAborted);
        if (taken.State == WebhookClaimState.Handled)
        {
            logger.LogDebug("Webhook {DeliveryId} already handled; skipped", id);
            await AnswerAsync(http, StatusCodes.Status200OK, "duplicate");
            return;
        }
        if (taken.Claim is not { } claim)
        {
            // Being handled right now (here or by another receiver): not a 200, so the sender delivers it again, in case that fails.
            logger.LogDebug("Webhook {DeliveryId} is being handled elsewhere; asked the sender to deliver it again later", id);
            http.Response.Headers.RetryAfter = "5";
            await AnswerAsync(http, StatusCodes.Status409Conflict, "being handled; deliver again later");
            return;
        }

        // The deadline's timer starts before the handler does: the time to answer counts from here, whatever the handler does first.
        using var deadline = new CancellationTokenSource();
        var answerBy = Task.Delay(_answerWithin, options.TimeProvider, deadline.Token);
        var work = Task.Run(async () =>
        {
            await handler(webhookEvent, stopping);
            await claims.CompleteAsync(claim, options.Retention, CancellationToken.None);
        }, CancellationToken.None);
        if (await Task.WhenAny(work, answerBy) == work)
        {
            deadline.Cancel();
            if (work.IsCompletedSuccessfully)
            {
                await AnswerAsync(http, StatusCodes.Status200OK, "handled");
                return;
            }
            await claims.ReleaseAsync(claim, CancellationToken.None);
            logger.LogError(work.Exception?.GetBaseException(), "Webhook {DeliveryId}: the handler failed; answered 500 so the sender retries", id);
            await AnswerAsync(http, StatusCodes.Status500InternalServerError, "the handler failed");
            return;
        }
        logger.LogInformation("Webhook {DeliveryId}: the handler is still running after {AnswerWithin}; answered 200, it goes on in the background", id, _answerWithin);
        _ = work.ContinueWith(t => logger.LogError(t.Exception?.GetBaseException(), "Webhook {DeliveryId}: the handler failed after the answer was sent", id),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        await AnswerAsync(http, StatusCodes.Status200OK, "accepted");
    }

    /// <summary>A short plain-text answer (senders only read the status).</summary>
    private static Task AnswerAsync(HttpContext http, int status, string text)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(text, http.RequestAborted);
    }

    /// <summary>The whole body, or null when it exceeds <paramref name="max"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
