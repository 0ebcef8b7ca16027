using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Specwright.WebScrape;

public partial class SmartScraperData
{
    /// <summary>The result as your own type, with source-generated metadata (trimming/AOT safe).</summary>
    public T? GetResult<T>(JsonTypeInfo<T> typeInfo) =>
        Result is { ValueKind: not JsonValueKind.Null } r ? r.Deserialize(typeInfo) : default;

    /// <summary>The result as your own type, with reflection-based System.Text.Json.</summary>
    [RequiresUnreferencedCode("Reflection-based JSON; use GetResult(JsonTypeInfo<T>) when trimming.")]
    [RequiresDynamicCode("Reflection-based JSON; use GetResult(JsonTypeInfo<T>) with Native AOT.")]
    public T? GetResult<T>(JsonSerializerOptions? options = null) =>
        Result is { ValueKind: not JsonValueKind.Null } r ? r.Deserialize<T>(options ?? JsonSerializerOptions.Web) : default;

    /// <summary>The result of a <c>plain_text</c> request; null when the result is not a string.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ResultText => Result is { ValueKind: JsonValueKind.String } r ? r.GetString() : null;
}
