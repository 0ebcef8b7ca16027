using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Specwright.Core.Errors;

namespace Specwright.Core.Http;

/// <summary>
/// A JSON Lines answer (<c>application/x-ndjson</c>, <c>application/jsonl</c>), read as it arrives: each line's JSON value as a
/// <typeparamref name="T"/>, never the whole body at once. An error status was thrown before this was returned; read it once with
/// <c>await foreach</c> (cancellable with <c>WithCancellation</c>); the connection closes when the reading ends, or on dispose.
/// </summary>
public sealed class JsonLinesStream<T> : IAsyncEnumerable<T>, IDisposable, IAsyncDisposable
{
    private readonly StreamedContent _content;
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly string _operationId;
    private readonly int _statusCode;
    private int _read;

    internal JsonLinesStream(StreamedContent content, JsonTypeInfo<T> typeInfo, string operationId, int statusCode)
    {
        _content = content;
        _typeInfo = typeInfo;
        _operationId = operationId;
        _statusCode = statusCode;
    }

    /// <summary>The <c>Content-Type</c> the server sent.</summary>
    public string? ContentType => _content.ContentType;

    /// <exception cref="InvalidOperationException">The stream is read a second time (the lines are not kept).</exception>
    /// <exception cref="ResponseFormatException">A line is not the documented JSON.</exception>
    /// <exception cref="TransportException">The connection was cut off mid-stream.</exception>
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _read, 1) == 1)
            throw new InvalidOperationException($"{_operationId}: a JSON Lines answer is read once; its lines are not kept.");
        // One line at a time, so a bad line fails after the good ones before it were given, and nothing more is held.
        await using (_content.ConfigureAwait(false))
        using (var reader = new StreamReader(_content.Stream, System.Text.Encoding.UTF8))
        {
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    throw new TransportException($"the JSON Lines answer was cut off ({e.Message})", _operationId, e);
                }
                if (line is null) yield break;
                if (string.IsNullOrWhiteSpace(line)) continue;
                T value;
                try
                {
                    value = JsonSerializer.Deserialize(line, _typeInfo)!;
                }
                catch (JsonException e)
                {
                    throw new ResponseFormatException(_operationId, _statusCode, null, e);
                }
                yield return value;
            }
        }
    }

    public void Dispose() => _content.Dispose();

    public ValueTask DisposeAsync() => _content.DisposeAsync();

    public override string ToString() => $"JsonLinesStream<{typeof(T).Name}>({ContentType ?? "no content type"})";
}
