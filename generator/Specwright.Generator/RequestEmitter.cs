using System.Text.Json.Nodes;
using Specwright.Generator.Model;

namespace Specwright.Generator;

/// <summary>
/// Writes the internal request builder of a service (<c>&lt;Service&gt;Api</c>) from the service model: one method per
/// operation that puts its arguments on the wire as the spec says (path, query, header and cookie parameters by style,
/// the body by media type) and hands the request to <c>GeneratedClientBase</c>, which sends it, decodes errors and
/// reads the result. The public surface (<see cref="SurfaceEmitter"/>) calls these methods.
/// </summary>
internal static class RequestEmitter
{
    private const string Culture = "System.Globalization.CultureInfo.InvariantCulture";

    /// <param name="properties">The C# properties of a named object schema, by wire name, and whether it keeps unknown fields (<c>AdditionalProperties</c>).</param>
    public static string File(SpecFacts f, IReadOnlyList<RequestShape> shapes, Func<string, (IReadOnlyDictionary<string, (string Property, bool IsArray)> Properties, bool Additional)> properties)
    {
        var n = f.Naming;
        var w = new CSharpWriter().Line(CSharpWriter.Header).Open($"namespace {n.Namespace}");
        w.Line("/// <summary>Builds each operation's request from its arguments; sending, errors, retries and reading the result are the base class's.</summary>");
        w.Line($"[System.CodeDom.Compiler.GeneratedCode(\"Specwright.Generator\", \"1.0\")]");
        w.Open($"internal partial class {n.GeneratedClient} : global::Specwright.Core.Internal.GeneratedClientBase");
        w.Line($"public {n.GeneratedClient}(global::Specwright.Core.Http.ApiTransport transport) : base(transport)");
        w.Line("{");
        w.Line("}");
        foreach (var shape in shapes) Method(w, shape, properties);
        Helpers(w);
        w.Close();
        if (shapes.Any(s => s.Arguments.Any(a => a.IsFile))) FileParameter(w);
        return w.Close().ToString();
    }

    private static void Method(CSharpWriter w, RequestShape shape, Func<string, (IReadOnlyDictionary<string, (string Property, bool IsArray)>, bool)> properties)
    {
        var op = shape.Operation;
        var result = shape.ResultType is null ? "global::Specwright.Core.Http.ApiResponse" : $"global::Specwright.Core.Http.ApiResponse<{shape.ResultType}>";
        var args = shape.Arguments.Select(a => $"{a.DeclaredType} {a.Variable}{(a.Required ? "" : " = null")}")
            .Append("global::Specwright.Core.Http.CallOptions? callOptions = null").Append("System.Threading.CancellationToken cancellationToken = default");
        w.Line();
        w.Line($"/// <summary>{SurfaceEmitter.Xml(op.Summary ?? op.Id)}</summary>");
        w.Open($"public virtual async System.Threading.Tasks.Task<{result}> {shape.MethodName}({string.Join(", ", args)})");
        foreach (var a in shape.Arguments.Where(a => a.Kind == "path" || a.Kind == "query" && a.Required))
            w.Line($"ThrowIfMissing({a.Variable}, \"{a.Variable}\");");
        foreach (var a in shape.Arguments.Where(a => a.Kind is "body" or "header" or "cookie" or "form" && a.Required && !IsValueType(a.Type)))
            w.Line($"System.ArgumentNullException.ThrowIfNull({a.Variable});");

        var method = $"System.Net.Http.HttpMethod.Parse(\"{op.Method.ToUpperInvariant()}\")";
        var query = shape.Arguments.Where(a => a.Kind == "query").ToList();
        var segments = Segments(op.Path.TrimStart('/'), shape);
        if (query.Count == 0)
        {
            var uri = segments.Count == 1 && segments[0].StartsWith('"') ? segments[0] : $"string.Concat({string.Join(", ", segments)})";
            if (segments.Count == 0) uri = "\"\"";
            w.Line($"var request_ = new System.Net.Http.HttpRequestMessage({method}, new System.Uri({uri}, System.UriKind.Relative));");
        }
        else
        {
            w.Line("var urlBuilder_ = new System.Text.StringBuilder();");
            foreach (var s in segments) w.Line($"urlBuilder_.Append({s});");
            w.Line("urlBuilder_.Append('?');");
            foreach (var a in query) Query(w, a, properties);
            w.Line("urlBuilder_.Length--;");
            w.Line($"var request_ = new System.Net.Http.HttpRequestMessage({method}, new System.Uri(urlBuilder_.ToString(), System.UriKind.Relative));");
        }
        foreach (var a in shape.Arguments.Where(a => a.Kind == "header"))
            w.Line($"if ({a.Variable} != null) request_.Headers.TryAddWithoutValidation({CSharpWriter.Literal(a.Name)}, {Joined(a, ",")});");
        var cookies = shape.Arguments.Where(a => a.Kind == "cookie").ToList();
        if (cookies.Count > 0)
        {
            w.Line("var cookies_ = new System.Collections.Generic.List<string>();");
            foreach (var a in cookies)
                w.Line($"if ({a.Variable} != null) cookies_.Add({CSharpWriter.Literal(a.Name + "=")} + System.Uri.EscapeDataString({Joined(a, ",")}));");
            w.Line("if (cookies_.Count > 0) request_.Headers.TryAddWithoutValidation(\"Cookie\", string.Join(\"; \", cookies_));");
        }
        Body(w, shape);
        w.Line("callOptions?.ApplyTo(request_);");
        w.Line();
        var id = CSharpWriter.Literal(op.Id);
        if (shape.ResultEventType is { } eventType) w.Line($"return await SendForEventsAsync<{eventType}>({id}, request_, cancellationToken).ConfigureAwait(false);");
        else if (shape.ResultLinesType is { } lineType)
            w.Line($"return await SendForJsonLinesAsync<{lineType}>({id}, request_, {CSharpWriter.Literal(MediaTypes.Essence(shape.Operation.Success!.Content.First(c => MediaTypes.IsJsonLines(c.MediaType)).MediaType))}, cancellationToken).ConfigureAwait(false);");
        else if (shape.ResultIsStream) w.Line($"return await SendForContentAsync({id}, request_, cancellationToken).ConfigureAwait(false);");
        else if (shape.ResultTextMediaType is { } textType)
            w.Line($"return await SendForTextAsync({id}, request_, {CSharpWriter.Literal(textType)}, cancellationToken).ConfigureAwait(false);");
        else if (shape.ResultType is { } type) w.Line($"return await SendWithHeadersAsync<{type}>({id}, request_, cancellationToken).ConfigureAwait(false);");
        else w.Line($"return await SendWithHeadersAsync({id}, request_, cancellationToken).ConfigureAwait(false);");
        w.Close();
    }

    /// <summary>The path as C# string parts: literal text, and each path parameter (inside a segment too: <c>{Sid}.json</c>) escaped.</summary>
    private static List<string> Segments(string path, RequestShape shape)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < path.Length)
        {
            var open = path.IndexOf('{', i);
            var close = open < 0 ? -1 : path.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                parts.Add(CSharpWriter.Literal(path[i..]));
                break;
            }
            if (open > i) parts.Add(CSharpWriter.Literal(path[i..open]));
            var name = path[(open + 1)..close];
            var argument = shape.Arguments.FirstOrDefault(a => a.Kind == "path" && a.Name == name)
                ?? throw new SpecException(SpecException.PointerOf("paths", shape.Operation.Path), $"the path names '{{{name}}}', which {shape.Operation.Id} does not declare as a path parameter.");
            parts.Add(PathValue(argument));
            i = close + 1;
        }
        return parts;
    }

    /// <summary>
    /// A path parameter by its style: <c>simple</c> (<c>5</c>, <c>3,4,5</c>), <c>label</c> (<c>.5</c>, <c>.3,4,5</c>, exploded <c>.3.4.5</c>) or
    /// <c>matrix</c> (<c>;id=5</c>, <c>;id=3,4,5</c>, exploded <c>;id=3;id=4;id=5</c>).
    /// </summary>
    private static string PathValue(ApiArgument a)
    {
        // A scalar, or a list not exploded, is escaped whole (a list's commas as %2C, which servers decode to the same list and
        // Prism, which fails on a literal comma list in a path, accepts); an exploded list escapes each item, not its separators.
        var style = a.Parameter?.Style ?? "simple";
        var exploded = (a.Parameter?.Explode ?? false) && IsSequence(a.Type) && style is "label" or "matrix"; // simple explodes to the same commas
        string Value(string separator) => exploded
            ? $"string.Join({CSharpWriter.Literal(separator)}, System.Linq.Enumerable.Select({a.Variable}, item_ => System.Uri.EscapeDataString(ConvertToString(item_, {Culture}))))"
            : $"System.Uri.EscapeDataString({Joined(a, ",")})";
        var matrix = ";" + a.Name + "=";
        return style switch
        {
            "label" => $"\".\" + {Value(".")}",
            "matrix" => $"{CSharpWriter.Literal(matrix)} + {Value(matrix)}",
            _ => Value(","),
        };
    }

    /// <summary>A scalar as its wire string; an array as its items joined (form/simple style).</summary>
    private static string Joined(ApiArgument a, string separator) => IsSequence(a.Type)
        ? $"string.Join({CSharpWriter.Literal(separator)}, System.Linq.Enumerable.Select({a.Variable}, item_ => ConvertToString(item_, {Culture})))"
        : $"ConvertToString({a.Variable}, {Culture})";

    private static void Query(CSharpWriter w, ApiArgument a, Func<string, (IReadOnlyDictionary<string, (string Property, bool IsArray)> Properties, bool Additional)> properties)
    {
        var v = a.Variable;
        var deep = a.Parameter?.Style == "deepObject";
        var explode = a.Parameter?.Explode ?? true;
        var separator = a.Parameter?.Style switch { "spaceDelimited" => " ", "pipeDelimited" => "|", _ => "," };
        // allowReserved: the value's reserved characters (:/?#[]@!$&'()*+,;=) go as they are; the rest is escaped as always.
        var escape = a.Parameter?.Node["allowReserved"]?.GetValue<bool>() == true ? "EscapeAllowingReserved" : "System.Uri.EscapeDataString";
        string Field(string key, string value) =>
            $"urlBuilder_.Append(System.Uri.EscapeDataString({key})).Append('=').Append({escape}({value})).Append('&');";
        string Value(string expression) => $"ConvertToString({expression}, {Culture})";
        string Key(string wire) => CSharpWriter.Literal(deep ? $"{a.Name}[{wire}]" : wire);
        var lines = new List<string>();
        var component = ClrTypes.ComponentOf(a.Schema);
        if (IsSequence(a.Type))
            lines.Add(explode
                ? $"foreach (var item_ in {v}) {{ {Field(CSharpWriter.Literal(a.Name), Value("item_"))} }}"
                : Field(CSharpWriter.Literal(a.Name), $"string.Join({CSharpWriter.Literal(separator)}, System.Linq.Enumerable.Select({v}, item_ => {Value("item_")}))"));
        else if (a.Type.StartsWith("System.Collections.Generic.IDictionary<", StringComparison.Ordinal))
            lines.Add($"foreach (var item_ in {v}) {{ {Field(deep ? $"{CSharpWriter.Literal(a.Name + "[")} + item_.Key + \"]\"" : "item_.Key", Value("item_.Value"))} }}");
        else if (component is not null && a.Parameter?.Resolved?["type"]?.GetValue<string>() == "object" && a.Parameter.Resolved["enum"] is null)
        {
            var (props, additional) = properties(component);
            foreach (var (wire, (property, isArray)) in props)
                lines.Add(isArray
                    ? $"if ({v}.{property} != null) foreach (var item_ in {v}.{property}) {Field(Key(wire), Value("item_"))}"
                    : $"if ({v}.{property} != null) {Field(Key(wire), Value($"{v}.{property}"))}");
            if (additional)
                lines.Add($"if ({v}.AdditionalProperties != null) foreach (var item_ in {v}.AdditionalProperties) {{ {Field(deep ? $"{CSharpWriter.Literal(a.Name + "[")} + item_.Key + \"]\"" : "item_.Key", Value("item_.Value"))} }}");
        }
        else
            lines.Add(Field(CSharpWriter.Literal(a.Name), Value(v)));

        if (a.Required)
            foreach (var line in lines) w.Line(line);
        else
        {
            w.Open($"if ({v} != null)");
            foreach (var line in lines) w.Line(line);
            w.Close();
        }
    }

    private static void Body(CSharpWriter w, RequestShape shape)
    {
        switch (shape.BodyKind)
        {
            case BodyKind.Json:
            case BodyKind.FormUrlEncoded:
            {
                var body = shape.Arguments.Single(a => a.Kind == "body");
                var create = shape.BodyKind == BodyKind.Json ? "CreateJsonContent" : "CreateFormContent";
                var flag = shape.StreamFlag is { } f ? ", " + CSharpWriter.Literal(f) : "";
                if (body.Required) w.Line($"request_.Content = {create}({body.Variable}{flag});");
                else w.Line($"if ({body.Variable} != null) request_.Content = {create}({body.Variable}{flag});");
                break;
            }
            case BodyKind.Binary:
            case BodyKind.Text:
            {
                var body = shape.Arguments.Single(a => a.Kind == "body");
                var media = CSharpWriter.Literal(shape.BodyMediaType!.Contains('*') ? "application/octet-stream" : shape.BodyMediaType);
                w.Open($"if ({body.Variable} != null)");
                w.Line(shape.BodyKind == BodyKind.Binary
                    ? $"request_.Content = new System.Net.Http.StreamContent({body.Variable});"
                    : $"request_.Content = new System.Net.Http.StringContent({body.Variable}, System.Text.Encoding.UTF8);");
                w.Line($"request_.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse({media});");
                w.Close();
                break;
            }
            case BodyKind.Multipart:
            {
                // One part per field; arrays repeat their part; files stream.
                w.Line("var form_ = new System.Net.Http.MultipartFormDataContent();");
                var encoding = shape.Operation.Body?.Content.FirstOrDefault(c => MediaTypes.Essence(c.MediaType) == "multipart/form-data")?.Encoding;
                // A file's content type: the caller's, else the spec's per-part encoding (its first, when it lists several and names no wildcard).
                string FileType(ApiArgument a, string given) =>
                    encoding?[a.Name]?["contentType"]?.GetValue<string>()?.Split(',')[0].Trim() is { Length: > 0 } declared && !declared.Contains('*')
                        ? $"{given} ?? {CSharpWriter.Literal(declared)}" : given;
                foreach (var a in shape.FormFields)
                {
                    var name = CSharpWriter.Literal(a.Name);
                    if (a.IsFile && IsSequence(a.Type))
                        w.Line($"if ({a.Variable} != null) foreach (var file_ in {a.Variable}) AddFile(form_, {name}, file_.Data, file_.FileName, {FileType(a, "file_.ContentType")});");
                    else if (a.IsFile)
                        w.Line($"if ({a.Variable} != null) AddFile(form_, {name}, {a.Variable}.Data, {a.Variable}.FileName, {FileType(a, $"{a.Variable}.ContentType")});");
                    else if (IsSequence(a.Type))
                        w.Line($"if ({a.Variable} != null) foreach (var item_ in {a.Variable}) AddPart(form_, {name}, item_);");
                    else
                        w.Line($"AddPart(form_, {name}, {a.Variable});");
                }
                w.Line("request_.Content = form_;");
                break;
            }
        }
    }

    private static bool IsSequence(string type) =>
        type.StartsWith("System.Collections.Generic.IEnumerable<", StringComparison.Ordinal) || type.StartsWith("System.Collections.Generic.IList<", StringComparison.Ordinal);

    private static bool IsValueType(string type) => type is "int" or "long" or "double" or "float" or "decimal" or "bool"
        or "System.DateTimeOffset" or "System.DateOnly" or "System.TimeSpan" or "System.Guid" || type.EndsWith('?');

    private static void Helpers(CSharpWriter w)
    {
        w.Line();
        w.Line("// Reflection-free (trimming/AOT safe): enums are string-enum structs whose ToString() is the wire value; dates go out in ISO 8601.");
        w.Line("private static string ConvertToString(object? value, System.Globalization.CultureInfo cultureInfo) => value switch");
        w.Line("{");
        w.Line("    null => \"\",");
        w.Line("    bool b => b ? \"true\" : \"false\",");
        w.Line("    string s => s,");
        w.Line("    System.DateTimeOffset d => d.ToString(\"O\", cultureInfo),");
        w.Line("    System.DateTime d => d.ToString(\"O\", cultureInfo),");
        w.Line("    System.DateOnly d => d.ToString(\"yyyy-MM-dd\", cultureInfo),");
        w.Line("    System.IFormattable f => f.ToString(null, cultureInfo),");
        w.Line("    _ => value.ToString() ?? \"\",");
        w.Line("};");
        w.Line();
        w.Line("/// <summary>A query value of a parameter with <c>allowReserved</c>: escaped, but for RFC 3986's reserved characters.</summary>");
        w.Open("private static string EscapeAllowingReserved(string value)");
        w.Line("var builder = new System.Text.StringBuilder(value.Length);");
        w.Line("var start = 0;");
        w.Line("for (var i = 0; i < value.Length; i++)");
        w.Line("    if (\":/?#[]@!$&'()*+,;=\".IndexOf(value[i]) >= 0) { builder.Append(System.Uri.EscapeDataString(value[start..i])).Append(value[i]); start = i + 1; }");
        w.Line("return builder.Append(System.Uri.EscapeDataString(value[start..])).ToString();");
        w.Close();
        w.Line();
        w.Line("/// <summary>A multipart text part, left out when unset.</summary>");
        w.Open("private static void AddPart(System.Net.Http.MultipartFormDataContent form, string name, object? value)");
        w.Line($"if (value is not null) global::Specwright.Core.Internal.MultipartParts.AddText(form, name, ConvertToString(value, {Culture}));");
        w.Close();
        w.Line();
        w.Line("private static void AddFile(System.Net.Http.MultipartFormDataContent form, string name, System.IO.Stream data, string? fileName, string? contentType) =>");
        w.Line("    global::Specwright.Core.Internal.MultipartParts.AddFile(form, name, data, fileName, contentType);");
    }

    private static void FileParameter(CSharpWriter w)
    {
        w.Line();
        w.Line("/// <summary>A file to upload: its content (streamed, not buffered), and the file name and content type sent with it.</summary>");
        w.Open("public partial class FileParameter");
        w.Line("public FileParameter(System.IO.Stream data) : this(data, null, null) { }");
        w.Line();
        w.Line("public FileParameter(System.IO.Stream data, string? fileName) : this(data, fileName, null) { }");
        w.Line();
        w.Open("public FileParameter(System.IO.Stream data, string? fileName, string? contentType)");
        w.Line("Data = data ?? throw new System.ArgumentNullException(nameof(data));");
        w.Line("FileName = fileName;");
        w.Line("ContentType = contentType;");
        w.Close();
        w.Line();
        w.Line("public System.IO.Stream Data { get; }");
        w.Line();
        w.Line("public string? FileName { get; }");
        w.Line();
        w.Line("public string? ContentType { get; }");
        w.Close();
    }
}
