namespace Specwright.Core.Http;

/// <summary>
/// A response body read as it arrives (a file download, any binary or non-JSON media type): never buffered whole.
/// Dispose it to close the connection; until then <see cref="Stream"/> reads from the network.
/// </summary>
public sealed class StreamedContent : IDisposable, IAsyncDisposable
{
    private readonly HttpResponseMessage _response;

    internal StreamedContent(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        Stream = stream;
        var headers = response.Content.Headers;
        ContentType = headers.ContentType?.ToString();
        ContentLength = headers.ContentLength;
        FileName = (headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName)?.Trim('"');
    }

    /// <summary>The body, read from the network as the caller reads it.</summary>
    public Stream Stream { get; }

    /// <summary>The <c>Content-Type</c> the server sent, if any.</summary>
    public string? ContentType { get; }

    /// <summary>The <c>Content-Length</c> the server sent, if any.</summary>
    public long? ContentLength { get; }

    /// <summary>The file name from <c>Content-Disposition</c>, if any.</summary>
    public string? FileName { get; }

    /// <summary>Copies the body to <paramref name="destination"/> in chunks.</summary>
    public Task CopyToAsync(Stream destination, CancellationToken cancellationToken = default) => Stream.CopyToAsync(destination, cancellationToken);

    public void Dispose()
    {
        Stream.Dispose();
        _response.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
    }

    public override string ToString() => $"StreamedContent({ContentType ?? "no content type"}, {ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} bytes{(FileName is null ? "" : ", " + FileName)})";
}
