using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Specwright.Core.Errors;

namespace Specwright.Core.Http;

/// <summary>
/// A <c>text/event-stream</c> answer, read as it arrives: each event's <c>data</c> as a <typeparamref name="T"/>, with its
/// event type and id (<see cref="SseItem{T}"/>); a <c>string</c> event is its data as sent. An error status was thrown before this was returned; read it once with
/// <c>await foreach</c> (cancellable with <c>WithCancellation</c>); the connection closes when the reading ends, or on dispose. A
/// <c>data: [DONE]</c> event (the end marker many streaming APIs send) ends the stream.
/// </summary>
public sealed class ServerSentEventStream<T> : IAsyncEnumerable<SseItem<T>>, IDisposable, IAsyncDisposable
{
    private readonly StreamedContent _content;
    private readonly JsonTypeInfo<T>? _typeInfo; // null for string events: the data as sent, not JSON
    private readonly string _operationId;
    private readonly int _statusCode;
    private int _read;

    internal ServerSentEventStream(StreamedContent content, JsonTypeInfo<T>? typeInfo, string operationId, int statusCode)
    {
        _content = content;
        _typeInfo = typeInfo;
        _operationId = operationId;
        _statusCode = statusCode;
    }

    /// <summary>The <c>Content-Type</c> the server sent.</summary>
    public string? ContentType => _content.ContentType;

    /// <exception cref="InvalidOperationException">The stream is read a second time (the events are not kept).</exception>
    /// <exception cref="ResponseFormatException">An event's data is not the documented JSON.</exception>
    /// <exception cref="TransportException">The connection was cut off mid-stream.</exception>
    public async IAsyncEnumerator<SseItem<T>> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _read, 1) == 1)
            throw new InvalidOperationException($"{_operationId}: an event stream is read once; its events are not kept.");
        var parser = SseParser.Create(_content.Stream, (_, data) => Parse(data));
        // Read once: when the reading ends (the last event, [DONE], an error, a break), the connection goes back.
        await using (_content.ConfigureAwait(false))
        await using (var events = Events(parser, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false)) yield break;
                }
                catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    throw new TransportException($"the event stream was cut off ({e.Message})", _operationId, e);
                }
                yield return events.Current;
            }
        }
    }

    private async IAsyncEnumerable<SseItem<T>> Events(SseParser<T> parser, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_done) yield break;
            yield return item;
        }
    }

    private bool _done;

    private T Parse(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            _done = true;
            return default!;
        }
        if (_typeInfo is null) return (T)(object)System.Text.Encoding.UTF8.GetString(data);
        try
        {
            return JsonSerializer.Deserialize(data, _typeInfo)!;
        }
        catch (JsonException e)
        {
            throw new ResponseFormatException(_operationId, _statusCode, null, e);
        }
    }

    public void Dispose() => _content.Dispose();

    public ValueTask DisposeAsync() => _content.DisposeAsync();

    public override string ToString() => $"ServerSentEventStream<{typeof(T).Name}>({ContentType ?? "no content type"})";
}
