using System.Text.Json;

namespace Specwright.Core.Serialization;

/// <summary>A model whose fields are open (the spec's <c>additionalProperties: true</c> with no or few named properties).</summary>
public interface IOpenObject
{
    IDictionary<string, object> AdditionalProperties { get; }
}

/// <summary>Sets fields of an open object as JSON values, so they serialize without reflection (trimming/AOT safe).</summary>
public static class OpenObjectExtensions
{
    public static T Set<T>(this T target, string name, string value) where T : IOpenObject => Put(target, name, w => w.WriteStringValue(value));
    public static T Set<T>(this T target, string name, long value) where T : IOpenObject => Put(target, name, w => w.WriteNumberValue(value));
    public static T Set<T>(this T target, string name, double value) where T : IOpenObject => Put(target, name, w => w.WriteNumberValue(value));
    public static T Set<T>(this T target, string name, bool value) where T : IOpenObject => Put(target, name, w => w.WriteBooleanValue(value));

    /// <summary>Sets a field to any JSON value (an object, an array, ...).</summary>
    public static T Set<T>(this T target, string name, JsonElement value) where T : IOpenObject
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(name);
        target.AdditionalProperties[name] = value.Clone();
        return target;
    }

    /// <summary>A field's value as JSON; null when absent.</summary>
    public static JsonElement? Get(this IOpenObject target, string name) =>
        target.AdditionalProperties.TryGetValue(name, out var v) ? v switch
        {
            JsonElement e => e,
            _ => null,
        } : null;

    private static T Put<T>(T target, string name, Action<Utf8JsonWriter> write) where T : IOpenObject
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return Set(target, name, doc.RootElement);
    }
}
