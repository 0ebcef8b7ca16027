using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Specwright.Ittybit;
using Specwright.Sandbox.Hosting;

namespace Specwright.Sandbox.Ittybit;

/// <summary>Ittybit bodies, written with the SDK's own source-generated JSON (Unix-second timestamps included).</summary>
internal static class Json
{
    public static byte[] Bytes<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    public static JsonElement Element<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToElement(value, type);

    public static Reply Reply<T>(int status, T value, JsonTypeInfo<T> type) => new(status, Bytes(value, type));

    /// <summary>A task input as the sandbox shows it: <c>{"url": "..."}</c>.</summary>
    public static JsonElement Url(string url)
    {
        using var doc = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["url"] = url }, PrimitiveJson.Default.DictionaryStringString));
        return doc.RootElement.Clone();
    }

    public static Reply Error(IttybitFailure e) =>
        new(e.Status, Bytes(new Error { Kind = new ErrorKind(e.Kind), Message = e.Message }, IttybitJsonContext.Default.Error), e.RetryAfter);
}
