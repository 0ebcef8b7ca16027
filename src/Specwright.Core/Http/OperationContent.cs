using System.Text;
using System.Text.Json;
using Specwright.Core.Internal;

namespace Specwright.Core.Http;

/// <summary>
/// The request body of a raw call (<see cref="IOperationClient"/>) in any media type its operation takes
/// (<see cref="OperationBody.MediaTypes"/>): JSON, a form, a multipart upload, or bytes streamed from a <see cref="Stream"/>.
/// Checked against the operation before anything is sent.
/// </summary>
public sealed class OperationContent
{
    private readonly Func<string, HttpContent> _create;

    private OperationContent(string? mediaType, ContentKind kind, Func<string, HttpContent> create)
    {
        MediaType = mediaType;
        Kind = kind;
        _create = create;
    }

    /// <summary>The media type asked for; null: the operation's own of this <see cref="Kind"/>.</summary>
    public string? MediaType { get; }

    internal ContentKind Kind { get; }

    internal JsonElement? JsonValue { get; private init; }

    /// <summary>A JSON body, sent as the operation's JSON media type (<c>application/json</c>, or its <c>+json</c> one).</summary>
    public static OperationContent Json(JsonElement json) =>
        new(null, ContentKind.Json, media => Bytes(Encoding.UTF8.GetBytes(json.GetRawText()), media)) { JsonValue = json.Clone() };

    /// <summary>An <c>application/x-www-form-urlencoded</c> body; a repeated name repeats its field (OpenAPI's form style, exploded).</summary>
    public static OperationContent Form(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var list = fields.ToList();
        return new(FormMediaType, ContentKind.Form, _ => new FormUrlEncodedContent(list));
    }

    /// <summary>
    /// A <c>multipart/form-data</c> body: text <paramref name="fields"/> (a repeated name repeats its part), then
    /// <paramref name="files"/>, each streamed from its <see cref="FilePart.Data"/> as it is sent.
    /// </summary>
    public static OperationContent Multipart(IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<FilePart>? files = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var texts = fields.ToList();
        var parts = files?.ToList() ?? [];
        return new(MultipartMediaType, ContentKind.Multipart, _ =>
        {
            var form = new MultipartFormDataContent();
            foreach (var (name, value) in texts) MultipartParts.AddText(form, name, value);
            foreach (var file in parts) MultipartParts.AddFile(form, file.Name, file.Data, file.FileName, file.ContentType);
            return form;
        });
    }

    /// <summary>
    /// Bytes streamed from <paramref name="data"/> (a file, stdin), never buffered here, as <paramref name="mediaType"/>; null: the
    /// operation's own media type (its first that is neither JSON nor a form).
    /// </summary>
    public static OperationContent Stream(Stream data, string? mediaType = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new(mediaType, ContentKind.Bytes, media =>
        {
            var content = new StreamContent(data);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(media);
            return content;
        });
    }

    internal HttpContent Create(string mediaType) => _create(mediaType);

    public override string ToString() => MediaType ?? Kind.ToString();

    internal const string FormMediaType = "application/x-www-form-urlencoded";
    internal const string MultipartMediaType = "multipart/form-data";

    private static ByteArrayContent Bytes(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    internal enum ContentKind
    {
        Json,
        Form,
        Multipart,
        Bytes,
    }
}

/// <summary>One file of a multipart upload: the field it goes in, its content (streamed as sent) and the file name and content type sent with it.</summary>
public sealed record FilePart(string Name, Stream Data, string? FileName = null, string? ContentType = null);
