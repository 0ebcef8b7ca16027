using System.Text.Json;
using Specwright.Core.Http;

namespace Specwright.Cli.Commands;

/// <summary>
/// A download (an answer that is neither JSON nor events): streamed to <c>--out</c>'s file, then one line saying what was
/// saved (<c>--json</c>: <c>{"file", "bytes", "contentType", "fileName"}</c>); without <c>--out</c> (or with <c>-</c>) the bytes
/// as they come to stdout. A download cut short or cancelled leaves no partial file behind.
/// </summary>
internal static class DownloadOutput
{
    public static async Task WriteAsync(CliContext ctx, bool json, StreamedContent content, string? path, CancellationToken cancellationToken)
    {
        if (path is null or "-")
        {
            await ctx.Out.FlushAsync(cancellationToken);
            await using var stdout = Console.OpenStandardOutput();
            await content.CopyToAsync(stdout, cancellationToken);
            return;
        }
        long bytes;
        try
        {
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 81920, useAsync: true);
            await content.CopyToAsync(file, cancellationToken);
            bytes = file.Length;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        if (!json)
        {
            ctx.Out.WriteLine($"saved {path} ({bytes} bytes, {content.ContentType ?? "no content type"}{(content.FileName is { } name ? $", sent as {name}" : "")})");
            return;
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("file", path);
            writer.WriteNumber("bytes", bytes);
            writer.WriteString("contentType", content.ContentType);
            writer.WriteString("fileName", content.FileName);
            writer.WriteEndObject();
        }
        ctx.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
