using System.Text.Json.Nodes;
using Specwright.Generator.Model;

namespace Specwright.Generator;

/// <summary>
/// Writes a service's public surface from its spec, in one shape for every service: <c>&lt;Service&gt;Client</c>
/// (constructors from options, an <c>HttpClient</c> or a handler, and a protected one for mocking), one
/// sub-client per tag with <c>VerbAsync</c> methods returning <c>ApiResponse&lt;T&gt;</c>, lists as
/// <c>AsyncPageable&lt;T&gt;</c>, query parameters as a generated options object, XML docs with one
/// <c>&lt;exception&gt;</c> per documented error, <c>&lt;Service&gt;ClientOptions</c>, DI registration, and the
/// error decoder. Every member is virtual or partial, so a handwritten partial can add what a spec cannot say.
/// </summary>
internal static class SurfaceEmitter
{
    private const string Ct = "global::System.Threading.CancellationToken";
    private const string Core = "global::Specwright.Core";

    /// <param name="suppressed">Operation ids whose public methods a handwritten partial defines instead (<c>[SuppressGenerated]</c>).</param>
    public static IReadOnlyDictionary<string, string> Files(SpecFacts f, ServiceModel model, IReadOnlyList<RequestShape> shapes, ErrorShapeFact shape,
        IReadOnlySet<string> suppressed)
    {
        var n = f.Naming;
        var unknown = suppressed.Where(id => model.Operations.All(o => o.Id != id)).ToList();
        if (unknown.Count > 0) throw new InvalidOperationException($"[SuppressGenerated] names operations the spec does not have: {string.Join(", ", unknown)}.");
        var operations = shapes.Select(s => SurfaceOperation.From(s, model, f)).ToList();
        foreach (var op in operations) op.Suppressed = suppressed.Contains(op.OperationId);
        // A short name that two operations of one group would share: both keep their full names.
        foreach (var clash in operations.GroupBy(o => (o.Group, o.MethodName)).Where(g => g.Count() > 1))
        foreach (var op in clash) op.MethodName = op.FullMethodName + (op.IsStreamingForm ? "Stream" : "") + "Async";
        foreach (var op in operations.Where(o => o.StartsWork is not null))
        {
            var (pollId, idPath) = op.StartsWork!.Value;
            var poll = operations.FirstOrDefault(o => o.OperationId == pollId && !o.IsStreamingForm)
                ?? throw new InvalidOperationException($"{op.OperationId}: x-specwright-lro polls '{pollId}', which is not an operation of the spec.");
            if (poll.ResultType is null || poll.TerminalProperty is null || poll.ArgumentParameters.Count(a => a.Kind == "path") != 1)
                throw new InvalidOperationException($"{op.OperationId}: x-specwright-lro's poll operation '{pollId}' must take one path parameter (the id) and return a schema with a status enum marked x-specwright-terminal.");
            poll.Polls = true;
            op.Work = new SurfaceWork(pollId, poll.ResultType, string.Join(".", idPath.Split('.').Select(Naming.Pascal)), Naming.Pascal(pollId) + "Polling", op.ResultType == poll.ResultType);
        }
        var groups = operations.GroupBy(o => o.Group ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var files = new Dictionary<string, string>
        {
            [$"{n.Service}Client.g.cs"] = ClientFile(f, groups),
            [$"{n.Service}ClientOptions.g.cs"] = OptionsFile(f, operations, shape),
        };
        var metadata = operations.Select(o => o.Envelope).OfType<SurfaceEnvelope>().SelectMany(e => e.Metadata).DistinctBy(m => m.Key).ToList();
        if (metadata.Count > 0) files[$"{n.Service}ResponseMetadata.g.cs"] = ResponseMetadataFile(f, metadata);
        return files;
    }

    /// <summary>
    /// What the service's envelope says about a call besides its value (<c>x-specwright-envelope</c>'s other keys: webscrape.ai's
    /// credits), as the service's own type on <c>ApiResponse.Metadata</c>, and read as properties of any of its responses
    /// (<c>response.CreditsUsed</c>, extension members in the service's namespace): Core carries none of it.
    /// </summary>
    private static string ResponseMetadataFile(SpecFacts f, IReadOnlyList<EnvelopeField> fields)
    {
        var n = f.Naming;
        var type = n.Service + "ResponseMetadata";
        string Doc(EnvelopeField m) => $"/// <summary>The envelope's <c>{Xml(m.Wire)}</c>, when the response has it.</summary>";
        var w = new CSharpWriter().Line(CSharpWriter.Header).Open($"namespace {n.Namespace}");
        w.Line($"/// <summary>What a {Xml(f.Title)} response's envelope says about the call besides its value.</summary>");
        w.Open($"public sealed record {type}");
        foreach (var m in fields) w.Line(Doc(m)).Line($"public {m.ClrType} {Naming.Pascal(m.Key)} {{ get; init; }}");
        w.Close();
        w.Line();
        w.Line($"/// <summary>The metadata of a {Xml(f.Title)} response read as its properties (<see cref=\"{type}\"/>; null for a response without it).</summary>");
        w.Open($"public static class {n.Service}ResponseExtensions");
        w.Open($"extension({Core}.Http.ApiResponse response)");
        foreach (var m in fields) w.Line(Doc(m)).Line($"public {m.ClrType} {Naming.Pascal(m.Key)} => (response.Metadata as {type})?.{Naming.Pascal(m.Key)};");
        w.Close();
        w.Close();
        return w.Close().ToString();
    }

    private static string ClientFile(SpecFacts f, List<IGrouping<string, SurfaceOperation>> groups)
    {
        var n = f.Naming;
        var client = n.Service + "Client";
        var w = new CSharpWriter().Line(CSharpWriter.Header).Open($"namespace {n.Namespace}");
        w.Line($"/// <summary>Client of the {Xml(f.Title)} ({Xml(f.Version)}), generated from its OpenAPI document.</summary>");
        w.Open($"public partial class {client} : {Core}.Http.IOperationClient");
        w.Line("internal static readonly string SdkVersion =");
        w.Line($"    global::System.Reflection.CustomAttributeExtensions.GetCustomAttribute<global::System.Reflection.AssemblyInformationalVersionAttribute>(typeof({client}).Assembly)?.InformationalVersion.Split('+')[0] ?? \"0.0.0\";");
        w.Line("private readonly global::System.Net.Http.HttpMessageInvoker? _invoker;");
        w.Line();
        w.Line("/// <summary>A client with its own connection pool.</summary>");
        w.Line($"public {client}({client}Options options) : this(options, null, null) {{ }}");
        w.Line();
        w.Line("/// <summary>A client that sends through <paramref name=\"httpClient\"/> (its handlers, proxy and pool); Specwright's retry, key and user-agent handlers run on top.</summary>");
        w.Line($"public {client}(global::System.Net.Http.HttpClient httpClient, {client}Options options)");
        w.Line("    : this(options, httpClient ?? throw new global::System.ArgumentNullException(nameof(httpClient)), null) { }");
        w.Line();
        w.Line("/// <summary>A client whose pipeline ends in <paramref name=\"handler\"/> (a configured <see cref=\"global::System.Net.Http.SocketsHttpHandler\"/>, or a test double) instead of its own socket handler; disposed with the client.</summary>");
        w.Line($"public {client}(global::System.Net.Http.HttpMessageHandler handler, {client}Options options)");
        w.Line("    : this(options, null, handler ?? throw new global::System.ArgumentNullException(nameof(handler))) { }");
        w.Line();
        w.Line("/// <summary>For mocking: every member is virtual.</summary>");
        w.Open($"protected {client}()");
        w.Line("Api = null!;");
        w.Line("Transport = null!;");
        w.Line("Options = null!;");
        w.Close();
        w.Line();
        w.Open($"private {client}({client}Options options, global::System.Net.Http.HttpClient? httpClient, global::System.Net.Http.HttpMessageHandler? handler)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(options);");
        w.Line("Options = options.Resolve();");
        var inQuery = n.ApiKeyLocation == "query" ? "true" : "false";
        w.Line($"_invoker = Options.CreatePipeline(\"Specwright.{n.Service}\", SdkVersion, {n.SpecClass}.ApiKeyHeader, {(n.ApiKeyScheme is null ? "null" : $"{n.SpecClass}.ApiKeyScheme")}, {n.SpecClass}.Retry, httpClient,");
        w.Line($"    handler, apiKeyInQuery: {inQuery}, errors: {n.Service}ErrorDecoder.Instance);");
        w.Line($"Transport = new {Core}.Http.ApiTransport(_invoker, Options.BaseUrl, {n.JsonContext}.Default, {n.Service}ErrorDecoder.Instance, \"{n.Service}\", Options.TimeProvider,");
        w.Line($"    {n.SpecClass}.Operations.All);");
        w.Line($"Api = new {n.GeneratedClient}(Transport);");
        foreach (var g in groups.Where(g => g.Key.Length > 0))
            w.Line($"{Naming.Pascal(g.Key)} = new {GroupClass(g.Key)}(this);");
        w.Close();
        w.Line();
        w.Line($"internal {n.GeneratedClient} Api {{ get; }}");
        w.Line();
        w.Line("/// <summary>The one transport every call goes through (for handwritten partials that stream a body).</summary>");
        w.Line($"internal {Core}.Http.ApiTransport Transport {{ get; }}");
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Sends any operation by id (ids in <see cref=\"{n.SpecClass}.Operations\"/>), its arguments by wire name: for an operation without a typed method,");
        w.Line("/// or a tool that works from the spec. The body is JSON here, or any media type the operation takes as <c>OperationContent</c>.");
        w.Line("/// </summary>");
        RawOperationMethod(w, "SendOperationAsync", "global::System.Text.Json.JsonElement", "global::System.Text.Json.JsonElement?", "body");
        w.Line("/// <summary>Sends any operation by id with a body of any media type it takes (a form, a multipart upload, bytes from a stream).</summary>");
        RawOperationMethod(w, "SendOperationAsync", "global::System.Text.Json.JsonElement", $"{Core}.Http.OperationContent", "content");
        w.Line("/// <summary>Sends like <c>SendOperationAsync</c> and returns the success body unread (events, a download); the caller disposes it.</summary>");
        RawOperationMethod(w, "SendOperationForContentAsync", $"{Core}.Http.StreamedContent", "global::System.Text.Json.JsonElement?", "body");
        w.Line("/// <summary>Sends like <c>SendOperationAsync</c> with a body of any media type, and returns the success body unread; the caller disposes it.</summary>");
        RawOperationMethod(w, "SendOperationForContentAsync", $"{Core}.Http.StreamedContent", $"{Core}.Http.OperationContent", "content");
        w.Line($"internal {Core}.Options.ResolvedClientOptions Options {{ get; }}");
        foreach (var g in groups.Where(g => g.Key.Length > 0))
        {
            w.Line();
            var description = g.First().GroupDescription;
            w.Line($"/// <summary>{(description is null ? $"The <c>{Xml(g.Key)}</c> operations." : Xml(description))}</summary>");
            w.Line($"public virtual {GroupClass(g.Key)} {Naming.Pascal(g.Key)} {{ get; }} = null!;");
        }
        foreach (var poll in groups.SelectMany(g => g).Where(o => o.Polls))
        {
            var field = "_" + Naming.Camel(poll.OperationId) + "Polling";
            var type = $"{Core}.Polling.OperationPolling<{poll.ResultType}>";
            var id = poll.ArgumentParameters.Single(a => a.Kind == "path").VariableName;
            var schedule = f.Operations.First(o => o.OperationId == poll.OperationId).Polling is null
                ? $"new {Core}.Polling.PollingSchedule()" : $"{n.SpecClass}.Operations.{Naming.Pascal(poll.OperationId)}.Polling";
            w.Line();
            w.Line($"private {type}? {field};");
            w.Line();
            w.Line($"/// <summary>How <c>{poll.OperationId}</c> polls long-running work: its schedule and the terminal states of <c>{poll.TerminalProperty}</c>.</summary>");
            w.Line($"internal {type} {Naming.Pascal(poll.OperationId)}Polling => {field} ??= new(\"{poll.OperationId}\",");
            var owner = poll.Group is null ? "this" : Naming.Pascal(poll.Group);
            w.Line($"    (id_, ct_) => {owner}.{poll.MethodName}({id}: id_, cancellationToken: ct_), value_ => value_.{poll.TerminalProperty}, {schedule}, Options.TimeProvider,");
            w.Line($"    Options.LoggerFactory.CreateLogger(\"Specwright.{n.Service}.Polling\"));");
        }
        foreach (var op in groups.FirstOrDefault(g => g.Key.Length == 0) ?? Enumerable.Empty<SurfaceOperation>())
            EmitMethod(w, f, op, "this");
        w.Line();
        w.Line($"public override string ToString() => $\"{client}({{Options}})\";");
        w.Line();
        w.Open("public void Dispose()");
        w.Line("_invoker?.Dispose();");
        w.Line("global::System.GC.SuppressFinalize(this);");
        w.Close();
        w.Close();

        foreach (var g in groups.Where(g => g.Key.Length > 0))
        {
            w.Line();
            w.Line($"/// <summary>The <c>{Xml(g.Key)}</c> operations of <see cref=\"{client}\"/>.</summary>");
            w.Open($"public partial class {GroupClass(g.Key)}");
            w.Line($"private readonly {client} _client = null!;");
            w.Line();
            w.Line("/// <summary>For mocking: every member is virtual.</summary>");
            w.Line($"protected {GroupClass(g.Key)}() {{ }}");
            w.Line();
            w.Line($"internal {GroupClass(g.Key)}({client} client) => _client = client;");
            foreach (var op in g) EmitMethod(w, f, op, "_client");
            w.Close();
        }

        foreach (var op in groups.SelectMany(g => g).Where(o => o.OptionsParameters.Count > 0 && !o.IsStreamingForm))
        {
            w.Line();
            w.Line($"/// <summary>Optional parameters of <c>{op.OperationId}</c>; unset ones are not sent.</summary>");
            w.Open($"public sealed partial class {op.OptionsClass}");
            foreach (var p in op.OptionsParameters)
            {
                if (p.Description is { } d) w.Line($"/// <summary>{Xml(d)}</summary>");
                w.Line($"public {Nullable(p.Type)} {p.PropertyName} {{ get; set; }}");
            }
            w.Close();
        }
        return w.Close().ToString();
    }

    private static void EmitMethod(CSharpWriter w, SpecFacts f, SurfaceOperation op, string owner)
    {
        if (op.Suppressed) return;
        var api = owner == "this" ? "Api" : $"{owner}.Api";
        var args = op.ArgumentParameters.Select(p => $"{p.Type} {p.VariableName}").ToList();
        if (op.OptionsParameters.Count > 0) args.Add($"{op.OptionsClass}? options = null");
        args.Add($"{Ct} cancellationToken = default");
        var call = op.ArgumentParameters.Select(p => $"{p.VariableName}: {p.VariableName}")
            .Concat(op.OptionsParameters.Select(p => $"{p.VariableName}: options?.{p.PropertyName}"))
            .ToList();

        w.Line();
        Docs(w, f, op);
        w.Line($"[{Core}.SpecOperation(\"{op.OperationId}\")]");
        if (op.Deprecated) w.Line($"[global::System.Obsolete(\"The API marks {op.OperationId} deprecated.\")]");
        if (op.Paging is { } paging)
        {
            w.Line($"public virtual {Core}.Paging.AsyncPageable<{paging.ItemType}> {op.MethodName}({string.Join(", ", args)})");
            w.Line("{");
            foreach (var check in op.Checks) w.Line("    " + check);
            w.Line($"    return new {Core}.Paging.AsyncPageable<{paging.ItemType}>(\"{op.OperationId}\", async (cursor_, pageSize_, ct_) =>");
            w.Line("    {");
            var pageCall = call.Where(c => !c.StartsWith(paging.CursorVariable + ":", StringComparison.Ordinal) && (paging.LimitVariable is null || !c.StartsWith(paging.LimitVariable + ":", StringComparison.Ordinal)))
                .Append($"{paging.CursorVariable}: cursor_").ToList();
            if (paging.LimitVariable is { } limit)
                pageCall.Add($"{limit}: pageSize_ ?? options?.{op.OptionsParameters.First(p => p.VariableName == limit).PropertyName}");
            pageCall.Add("cancellationToken: ct_");
            w.Line($"        var response_ = await {api}.{op.ApiMethod}({string.Join(", ", pageCall)}).ConfigureAwait(false);");
            if (paging.InHeaders)
                w.Line($"        return {Core}.Internal.CursorPager.ToPage(response_, {f.Naming.SpecClass}.Pagination, item_ => item_.{paging.CursorField}, \"{op.OperationId}\");");
            else
            {
                w.Line($"        var next_ = response_.Value.{paging.NextCursorProperty};");
                var hasMore = paging.HasMoreProperty is { } hm ? $"response_.Value.{hm} == true && !string.IsNullOrEmpty(next_)" : "!string.IsNullOrEmpty(next_)";
                w.Line($"        return new {Core}.Paging.Page<{paging.ItemType}>(response_.Value.{paging.ItemsProperty}?.ToList() ?? new global::System.Collections.Generic.List<{paging.ItemType}>(), {hasMore}, next_, null, null);");
            }
            w.Line("    }, cancellationToken);");
            w.Line("}");
            return;
        }
        var result = op.ResultType is null ? $"{Core}.Http.ApiResponse" : $"{Core}.Http.ApiResponse<{op.ResultType}>";
        if (op.MinimumAttemptTimeout is { } minimum) call.Add($"callOptions: new {Core}.Http.CallOptions {{ MinimumAttemptTimeout = {minimum} }}");
        call.Add("cancellationToken: cancellationToken");
        if (op.Envelope is { } envelope)
        {
            // The value comes out of the spec's envelope; its request id and credits go on the response.
            w.Open($"public virtual async global::System.Threading.Tasks.Task<{result}> {op.MethodName}({string.Join(", ", args)})");
            foreach (var check in op.Checks) w.Line(check);
            w.Line($"var response_ = await {api}.{op.ApiMethod}({string.Join(", ", call)}).ConfigureAwait(false);");
            w.Line("var envelope_ = response_.Value;");
            if (envelope.CreditsUsedProperty is { } used)
                w.Line($"{Core}.Diagnostics.SpecwrightTelemetry.RecordCredits(\"{f.Naming.Service}\", \"{op.OperationId}\", envelope_.{used});");
            var metadata = envelope.Metadata.Count == 0 ? ""
                : $", new {f.Naming.Service}ResponseMetadata {{ {string.Join(", ", envelope.Metadata.Select(m => $"{Naming.Pascal(m.Key)} = envelope_.{m.Property}"))} }}";
            w.Line($"return response_.With(envelope_.{envelope.DataProperty}, {(envelope.RequestIdProperty is { } rid ? $"envelope_.{rid}" : "null")}{metadata});");
            w.Close();
        }
        else if (op.Checks.Count == 0)
        {
            w.Line($"public virtual global::System.Threading.Tasks.Task<{result}> {op.MethodName}({string.Join(", ", args)}) =>");
            w.Line($"    {api}.{op.ApiMethod}({string.Join(", ", call)});");
        }
        else
        {
            w.Open($"public virtual global::System.Threading.Tasks.Task<{result}> {op.MethodName}({string.Join(", ", args)})");
            foreach (var check in op.Checks) w.Line(check);
            w.Line($"return {api}.{op.ApiMethod}({string.Join(", ", call)});");
            w.Close();
        }
        if (op.Work is { } work) EmitLongRunning(w, op, work, owner);
        if (op.Polls)
        {
            var id = op.ArgumentParameters.Single(a => a.Kind == "path").VariableName;
            w.Line();
            w.Line($"/// <summary>Long-running work polled by <c>{op.OperationId}</c>, by its id: work started elsewhere or before a restart. Call <c>WaitForCompletionAsync</c> or <c>UpdateStatusAsync</c> on it.</summary>");
            w.Line($"/// <param name=\"{id.TrimStart('@')}\">The id of the work.</param>");
            w.Line($"/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"{id.TrimStart('@')}\"/> is blank.</exception>");
            w.Line($"[{Core}.SpecOperation(\"{op.OperationId}\")]");
            w.Line($"public virtual {Core}.Polling.Operation<{op.ResultType}> {op.MethodName[..^"Async".Length]}Operation(string {id}) =>");
            w.Line($"    new({id}, {(owner == "this" ? "this" : owner)}.{Naming.Pascal(op.OperationId)}Polling);");
        }
    }

    /// <summary>
    /// An operation that starts work (<c>x-specwright-lro</c>): an overload taking <see cref="WaitUntil"/> that
    /// returns an <c>Operation&lt;T&gt;</c>, and <c>…AndWaitAsync</c> that returns the finished result.
    /// </summary>
    private static void EmitLongRunning(CSharpWriter w, SurfaceOperation op, SurfaceWork work, string owner)
    {
        var client = owner == "this" ? "this" : owner;
        var args = op.ArgumentParameters.Select(p => $"{p.Type} {p.VariableName}").ToList();
        if (op.OptionsParameters.Count > 0) args.Add($"{op.OptionsClass}? options = null");
        var pass = op.ArgumentParameters.Select(p => p.VariableName).ToList();
        if (op.OptionsParameters.Count > 0) pass.Add("options");
        var operation = $"{Core}.Polling.Operation<{work.PollType}>";
        var baseName = op.MethodName[..^"Async".Length];

        // The arguments are the starting call's: documented by reference to it.
        var cref = $"{op.MethodName}({string.Join(", ", op.ArgumentParameters.Select(a => CrefType(a.Type)).Concat(op.OptionsParameters.Count > 0 ? [op.OptionsClass] : []).Append(Ct))})";
        void ArgumentDocs()
        {
            foreach (var p in op.ArgumentParameters) w.Line($"/// <param name=\"{p.VariableName.TrimStart('@')}\">As in <see cref=\"{cref}\"/>.</param>");
            if (op.OptionsParameters.Count > 0) w.Line("/// <param name=\"options\">Optional parameters; unset ones are not sent.</param>");
        }
        void WaitDocs()
        {
            w.Line("/// <param name=\"cancellationToken\">Cancels the call and the wait (the work itself goes on).</param>");
            w.Line($"/// <exception cref=\"{Core}.Polling.OperationFailedException{{T}}\">The work ended in a failed state.</exception>");
            w.Line($"/// <exception cref=\"{Core}.Polling.OperationTimeoutException{{T}}\">The schedule's deadline passed first; the work goes on.</exception>");
        }

        w.Line();
        w.Line($"/// <summary>{Xml(op.Summary ?? op.OperationId)}, as long-running work polled by <c>{work.PollOperationId}</c>: with <see cref=\"{Core}.Polling.WaitUntil.Completed\"/> it returns once the work has ended.</summary>");
        w.Line($"/// <param name=\"waitUntil\">Return once the work has started, or once it has completed (then <c>Value</c> is the result).</param>");
        ArgumentDocs();
        WaitDocs();
        w.Line($"[{Core}.SpecOperation(\"{op.OperationId}\")]");
        w.Line($"[{Core}.SpecOperation(\"{work.PollOperationId}\")]");
        w.Open($"public virtual async global::System.Threading.Tasks.Task<{operation}> {op.MethodName}({string.Join(", ", args.Prepend($"{Core}.Polling.WaitUntil waitUntil").Append($"{Ct} cancellationToken = default"))})");
        w.Line($"var response_ = await {op.MethodName}({string.Join(", ", pass.Append("cancellationToken"))}).ConfigureAwait(false);");
        w.Line($"var operation_ = new {operation}(response_.Value.{work.IdProperty}, {client}.{work.PollingProperty}, {(work.StartReturnsPollType ? "response_.Value" : "null")}, justStarted: true);");
        w.Line($"if (waitUntil == {Core}.Polling.WaitUntil.Completed) await operation_.WaitForCompletionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);");
        w.Line("return operation_;");
        w.Close();

        w.Line();
        w.Line($"/// <summary>{Xml(op.Summary ?? op.OperationId)}, then waits until the work ends and returns its final state.</summary>");
        ArgumentDocs();
        w.Line("/// <param name=\"progress\">Told every state seen, in order, the first one included.</param>");
        w.Line("/// <param name=\"schedule\">Poll intervals and deadline; the spec's schedule when null.</param>");
        WaitDocs();
        w.Line($"[{Core}.SpecOperation(\"{op.OperationId}\")]");
        w.Line($"[{Core}.SpecOperation(\"{work.PollOperationId}\")]");
        w.Open($"public virtual async global::System.Threading.Tasks.Task<{work.PollType}> {baseName}AndWaitAsync({string.Join(", ", args.Append($"global::System.IProgress<{work.PollType}>? progress = null").Append($"{Core}.Polling.PollingSchedule? schedule = null").Append($"{Ct} cancellationToken = default"))})");
        w.Line($"var operation_ = await {op.MethodName}({string.Join(", ", pass.Prepend($"{Core}.Polling.WaitUntil.Started").Append("cancellationToken"))}).ConfigureAwait(false);");
        w.Line("return await operation_.WaitForCompletionAsync(progress, schedule, cancellationToken).ConfigureAwait(false);");
        w.Close();
    }

    private static string CrefType(string type) => type.TrimEnd('?').Replace('<', '{').Replace('>', '}');

    private static void Docs(CSharpWriter w, SpecFacts f, SurfaceOperation op)
    {
        w.Line($"/// <summary>{Xml(op.Summary ?? op.OperationId)}</summary>");
        if (op.Description is { } d && d != op.Summary) w.Line($"/// <remarks>{Xml(d)}</remarks>");
        foreach (var p in op.ArgumentParameters)
            w.Line($"/// <param name=\"{p.VariableName.TrimStart('@')}\">{Xml(p.Description ?? (p.Kind == "body" ? "The request body." : $"<c>{p.Name}</c> ({p.Kind})."))}</param>");
        if (op.OptionsParameters.Count > 0) w.Line("/// <param name=\"options\">Optional parameters; unset ones are not sent.</param>");
        w.Line("/// <param name=\"cancellationToken\">Cancels the call (and any retry wait).</param>");
        foreach (var (status, description) in op.ErrorResponses)
        foreach (var code in f.ErrorCodes.Where(c => c.Statuses.Contains(status)))
            w.Line($"/// <exception cref=\"{code.ExceptionName}\">HTTP {status}{(description is null ? "" : ": " + Xml(description))}</exception>");
        w.Line($"/// <exception cref=\"{f.Naming.ExceptionBase}\">Any other error the API returns (its code kept as sent).</exception>");
        w.Line($"/// <exception cref=\"{Core}.Errors.TransportException\">No usable response (connection failure, timeout, cut-off body).</exception>");
        if (op.ArgumentParameters.Count > 0) w.Line("/// <exception cref=\"global::System.ArgumentException\">A required argument is missing or blank.</exception>");
    }

    /// <summary>An <c>IOperationClient</c> method: any operation by id, raw arguments and body, handed to the transport's method of that name.</summary>
    private static void RawOperationMethod(CSharpWriter w, string name, string result, string bodyType, string body)
    {
        // The JSON form keeps its optional arguments; the content form takes its body, so a call with none is never ambiguous.
        var optional = bodyType.EndsWith('?');
        if (optional) w.Line("[global::System.Runtime.CompilerServices.OverloadResolutionPriority(1)] // a literal null body is the JSON form, as before OperationContent");
        w.Line($"public virtual global::System.Threading.Tasks.Task<{Core}.Http.ApiResponse<{result}>> {name}(string operationId,");
        w.Line($"    global::System.Collections.Generic.IReadOnlyDictionary<string, string>?{(optional ? " arguments = null" : " arguments")}, {bodyType} {body}{(optional ? " = null" : "")},");
        w.Line("    global::System.Threading.CancellationToken cancellationToken = default) =>");
        w.Line($"    Transport.{name}(operationId, arguments, {body}, cancellationToken);");
        w.Line();
    }

    private static string OptionsFile(SpecFacts f, List<SurfaceOperation> operations, ErrorShapeFact shape)
    {
        var n = f.Naming;
        var client = n.Service + "Client";
        var w = new CSharpWriter().Line(CSharpWriter.Header).Open($"namespace {n.Namespace}");
        var apiKeyScheme = f.Security.ApiKeyScheme;
        // The key is optional when some operation works without it: no security, `[]`, or a way of its own without the key's scheme.
        var keyless = operations.Select(o => f.Operations.First(x => x.OperationId == o.OperationId))
            .Any(x => !x.RequiresApiKey || x.Security?.Any(way => !way.Contains(apiKeyScheme!)) == true);
        var credentials = CredentialOptionsEmitter.Applies(f);
        w.Line($"/// <summary>Options of <see cref=\"{client}\"/>. <c>ApiKey</c> falls back to the <c>{n.ApiKeyEnvironmentVariable}</c> environment variable; {(n.DefaultBaseUrl is null ? $"<c>BaseUrl</c> falls back to <c>{n.BaseUrlEnvironmentVariable}</c> (the spec names no server, so one of them must be set)" : $"<c>BaseUrl</c> falls back to <c>{n.BaseUrlEnvironmentVariable}</c>, then <c>{Xml(n.DefaultBaseUrl)}</c>")}.</summary>");
        w.Open($"public sealed partial class {client}Options : {Core}.Options.SpecwrightClientOptions");
        w.Line("/// <summary>Checks these options against the spec's defaults (key variable, base URL, retries); errors name the setting.</summary>");
        w.Line($"internal {Core}.Options.ResolvedClientOptions Resolve() =>");
        var servers = ServerOptionsEmitter.Applies(f);
        var defaultUrl = servers ? "ServerUrl()" : n.DefaultBaseUrl is null ? "null" : $"{n.SpecClass}.DefaultBaseUrl";
        w.Line($"    Resolve({CSharpWriter.Literal(DisplayName(f.Title))}, {n.SpecClass}.ApiKeyEnvironmentVariable, {n.SpecClass}.BaseUrlEnvironmentVariable, {defaultUrl}, {n.SpecClass}.Retry.MaxRetries, {(credentials ? (keyless ? "true" : "false") + ", " + CredentialOptionsEmitter.ResolveArguments(f) : "apiKeyOptional: " + (keyless ? "true" : "false"))});");
        if (servers)
        {
            w.Line();
            ServerOptionsEmitter.EmitMembers(w, f);
        }
        if (credentials)
        {
            w.Line();
            CredentialOptionsEmitter.EmitMembers(w, f);
        }
        w.Close();
        w.Line();
        w.Line($"/// <summary>Registers <see cref=\"{client}\"/> with dependency injection.</summary>");
        w.Open($"public static partial class {n.Service}ServiceCollectionExtensions");
        const string services = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
        const string builder = "global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder";
        var create = $"o => o.Resolve(), (http, o) => new {client}(http, o)";
        w.Line($"/// <summary>Registers a <see cref=\"{client}\"/>; options are checked when the host starts. Chain handlers on the returned builder.</summary>");
        w.Line($"public static {builder} Add{client}(this {services} services, global::System.Action<{client}Options>? configure = null) =>");
        w.Line($"    {Core}.Internal.SpecwrightClientRegistration.Add(services, null, configure, {create});");
        w.Line();
        w.Line($"/// <summary>Registers a <see cref=\"{client}\"/> configured from a section (ApiKey, BaseUrl, MaxRetries, Timeout, MaxRetryAfter, RateLimit{string.Concat(ServerOptionsEmitter.SettingNames(f).Concat(CredentialOptionsEmitter.SettingNames(f)).Select(p => ", " + p))}).</summary>");
        w.Line($"public static {builder} Add{client}(this {services} services, global::Microsoft.Extensions.Configuration.IConfiguration section) =>");
        var binders = (servers ? " o.BindServer(section);" : "") + (credentials ? " o.BindCredentials(section);" : "");
        w.Line(binders.Length > 0
            ? $"    services.Add{client}(o => {{ {Core}.Internal.OptionsConfiguration.Bind(section, o);{binders} }});"
            : $"    services.Add{client}(o => {Core}.Internal.OptionsConfiguration.Bind(section, o));");
        w.Line();
        w.Line($"/// <summary>Registers one more <see cref=\"{client}\"/> under <paramref name=\"serviceKey\"/> (e.g. one per account); resolve it with <c>[FromKeyedServices]</c>.</summary>");
        w.Line($"public static {builder} AddKeyed{client}(this {services} services, object serviceKey, global::System.Action<{client}Options>? configure = null) =>");
        w.Line($"    {Core}.Internal.SpecwrightClientRegistration.Add(services, serviceKey ?? throw new global::System.ArgumentNullException(nameof(serviceKey)), configure, {create});");
        w.Close();
        w.Line();
        w.Line("/// <summary>The one error decoder of this service: where its error bodies keep their parts, from the spec.</summary>");
        w.Open($"internal static class {n.Service}ErrorDecoder");
        w.Line($"public static readonly {Core}.Internal.SpecErrorDecoder Instance = new(new {Core}.Internal.ErrorShape");
        w.Line("{");
        w.Line($"    Code = {Path(shape.Code)},");
        w.Line($"    Message = {Path(shape.Message)},");
        w.Line($"    Details = {Path(shape.Details)},");
        w.Line($"    RequestId = {Path(shape.RequestId)},");
        var errorEnvelopes = operations.Select(o => o.Envelope).OfType<SurfaceEnvelope>().Where(e => e.ErrorField is not null && e.ErrorValue is not null)
            .DistinctBy(e => e.EnvelopeType).ToList();
        var notRetryable = f.NotRetryableCodes();
        if (errorEnvelopes.Count == 0 && notRetryable.Count == 0)
        {
            w.Line($"}}, e => {n.ErrorFactory}.Create(e), {n.ErrorFactory}.CodeFor);");
        }
        else
        {
            w.Line($"}}, e => {n.ErrorFactory}.Create(e), {n.ErrorFactory}.CodeFor)");
            w.Line("{");
            if (notRetryable.Count > 0)
            {
                w.Line($"    NotRetryableCodes = new global::System.Collections.Generic.Dictionary<int, global::System.Collections.Generic.IReadOnlyList<string>>");
                w.Line("    {");
                foreach (var (status, codes) in notRetryable)
                    w.Line($"        [{status}] = new string[] {{ {string.Join(", ", codes.Select(CSharpWriter.Literal))} }},");
                w.Line("    },");
            }
            if (errorEnvelopes.Count > 0)
            {
                // A 2xx envelope that says error (x-specwright-envelope.error) is decoded like an error response.
                w.Line("    ErrorInSuccessBody = body => body switch");
                w.Line("    {");
                foreach (var e in errorEnvelopes)
                    w.Line($"        {e.EnvelopeType} e when e.{e.ErrorField}.ToString() == {CSharpWriter.Literal(e.ErrorValue!)} => global::System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(e, {n.JsonContext}.Default.{e.EnvelopeType}),");
                w.Line("        _ => null,");
                w.Line("    },");
            }
            w.Line("};");
        }
        w.Close();
        return w.Close().ToString();
    }

    /// <summary>The service as messages name it: the title without a trailing "API" ("webscrape.ai API" -> "webscrape.ai").</summary>
    private static string DisplayName(string title) =>
        System.Text.RegularExpressions.Regex.Replace(title.Trim(), @"\s+(API|Api|api)$", "") is { Length: > 0 } name ? name : title;

    private static string Path(string[] parts) => $"new string[] {{ {string.Join(", ", parts.Select(CSharpWriter.Literal))} }}";

    private static string GroupClass(string group) => Naming.Pascal(group) + "Client";

    private static string Nullable(string type) => type.EndsWith('?') ? type : type + "?";

    internal static string Xml(string text) =>
        text.Trim().Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", "").Replace("\n", " ");
}
