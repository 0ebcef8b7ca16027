using Specwright.Ittybit;

namespace Specwright.Sandbox.Ittybit;

/// <summary>Output formats per task kind (the option tables the fact sheet cites); other kinds take no format.</summary>
internal static class Formats
{
    private static readonly Dictionary<string, string[]> ByKind = new(StringComparer.Ordinal)
    {
        ["video"] = ["mp4", "webm", "mov"],
        ["audio"] = ["mp3", "aac", "ogg", "opus", "wav", "flac"],
        ["image"] = ["jpeg", "png", "webp", "avif"],
        ["thumbnails"] = ["jpeg", "png", "webp", "avif"],
        ["adaptive_video"] = ["hls"],
    };

    /// <summary>Null when fine, else why not.</summary>
    public static string? Refuse(TaskKind kind, string format) =>
        ByKind.TryGetValue(kind.Value ?? "", out var allowed)
            ? allowed.Contains(format) ? null : $"Format '{format}' is not supported for {kind} tasks. Use {string.Join(", ", allowed)}."
            : $"{kind} tasks take no output format.";

    public static string DefaultFor(TaskKind kind) =>
        ByKind.TryGetValue(kind.Value ?? "", out var allowed) ? allowed[0] : kind == TaskKind.Speech || kind == TaskKind.Summary ? "json" : "mp4";
}
