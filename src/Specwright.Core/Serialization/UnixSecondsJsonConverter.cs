using System.Text.Json;
using System.Text.Json.Serialization;

namespace Specwright.Core.Serialization;

/// <summary>
/// A timestamp sent as whole seconds since 1970-01-01 UTC (the spec's <c>format: unix-time</c>), surfaced
/// as a <see cref="DateTimeOffset"/> in UTC. A fractional number is accepted (rounded down to the millisecond).
/// </summary>
public sealed class UnixSecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
            throw new JsonException($"Expected a Unix timestamp (seconds) as a number, found {reader.TokenType}.");
        try
        {
            return reader.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(reader.GetDouble() * 1000));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new JsonException("The Unix timestamp is out of range.", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeSeconds());
}
