using System.ComponentModel;
using System.Text.Json;
using Specwright.Core.Serialization;

namespace Specwright.Core.Internal;

/// <summary>
/// Reads a polymorphic object's discriminator value ahead of the object, so a generated converter can keep a value the SDK knows
/// no type for (System.Text.Json's polymorphism reads it as the base type and drops the value).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // for generated code; not part of the API a caller uses
public static class Discriminator
{
    /// <summary>
    /// The string value of the top-level property <paramref name="propertyName"/> of the object at <paramref name="reader"/> (a copy:
    /// the caller's reader does not move); null when the value is not an object or has no such string property.
    /// </summary>
    public static string? Peek(Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(propertyName);
            if (!reader.Read()) return null;
            if (match) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip()) return null;
        }
        return null;
    }
}
