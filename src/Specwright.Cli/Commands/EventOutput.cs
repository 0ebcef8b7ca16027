using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Specwright.Cli.Commands;

/// <summary>
/// An operation's server-sent events, printed as they arrive: each event's data on a line of its own (after its type when it has
/// one), or with <c>--json</c> one JSON document per event (<c>{"event", "id", "data"}</c>, the data as JSON when it is JSON). A
/// <c>[DONE]</c> event ends the stream, as the SDK's event streams end.
/// </summary>
internal static class EventOutput
{
    public static async Task PrintAsync(CliContext ctx, bool json, Stream stream, CancellationToken cancellationToken)
    {
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (item.Data == "[DONE]") break;
            ctx.Out.WriteLine(json ? Document(item) : item.EventType == SseParser.EventTypeDefault ? item.Data : $"{item.EventType}: {item.Data}");
            await ctx.Out.FlushAsync(cancellationToken);
        }
    }

    private static string Document(SseItem<string> item)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", item.EventType);
            if (item.EventId is { } id) writer.WriteString("id", id);
            writer.WritePropertyName("data");
            try
            {
                using var data = JsonDocument.Parse(item.Data);
                data.RootElement.WriteTo(writer);
            }
            catch (JsonException)
            {
                writer.WriteStringValue(item.Data);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
