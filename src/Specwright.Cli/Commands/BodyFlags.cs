using System.CommandLine;
using System.Text.Json;
using Specwright.Core.Http;
using Specwright.Generator.Model;

namespace Specwright.Cli.Commands;

/// <summary>
/// The request-body flags of one operation, as its media types allow: <c>--body</c> (JSON as <c>@file.json</c>, <c>-</c> or the
/// JSON itself, sent as form fields when the operation takes a form and no JSON; any other media type streamed from <c>@file</c>
/// or <c>-</c>), <c>--form name=value</c> for forms and multipart, <c>--file name=@path[;type=media/type]</c> for multipart.
/// </summary>
internal sealed class BodyFlags
{
    private readonly OperationInfo _operation;
    private readonly Option<string>? _body;
    private readonly Option<string[]>? _form;
    private readonly Option<string[]>? _file;
    private readonly bool _json;
    private readonly bool _multipart;
    private readonly bool _urlEncoded;

    private const string Multipart = "multipart/form-data";
    private const string UrlEncoded = "application/x-www-form-urlencoded";

    private BodyFlags(OperationInfo operation)
    {
        _operation = operation;
        if (operation.Body is not { } declared) return;
        var essences = declared.MediaTypes.Select(MediaTypes.Essence).ToList();
        _json = essences.Any(MediaTypes.IsJson);
        _multipart = essences.Contains(Multipart);
        _urlEncoded = essences.Contains(UrlEncoded);
        var raw = essences.FirstOrDefault(m => m != Multipart && m != UrlEncoded && !MediaTypes.IsJson(m));
        var optional = declared.Required ? "" : " (optional)";
        var byField = _multipart || _urlEncoded;
        if (_json || raw is not null || _urlEncoded)
            _body = new Option<string>("--body")
            {
                Description = _json ? $"The JSON request body: @file.json, - for stdin, or the JSON itself{optional}"
                    : raw is not null ? $"The {raw} request body, streamed: @file, or - for stdin{optional}"
                    : $"The request body as a JSON object, sent as form fields: @file.json, - for stdin, or the JSON itself{optional}",
                // Required only when it is the one way to give a body; with --form/--file too, ReadAsync checks that one was given.
                Required = declared.Required && !byField,
            };
        if (byField)
            _form = new Option<string[]>("--form") { Description = $"A form field, name=value; repeat for more (a repeated name sends each value){optional}" };
        if (_multipart)
            _file = new Option<string[]>("--file") { Description = "A file to upload, name=@path (;type=media/type for its content type); repeat for more" };
        Raw = raw;
    }

    /// <summary>The media type <c>--body</c> streams as, when the operation takes one that is neither JSON nor a form.</summary>
    private string? Raw { get; }

    public IEnumerable<Option> Options => new Option?[] { _body, _form, _file }.OfType<Option>();

    public static BodyFlags For(OperationInfo operation) => new(operation);

    /// <summary>The body the flags give, its files opened for streaming (disposed with it); null when none was given.</summary>
    public async Task<Body?> ReadAsync(ParseResult parse, CancellationToken ct)
    {
        var whole = _body is null ? null : parse.GetValue(_body);
        var fields = _form is null ? [] : parse.GetValue(_form) ?? [];
        var files = _file is null ? [] : parse.GetValue(_file) ?? [];
        var byField = fields.Length > 0 || files.Length > 0;
        if (whole is not null && byField)
            throw new ArgumentException("--body: give the body whole (--body) or by field (--form/--file), not both.");
        if (whole is null && !byField)
        {
            if (_operation.Body is { Required: true } && _form is not null)
                throw new ArgumentException($"{_operation.Id} needs a request body: {string.Join(" or ", Options.Select(o => o.Name))}.");
            return null;
        }
        if (whole is not null)
        {
            if (_json || Raw is null) return new Body(OperationContent.Json(await JsonFlag.ReadAsync("--body", whole, ct)), []);
            var stream = OpenBody(whole);
            return new Body(OperationContent.Stream(stream), [stream]);
        }
        var pairs = fields.Select(f => Pair("--form", f)).Select(p => new KeyValuePair<string, string>(p.Name, p.Value)).ToList();
        if (files.Length == 0 && _urlEncoded) return new Body(OperationContent.Form(pairs), []);
        var opened = new List<Stream>();
        try
        {
            var parts = new List<FilePart>();
            foreach (var file in files)
            {
                var (name, value) = Pair("--file", file);
                var path = value.TrimStart('@');
                string? type = null;
                if (path.LastIndexOf(";type=", StringComparison.Ordinal) is var at and >= 0) (path, type) = (path[..at], path[(at + 6)..]);
                if (!File.Exists(path)) throw new ArgumentException($"--file: no file '{path}'.");
                var stream = File.OpenRead(path);
                opened.Add(stream);
                parts.Add(new FilePart(name, stream, Path.GetFileName(path), type ?? "application/octet-stream"));
            }
            return new Body(OperationContent.Multipart(pairs, parts), opened);
        }
        catch
        {
            foreach (var stream in opened) await stream.DisposeAsync();
            throw;
        }
    }

    private static (string Name, string Value) Pair(string flag, string text)
    {
        var equals = text.IndexOf('=');
        if (equals <= 0) throw new ArgumentException($"{flag}: '{text}' is not name={(flag == "--file" ? "@path" : "value")}.");
        return (text[..equals], text[(equals + 1)..]);
    }

    private static Stream OpenBody(string text)
    {
        if (text == "-") return Console.OpenStandardInput();
        var path = text.StartsWith('@') ? text[1..] : text;
        if (!File.Exists(path)) throw new ArgumentException($"--body: no file '{path}' (give @file, or - for stdin).");
        return File.OpenRead(path);
    }

    /// <summary>A body read from the flags, and the files it streams from.</summary>
    internal sealed class Body(OperationContent value, IReadOnlyList<Stream> streams) : IAsyncDisposable
    {
        public OperationContent Value { get; } = value;

        public async ValueTask DisposeAsync()
        {
            foreach (var stream in streams) await stream.DisposeAsync();
        }
    }
}
