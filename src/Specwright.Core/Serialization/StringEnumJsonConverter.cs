using System.Text.Json;
using System.Text.Json.Serialization;

namespace Specwright.Core.Serialization;

/// <summary>Reads and writes an <see cref="IStringEnum{TSelf}"/> as its JSON string; unknown values are kept.</summary>
public sealed class StringEnumJsonConverter<T> : JsonConverter<T> where T : struct, IStringEnum<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"Expected a string for {typeof(T).Name}, found {reader.TokenType}.");
        return T.FromValue(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
