using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Specwright.Core.Serialization;

/// <summary>
/// Reads the elements of arrays deep inside a JSON document one at a time, from a stream, without
/// holding the document: for results too big to materialise (a SmartBrowse run's items). Memory is the
/// read buffer plus one element. Scalars the caller watches (e.g. a status) are reported as they pass.
/// </summary>
public sealed class JsonItemStream<T>
{
    private const int InitialBuffer = 16 * 1024;
    private readonly string[] _itemsPath;
    private readonly JsonTypeInfo<T> _type;
    private readonly Dictionary<string, Action<string?>> _watches = new(StringComparer.Ordinal);
    private Action? _atEnd;

    /// <param name="itemsPath">Property names from the root to the array, <c>*</c> for "every element of this array", e.g. <c>data.result.pages.*.items</c>.</param>
    /// <param name="type">How to read one element.</param>
    public JsonItemStream(string itemsPath, JsonTypeInfo<T> type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemsPath);
        _itemsPath = itemsPath.Split('.');
        _type = type ?? throw new ArgumentNullException(nameof(type));
    }

    /// <summary>Calls <paramref name="onValue"/> with the string (or number, or literal) at a dotted path of the document, when read.</summary>
    public JsonItemStream<T> Watch(string path, Action<string?> onValue)
    {
        _watches[path] = onValue;
        return this;
    }

    /// <summary>Calls <paramref name="check"/> once the whole document has been read (e.g. to throw when a watched status says the items were not there).</summary>
    public JsonItemStream<T> AtEnd(Action check)
    {
        _atEnd = check;
        return this;
    }

    public async IAsyncEnumerable<T> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        var walk = new Walk(this);
        try
        {
            int start = 0, end = 0;
            var final = false;
            var state = new JsonReaderState();
            var items = new List<T>();
            while (true)
            {
                var consumed = walk.Advance(buffer.AsSpan(start, end - start), final, ref state, items);
                start += consumed;
                foreach (var item in items) yield return item;
                items.Clear();
                if (final) break;

                if (start > 0 && start == end) start = end = 0;
                else if (start > 0 && end == buffer.Length)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length) // one element is bigger than the buffer: grow it
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, start, bigger, 0, end - start);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                    end -= start;
                    start = 0;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0) final = true;
                end += read;
            }
            if (!walk.Done) throw new JsonException("the JSON document ended early");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        _atEnd?.Invoke();
    }

    /// <summary>Where the reader is in the document, kept across buffer refills (a Utf8JsonReader cannot live across awaits).</summary>
    private sealed class Walk(JsonItemStream<T> owner)
    {
        private readonly List<string> _containers = []; // the name of each open container: a property name, or * in an array
        private string? _property;
        private bool _started;

        public bool Done { get; private set; }

        /// <summary>Reads what the buffer holds, collecting complete elements; returns the bytes consumed.</summary>
        public int Advance(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, List<T> items)
        {
            var reader = new Utf8JsonReader(data, final, state);
            while (!Done)
            {
                if (InItemsArray() && PeekElementStart(ref reader, out var complete))
                {
                    if (!complete) break;
                    reader.Read(); // onto the element's first token, where the serializer starts
                    items.Add(JsonSerializer.Deserialize(ref reader, owner._type)!);
                    continue;
                }
                if (!reader.Read()) break;
                _started = true;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        _property = reader.GetString();
                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        _containers.Add(NameOfValue());
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        _containers.RemoveAt(_containers.Count - 1);
                        break;
                    default:
                        if (owner._watches.Count > 0 && owner._watches.TryGetValue(PathOf(NameOfValue()), out var watch))
                            watch(reader.TokenType == JsonTokenType.String ? reader.GetString() : System.Text.Encoding.UTF8.GetString(reader.ValueSpan));
                        break;
                }
                _property = null;
                if (_containers.Count == 0) Done = _started;
            }
            state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        private string NameOfValue() => _property ?? (_containers.Count > 0 ? "*" : "");

        private string PathOf(string name) => _containers.Count <= 1 ? name : string.Join('.', _containers.Skip(1).Append(name));

        // The open containers (below the root) are exactly the items path, and the innermost is an array.
        private bool InItemsArray()
        {
            var path = owner._itemsPath;
            if (_containers.Count != path.Length + 1 || _property is not null) return false;
            for (var i = 0; i < path.Length; i++)
                if (!string.Equals(_containers[i + 1], path[i], StringComparison.Ordinal)) return false;
            return true;
        }

        // Positions the reader on the next element of the items array, if one starts here; tells whether all of it is buffered.
        private static bool PeekElementStart(ref Utf8JsonReader reader, out bool complete)
        {
            var probe = reader;
            complete = false;
            if (!probe.Read()) return true; // more data needed before anything can be said
            if (probe.TokenType == JsonTokenType.EndArray) return false;
            var element = probe;
            if (!element.TrySkip()) return true;
            complete = true;
            return true;
        }
    }
}
