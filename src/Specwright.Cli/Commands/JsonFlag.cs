using System.Text.Json;

namespace Specwright.Cli.Commands;

/// <summary>A flag whose value is JSON, given as <c>@path</c> (a file), <c>-</c> (stdin) or the JSON itself: read and parsed in one place.</summary>
internal static class JsonFlag
{
    /// <exception cref="ArgumentException">No such file, or text that does not parse; one line naming the flag and where the JSON breaks.</exception>
    public static async Task<JsonElement> ReadAsync(string flag, string text, CancellationToken ct)
    {
        string json;
        if (text == "-") json = await Console.In.ReadToEndAsync(ct);
        else if (text.StartsWith('@'))
        {
            var path = text[1..];
            if (!File.Exists(path)) throw new ArgumentException($"{flag}: no file '{path}'.");
            json = await File.ReadAllTextAsync(path, ct);
        }
        else json = text;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{flag}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
    }
}
