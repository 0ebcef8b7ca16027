using System.Net;
using System.Net.Http.Headers;

namespace Specwright.Benchmarks.Overhead;

/// <summary>
/// The in-process transport every contender sends through: answers each path with its example envelope,
/// as a server would (status, content type, X-Request-ID), without sockets, after writing the request body
/// out as a socket handler would. Its cost is the same for all.
/// </summary>
public sealed class ExampleTransport : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly byte[] _scrape = EnvelopeExamples.Scrape;
    private readonly byte[] _smartScraper = EnvelopeExamples.SmartScraper;
    private readonly byte[] _getRun = EnvelopeExamples.GetRun;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A socket handler writes the body out; so does this one (else a lazily serialized body is never serialized).
        request.Content?.CopyTo(Stream.Null, null, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        var body = path.EndsWith("/scrape", StringComparison.Ordinal) ? _scrape
            : path.EndsWith("/smartscraper", StringComparison.Ordinal) ? _smartScraper
            : path.Contains("/smartbrowse/runs/", StringComparison.Ordinal) ? _getRun
            : null;
        var response = body is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) { Headers = { ContentType = Json } } };
        response.RequestMessage = request;
        response.Headers.TryAddWithoutValidation("X-Request-ID", "req_aB3xY9Kp");
        return Task.FromResult(response);
    }
}
