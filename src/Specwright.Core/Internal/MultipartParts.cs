using System.ComponentModel;
using System.Net.Http.Headers;
using Specwright.Core.Http;

namespace Specwright.Core.Internal;

/// <summary>
/// The parts of a <c>multipart/form-data</c> body, named as browsers and curl name them: the generated upload methods and
/// <see cref="OperationContent.Multipart"/> both build their parts here.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // for generated code; not part of the API a caller uses
public static class MultipartParts
{
    /// <summary>A text field.</summary>
    public static void AddText(MultipartFormDataContent form, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(form);
        var part = new StringContent(value);
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quoted(name) };
        form.Add(part);
    }

    /// <summary>
    /// A file part streamed from <paramref name="data"/> (never buffered here), with its file name (the field's name when none)
    /// and content type. A name past ASCII also goes as <c>filename*</c> (RFC 6266), with an ASCII <c>filename</c> for servers
    /// that read only that.
    /// </summary>
    public static void AddFile(MultipartFormDataContent form, string name, Stream data, string? fileName, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(data);
        var part = new StreamContent(data);
        if (!string.IsNullOrEmpty(contentType)) part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        fileName = string.IsNullOrEmpty(fileName) ? name : fileName;
        var ascii = System.Text.Ascii.IsValid(fileName) ? fileName : string.Concat(fileName.Select(c => c < 128 ? c : '_'));
        var disposition = new ContentDispositionHeaderValue("form-data") { Name = Quoted(name), FileName = Quoted(ascii) };
        if (!ReferenceEquals(ascii, fileName)) disposition.FileNameStar = fileName;
        part.Headers.ContentDisposition = disposition;
        form.Add(part);
    }

    /// <summary>
    /// A part's name or file name as a quoted string (<c>name="file"; filename="a.csv"</c>): servers that read only that form
    /// (Prism among them) refuse .NET's default bare token (<c>name=file</c>).
    /// </summary>
    private static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
