namespace Specwright.Generator.Model;

/// <summary>Media types as the generator, the sandbox and spec-check read them.</summary>
public static class MediaTypes
{
    /// <summary><c>application/json</c> and its kin (<c>application/problem+json</c>, <c>application/json; charset=utf-8</c>).</summary>
    public static bool IsJson(string mediaType)
    {
        var type = Essence(mediaType);
        return type is "application/json" or "*/*" || type.EndsWith("+json", StringComparison.Ordinal) || type == "text/json";
    }

    /// <summary>JSON Lines: one JSON value per line (<c>application/x-ndjson</c>, <c>application/jsonl</c> and their other spellings).</summary>
    public static bool IsJsonLines(string mediaType) =>
        Essence(mediaType) is "application/x-ndjson" or "application/ndjson" or "application/jsonl" or "application/x-jsonl" or "application/jsonlines"
            or "application/x-jsonlines";

    /// <summary><c>text/event-stream</c>: server-sent events.</summary>
    public static bool IsEventStream(string mediaType) => Essence(mediaType) == "text/event-stream";

    /// <summary>The type and subtype, lower case, without parameters (<c>Text/Plain; charset=utf-8</c> -> <c>text/plain</c>).</summary>
    public static string Essence(string mediaType) => mediaType.Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>A declared media type covers a sent one: the same essence, <c>*/*</c>, or <c>image/*</c> for <c>image/png</c>.</summary>
    public static bool Covers(string declared, string sent)
    {
        declared = Essence(declared);
        sent = Essence(sent);
        return declared == sent || declared == "*/*" || (declared.EndsWith("/*", StringComparison.Ordinal) && sent.StartsWith(declared[..^1], StringComparison.Ordinal));
    }
}
