using System.Text;
using Microsoft.AspNetCore.Http;

namespace Specwright.Sandbox.Hosting;

/// <summary>Writes a reply, whole or cut off mid-body (the <c>truncate</c> fault). Shared by every service's gateway.</summary>
internal static class ReplyWriter
{
    /// <summary>A proxy's HTML error page, what the <c>html</c> fault answers instead of the API.</summary>
    public static Reply ProxyHtmlPage(int status)
    {
        var title = $"{status} {Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)}";
        return new(status, Encoding.UTF8.GetBytes(
            $"<html><head><title>{title}</title></head><body><center><h1>{title}</h1></center><hr><center>nginx</center></body></html>"), null, "text/html");
    }

    public static async Task WriteAsync(HttpContext http, Reply reply, bool truncate)
    {
        var response = http.Response;
        response.StatusCode = reply.Status;
        if (reply.ContentType.Length > 0) response.ContentType = reply.ContentType;
        if (reply.RetryAfter is { } wait)
            response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in reply.Headers) response.Headers.Append(name, value);
        response.ContentLength = reply.Body.Length;
        if (!truncate)
        {
            await response.Body.WriteAsync(reply.Body, http.RequestAborted);
            return;
        }
        // A response cut off mid-body: the headers promise the whole length, half arrives, the connection closes.
        // The request ends with bytes missing, so Kestrel sends what was written and then closes the connection
        // gracefully (it cannot be kept alive). An abort here would race the socket and usually reset it before
        // the status line left, so the client saw a dropped connection instead of a cut-off 200.
        await response.Body.WriteAsync(reply.Body.AsMemory(0, reply.Body.Length / 2), http.RequestAborted);
        await response.Body.FlushAsync(http.RequestAborted);
    }
}
