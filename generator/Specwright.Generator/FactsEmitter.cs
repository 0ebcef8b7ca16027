using System.Text.Json.Nodes;

namespace Specwright.Generator;

/// <summary>
/// Emits what the handwritten layer would otherwise retype from the spec: constants, retry and polling
/// rules, credit costs, one exception per error code with its typed details, the code factory, and the
/// terminal states of status enums.
/// </summary>
internal static class FactsEmitter
{
    public static string SpecClass(SpecFacts f)
    {
        var n = f.Naming;
        var w = new CSharpWriter().Line(CSharpWriter.Header).Open($"namespace {n.Namespace}");
        w.Line($"/// <summary>Facts of the OpenAPI document this assembly was generated from ({f.Title} {f.Version}).</summary>");
        w.Open($"public static partial class {n.SpecClass}");
        w.Line($"/// <summary>The spec's <c>info.title</c>.</summary>");
        w.Line($"public const string Title = {CSharpWriter.Literal(f.Title)};");
        w.Line($"/// <summary>The spec's <c>info.version</c>.</summary>");
        w.Line($"public const string Version = {CSharpWriter.Literal(f.Version)};");
        w.Line($"/// <summary>SHA-256 of the spec file the code was generated from.</summary>");
        w.Line($"public const string Sha256 = {CSharpWriter.Literal(f.Sha256)};");
        if (n.DefaultBaseUrl is not null) w.Line($"public const string DefaultBaseUrl = {CSharpWriter.Literal(n.DefaultBaseUrl)};");
        if (n.ApiKeyEnvironmentVariable is not null) w.Line($"public const string ApiKeyEnvironmentVariable = {CSharpWriter.Literal(n.ApiKeyEnvironmentVariable)};");
        w.Line("/// <summary>Read for the base URL when the options set none (a sandbox: <c>http://127.0.0.1:5080/v1</c>).</summary>");
        w.Line($"public const string BaseUrlEnvironmentVariable = {CSharpWriter.Literal(n.BaseUrlEnvironmentVariable)};");
        if (n.ApiKeyHeader is not null) w.Line($"public const string ApiKeyHeader = {CSharpWriter.Literal(n.ApiKeyHeader)};");
        if (f.WebhookAnswerWithinSeconds is { } answerWithin)
        {
            w.Line("/// <summary>How long the service's webhook sender waits for an answer (<c>x-specwright-delivery.answerWithinSeconds</c>): what a receiver answers within.</summary>");
            w.Line($"public static readonly global::System.TimeSpan WebhookSenderTimeout = global::System.TimeSpan.FromSeconds({CSharpWriter.Literal(answerWithin)});");
        }
        if (n.ApiKeyScheme is not null)
        {
            w.Line("/// <summary>The scheme the key is sent with (<c>ApiKeyHeader: scheme key</c>).</summary>");
            w.Line($"public const string ApiKeyScheme = {CSharpWriter.Literal(n.ApiKeyScheme)};");
        }
        if (n.ClientCredentials is { } flow)
        {
            w.Line("/// <summary>The OAuth2 client credentials flow's token URL: <c>options.TokenProvider = new ClientCredentialsTokenProvider(new Uri(TokenUrl), id, secret, Scopes)</c>.</summary>");
            w.Line($"public const string TokenUrl = {CSharpWriter.Literal(flow.TokenUrl)};");
            w.Line("/// <summary>The scopes the spec's client credentials flow lists.</summary>");
            w.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> Scopes {{ get; }} = new string[] {{ {string.Join(", ", flow.Scopes.Select(CSharpWriter.Literal))} }};");
        }
        if (CredentialOptionsEmitter.Applies(f)) EmitCredentialSchemes(w, f.Security);
        if (f.Servers.Count > 0) EmitServers(w, f.Servers);
        if (f.Pagination is { } p) EmitPagination(w, p);
        if (f.Retry is not null) EmitRetry(w, f.Retry);
        var keyless = f.Operations.Where(o => !o.RequiresApiKey).Select(o => CSharpWriter.Literal(o.OperationId)).ToList();
        w.Line("/// <summary>Operations the spec marks <c>security: []</c>: sent without the API key.</summary>");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyCollection<string> OperationsWithoutApiKey {{ get; }} = new string[] {{ {string.Join(", ", keyless)} }};");
        EmitOperations(w, f);
        EmitParameters(w, f);
        EmitDescription(w, f);
        return w.Close().Close().ToString();
    }

    private static void EmitDescription(CSharpWriter w, SpecFacts f)
    {
        var n = f.Naming;
        var variable = n.ApiKeyEnvironmentVariable ?? n.Service.ToUpperInvariant() + "_API_KEY";
        w.Line("/// <summary>This service as one object: how the sandbox, the CLI and the docs find it without being written for it.</summary>");
        w.Line($"public static global::Specwright.Core.Http.ServiceDescription Description {{ get; }} = new({CSharpWriter.Literal(n.Service.ToLowerInvariant())}, Title, Version,");
        w.Line($"    {CSharpWriter.Literal(f.SpecFile)}, {CSharpWriter.Literal(variable)}, Operations.All,");
        var extras = new List<string>();
        extras.Add($"BaseUrlEnvironmentVariable = {CSharpWriter.Literal(n.BaseUrlEnvironmentVariable)}");
        if (f.Servers.Count > 0) extras.Add("ServerUrl = ServerUrl");
        if (f.Security.OtherSchemes.Count > 0 && CredentialOptionsEmitter.Applies(f))
        {
            extras.Add("CredentialSchemes = CredentialSchemes");
            extras.Add($"CreateClientWithCredentials = (apiKey, baseUrl, credentials) => new {n.Service}Client(new {n.Service}ClientOptions {{ ApiKey = apiKey, BaseUrl = baseUrl" +
                string.Concat(f.Security.OtherSchemes.Select(s => $", {s.Option} = global::System.Collections.Generic.CollectionExtensions.GetValueOrDefault(credentials, {CSharpWriter.Literal(s.Name)})")) + " })");
        }
        w.Line($"    (apiKey, baseUrl) => new {n.Service}Client(new {n.Service}ClientOptions {{ ApiKey = apiKey, BaseUrl = baseUrl }})){(extras.Count > 0 ? " { " + string.Join(", ", extras) + " }" : "")};");
    }

    /// <summary>A parameter's <c>{ Constraints = new() { … } }</c>, or nothing when its schema has none.</summary>
    private static string Constraints(ValueConstraintsFact? c)
    {
        if (c is null) return "";
        var set = new List<string>();
        if (c.Minimum is { } min) set.Add($"Minimum = {CSharpWriter.Literal(min)}");
        if (c.Maximum is { } max) set.Add($"Maximum = {CSharpWriter.Literal(max)}");
        if (c.ExclusiveMinimum) set.Add("ExclusiveMinimum = true");
        if (c.ExclusiveMaximum) set.Add("ExclusiveMaximum = true");
        if (c.MinLength is { } minLength) set.Add($"MinLength = {minLength}");
        if (c.MaxLength is { } maxLength) set.Add($"MaxLength = {maxLength}");
        if (c.Pattern is { } pattern) set.Add($"Pattern = {CSharpWriter.Literal(pattern)}");
        if (c.Enum is { } values) set.Add($"Enum = new string[] {{ {string.Join(", ", values.Select(CSharpWriter.Literal))} }}");
        return $" {{ Constraints = new() {{ {string.Join(", ", set)} }} }}";
    }

    /// <summary>The scheme <c>ApiKey</c> fills and the others some operations take, for the options and the key handler.</summary>
    private static void EmitCredentialSchemes(CSharpWriter w, SecurityFacts security)
    {
        w.Line("/// <summary>The security scheme the <c>ApiKey</c> option (or a token provider) fills.</summary>");
        w.Line($"public const string ApiKeySecurityScheme = {CSharpWriter.Literal(security.ApiKeyScheme!)};");
        w.Line("/// <summary>The spec's other security schemes that operations take: how each is sent, and its option and environment variable.</summary>");
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<global::Specwright.Core.Auth.CredentialScheme> CredentialSchemes { get; } = new global::Specwright.Core.Auth.CredentialScheme[]");
        w.Line("{");
        foreach (var s in security.OtherSchemes)
            w.Line($"    new({CSharpWriter.Literal(s.Name)}, global::Specwright.Core.Auth.CredentialLocation.{s.Location}, {CSharpWriter.Literal(s.ParameterName)}, " +
                   $"{(s.Prefix is null ? "null" : CSharpWriter.Literal(s.Prefix))}, {CSharpWriter.Literal(s.Option)}, {CSharpWriter.Literal(s.EnvironmentVariable)}),");
        w.Line("};");
    }

    private static void EmitRetry(CSharpWriter w, JsonObject r)
    {
        var statuses = string.Join(", ", r["statuses"]!.AsArray().Select(s => s!.ToString()));
        w.Line("/// <summary>The vendor's retry rules (<c>x-specwright-retry</c>).</summary>");
        w.Open("public static global::Specwright.Core.Retry.RetryRules Retry { get; } = new global::Specwright.Core.Retry.RetryRules");
        w.Line($"RetryableStatuses = new int[] {{ {statuses} }},");
        w.Line($"RetryConnectionFailures = {Bool(r["connectionFailures"])},");
        w.Line($"MaxRetries = {r["maxRetries"]!},");
        w.Line($"BaseDelay = global::System.TimeSpan.FromSeconds({r["baseDelaySeconds"]!}),");
        w.Line($"MaxDelay = global::System.TimeSpan.FromSeconds({r["maxDelaySeconds"]!}),");
        w.Line($"RetryAfterCap = global::System.TimeSpan.FromSeconds({r["retryAfterMaxSeconds"]!}),");
        w.Line($"BilledRequestsSafeToRetry = {Bool(r["billedPostsSafeToRetry"])},");
        // Where a 429's body names the key's limits, as a dotted path from the body's root (`error.details.limit_per_min`).
        if (r["rateLimitBody"] is JsonObject body)
            foreach (var (key, property) in new[] { ("requestsPerMinute", "RequestsPerMinuteField"), ("maxConcurrentRequests", "MaxConcurrentRequestsField") })
                if (body[key]?.GetValue<string>() is { Length: > 0 } path)
                    w.Line($"{property} = new string[] {{ {string.Join(", ", path.Split('.').Select(CSharpWriter.Literal))} }},");
        w.Close(";");
    }

    /// <summary>
    /// The spec's servers: <c>Servers</c> (templates as written) and <c>ServerUrl(index, variables)</c>, which picks one and fills
    /// its variables (each one's default unless given; an <c>enum</c> variable refuses other values) for <c>options.BaseUrl</c>.
    /// </summary>
    private static void EmitServers(CSharpWriter w, IReadOnlyList<ServerFact> servers)
    {
        const string dict = "global::System.Collections.Generic.IReadOnlyDictionary<string, string>";
        w.Line("/// <summary>Every server the spec lists, as written (<c>{variable}</c>s unfilled); pick one with <see cref=\"ServerUrl\"/>.</summary>");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> Servers {{ get; }} = new string[] {{ {string.Join(", ", servers.Select(s => CSharpWriter.Literal(s.Url)))} }};");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// A server's URL for <c>options.BaseUrl</c>: <paramref name=\"index\"/> into <see cref=\"Servers\"/>" + string.Concat(servers.Select((s, i) => $" ({i}: {SurfaceEmitter.Xml(s.Description ?? s.Url)})")) + ",");
        w.Line("/// its variables from <paramref name=\"variables\"/> or their defaults.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">No such server, a variable it does not have, or a value its <c>enum</c> does not allow.</exception>");
        w.Open($"public static global::System.Uri ServerUrl(int index = 0, {dict}? variables = null)");
        w.Line("switch (index)");
        w.Line("{");
        for (var i = 0; i < servers.Count; i++)
        {
            var s = servers[i];
            w.Line($"    case {i}:");
            var known = string.Join(", ", s.Variables.Select(v => CSharpWriter.Literal(v.Name)));
            w.Line($"        global::Specwright.Core.Internal.Checks.ServerVariables(variables, new string[] {{ {known} }});");
            var url = CSharpWriter.Literal(s.Url);
            var fill = url;
            foreach (var v in s.Variables)
            {
                var allowed = v.Allowed.Length == 0 ? "null" : $"new string[] {{ {string.Join(", ", v.Allowed.Select(CSharpWriter.Literal))} }}";
                fill = $"{fill}.Replace({CSharpWriter.Literal("{" + v.Name + "}")}, global::Specwright.Core.Internal.Checks.ServerVariable(variables, {CSharpWriter.Literal(v.Name)}, {CSharpWriter.Literal(v.Default)}, {allowed}), global::System.StringComparison.Ordinal)";
            }
            w.Line($"        return new global::System.Uri({fill}, global::System.UriKind.RelativeOrAbsolute);");
        }
        w.Line("    default:");
        w.Line($"        throw new global::System.ArgumentException($\"The spec lists {servers.Count} server(s); there is no server {{index}}.\", nameof(index));");
        w.Line("}");
        w.Close();
    }

    private static void EmitPagination(CSharpWriter w, JsonObject p)
    {
        w.Line("/// <summary>How list operations page (<c>x-specwright-pagination</c>).</summary>");
        w.Open("public static global::Specwright.Core.Paging.CursorPagination Pagination { get; } = new global::Specwright.Core.Paging.CursorPagination");
        foreach (var (key, value) in p.Where(kv => kv.Key != "style"))
            w.Line($"{Naming.Pascal(key)} = {CSharpWriter.Literal(value!.GetValue<string>())},");
        w.Close(";");
    }

    private static string Bool(JsonNode? n) => Bool(n?.GetValue<bool>() == true);

    private static string Bool(bool b) => b ? "true" : "false";

    /// <summary>
    /// The statuses after which an operation may be retried: the vendor's retryable statuses, for a POST or PATCH
    /// only where failed billed calls are free (<c>billedPostsSafeToRetry</c>) or the status says the request was
    /// refused before any work (<c>billedPostRetryStatuses</c>, e.g. 429).
    /// </summary>
    private static IEnumerable<long> RetryableStatuses(SpecFacts f, OperationFact op)
    {
        var statuses = f.Retry!["statuses"]!.AsArray().Select(s => s!.GetValue<long>());
        if (op.Method is not ("POST" or "PATCH") || f.Retry["billedPostsSafeToRetry"]?.GetValue<bool>() == true) return statuses;
        var safe = (f.Retry["billedPostRetryStatuses"] as JsonArray ?? []).Select(s => s!.GetValue<long>()).ToHashSet();
        return statuses.Where(safe.Contains);
    }

    private static void EmitOperations(CSharpWriter w, SpecFacts f)
    {
        w.Line("/// <summary>One entry per operation: its id, method, path, credit cost and polling schedule.</summary>");
        w.Open("public static partial class Operations");
        w.Line("/// <summary>Every operation's facts by id: the transport puts them on each request, where the handlers read them.</summary>");
        w.Open("public static global::System.Collections.Generic.IReadOnlyDictionary<string, global::Specwright.Core.Http.OperationInfo> All { get; } = new global::System.Collections.Generic.Dictionary<string, global::Specwright.Core.Http.OperationInfo>");
        foreach (var op in f.Operations) w.Line($"[{CSharpWriter.Literal(op.OperationId)}] = {Naming.Pascal(op.OperationId)}.Info,");
        w.Close(";");
        foreach (var op in f.Operations)
        {
            w.Open($"public static partial class {Naming.Pascal(op.OperationId)}");
            w.Line($"public const string Id = {CSharpWriter.Literal(op.OperationId)};");
            w.Line("/// <summary>This operation's facts as one object, carried on its requests.</summary>");
            w.Line($"public static global::Specwright.Core.Http.OperationInfo Info {{ get; }} = new({CSharpWriter.Literal(op.OperationId)})");
            w.Line("{");
            w.Line($"    RequiresApiKey = {Bool(op.RequiresApiKey)},");
            if (op.Security is { } ways)
                w.Line($"    Security = new string[][] {{ {string.Join(", ", ways.Select(way => $"new string[] {{ {string.Join(", ", way.Select(CSharpWriter.Literal))} }}"))} }},");
            w.Line($"    RetryableStatuses = new int[] {{ {string.Join(", ", RetryableStatuses(f, op))} }},");
            if (op.Credits?["cost"] is { } cost) w.Line($"    CreditCost = {cost},");
            if (op.AttemptTimeout is { } timeout)
                w.Line($"    AttemptTimeout = new global::Specwright.Core.Http.AttemptTimeoutRule({CSharpWriter.Literal(timeout.Parameter)}, {CSharpWriter.Literal(timeout.DefaultSeconds)}, {CSharpWriter.Literal(timeout.MarginSeconds)}),");
            w.Line($"    Method = {CSharpWriter.Literal(op.Method)},");
            w.Line($"    Path = {CSharpWriter.Literal(op.Path)},");
            if (op.ResponseMediaType is { } mediaType) w.Line($"    ResponseMediaType = {CSharpWriter.Literal(mediaType)},");
            if (op.RedirectAnswer is { } redirect) w.Line($"    RedirectAnswer = {redirect},");
            if (op.Summary is { } summary) w.Line($"    Summary = {CSharpWriter.Literal(summary)},");
            if (op.Parameters.Count > 0)
            {
                w.Line("    Parameters = new global::Specwright.Core.Http.OperationParameter[]");
                w.Line("    {");
                foreach (var parameter in op.Parameters)
                    w.Line($"        new({CSharpWriter.Literal(parameter.Name)}, global::Specwright.Core.Http.ParameterLocation.{parameter.In}, {Bool(parameter.Required)}, {CSharpWriter.Literal(parameter.Type)}, {(parameter.Description is null ? "null" : CSharpWriter.Literal(parameter.Description))}){Constraints(parameter.Constraints)},");
                w.Line("    },");
            }
            if (op.Body is { } body)
            {
                var mediaTypes = body.MediaTypes is ["application/json"] ? "" // Core's default
                    : $" {{ MediaTypes = new string[] {{ {string.Join(", ", body.MediaTypes.Select(CSharpWriter.Literal))} }} }}";
                w.Line($"    Body = new global::Specwright.Core.Http.OperationBody({Bool(body.Required)}, {(body.Description is null ? "null" : CSharpWriter.Literal(body.Description))}){mediaTypes},");
            }
            w.Line("};");
            w.Line($"public const string Method = {CSharpWriter.Literal(op.Method)};");
            w.Line($"public const string Path = {CSharpWriter.Literal(op.Path)};");
            if (op.Credits is { } c)
            {
                w.Line("/// <summary>Credits charged (<c>x-specwright-credits</c>).</summary>");
                w.Line($"public const int CreditCost = {c["cost"]!};");
                w.Line($"public const string CreditsPer = {CSharpWriter.Literal(c["per"]!.GetValue<string>())};");
                if (c["billed"] is { } billed) w.Line($"public const string CreditsBilled = {CSharpWriter.Literal(billed.GetValue<string>())};");
                if (c["requiredUpFront"] is { } upfront) w.Line($"public const int CreditsRequiredUpFront = {upfront};");
                foreach (var (name, extra) in c["surcharges"]?.AsObject() ?? new JsonObject())
                    w.Line($"public const int {Naming.Pascal(name)}Surcharge = {extra};");
            }
            if (!op.RequiresApiKey) w.Line("/// <summary>Called without the API key (<c>security: []</c>).</summary>");
            w.Line($"public const bool RequiresApiKey = {Bool(op.RequiresApiKey)};");
            if (op.Paginated) w.Line("/// <summary>A list operation that pages as <see cref=\"Pagination\"/> says (<c>x-specwright-paginated</c>).</summary>");
            w.Line($"public const bool IsPaginated = {Bool(op.Paginated)};");
            w.Line("/// <summary><c>country</c> values this operation refuses (<c>x-specwright-unsupported-countries</c>); empty when none.</summary>");
            w.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> UnsupportedCountries {{ get; }} = new string[] {{ {string.Join(", ", op.UnsupportedCountries.Select(CSharpWriter.Literal))} }};");
            if (op.Polling is { } p)
            {
                w.Line("/// <summary>The wait schedule for this poll operation (<c>x-specwright-polling</c>).</summary>");
                w.Open("public static global::Specwright.Core.Polling.PollingSchedule Polling { get; } = new global::Specwright.Core.Polling.PollingSchedule");
                w.Line($"InitialInterval = global::System.TimeSpan.FromSeconds({p["initialIntervalSeconds"]!}),");
                w.Line($"Multiplier = {CSharpWriter.Literal(p["multiplier"]!.GetValue<double>())},");
                w.Line($"MaxInterval = global::System.TimeSpan.FromSeconds({p["maxIntervalSeconds"]!}),");
                w.Line($"Timeout = global::System.TimeSpan.FromSeconds({p["timeoutSeconds"]!}),");
                w.Close(";");
            }
            w.Close();
        }
        w.Close();
    }

    private static void EmitParameters(CSharpWriter w, SpecFacts f)
    {
        if (f.Parameters.Count == 0) return;
        w.Line("/// <summary>The reusable parameters (<c>components/parameters</c>): wire name and constraints, for client-side checks.</summary>");
        w.Open("public static partial class Parameters");
        foreach (var p in f.Parameters)
        {
            w.Open($"public static partial class {Naming.Pascal(p.Key)}");
            w.Line($"public const string Name = {CSharpWriter.Literal(p.Name)};");
            w.Line($"public const string In = {CSharpWriter.Literal(p.In)};");
            w.Line($"public const bool Required = {Bool(p.Required)};");
            if (p.MinLength is { } minLength) w.Line($"public const int MinLength = {minLength};");
            if (p.MaxLength is { } maxLength) w.Line($"public const int MaxLength = {maxLength};");
            if (p.Minimum is { } min) w.Line($"public const double Minimum = {CSharpWriter.Literal(min)};");
            if (p.Maximum is { } max) w.Line($"public const double Maximum = {CSharpWriter.Literal(max)};");
            if (p.Pattern is { } pattern) w.Line($"public const string Pattern = {CSharpWriter.Literal(pattern)};");
            if (p.Default is JsonValue d)
            {
                if (d.TryGetValue<bool>(out var b)) w.Line($"public const bool Default = {Bool(b)};");
                else if (d.TryGetValue<string>(out var str)) w.Line($"public const string Default = {CSharpWriter.Literal(str)};");
                else if (d.TryGetValue<long>(out var l)) w.Line($"public const double Default = {l};");
                else w.Line($"public const double Default = {CSharpWriter.Literal(d.GetValue<double>())};");
            }
            w.Close();
        }
        w.Close();
    }

    private static readonly HashSet<string> ReservedExceptionMembers = new(StringComparer.Ordinal)
    {
        "Message", "Data", "Source", "StackTrace", "HResult", "InnerException", "TargetSite", "HelpLink",
        "StatusCode", "ErrorCode", "ErrorMessage", "RequestId", "Details", "RetryAfter", "ResponseBody", "Error", "DetailsModel",
    };

    public static string Errors(SpecFacts f)
    {
        var n = f.Naming;
        var w = new CSharpWriter().Line(CSharpWriter.Header).Open($"namespace {n.Namespace}");
        w.Line($"/// <summary>An error returned by the {f.Title}. Subclasses exist for each stable error code; an unknown code throws this type with <see cref=\"global::Specwright.Core.Errors.ApiException.ErrorCode\"/> kept.</summary>");
        w.Open($"public partial class {n.ExceptionBase} : global::Specwright.Core.Errors.ApiException");
        w.Line($"public {n.ExceptionBase}(global::Specwright.Core.Errors.ApiErrorInfo error) : base(error) {{ }}");
        w.Close();
        var families = f.ErrorCodes.Select(c => c.Family).OfType<string>().Distinct().ToList();
        foreach (var family in families.Where(fam => f.ErrorCodes.All(c => c.Code != fam)))
        {
            var members = string.Join(", ", f.ErrorCodes.Where(c => c.Family == family).Select(c => $"<c>{c.Code}</c>"));
            w.Line();
            w.Line($"/// <summary>The <c>{family}</c> family of errors ({members}): catch it to take them all.</summary>");
            w.Open($"public partial class {Naming.Pascal(family)}Exception : {n.ExceptionBase}");
            w.Line($"public {Naming.Pascal(family)}Exception(global::Specwright.Core.Errors.ApiErrorInfo error) : base(error) {{ }}");
            w.Close();
        }
        foreach (var code in f.ErrorCodes)
        {
            w.Line();
            w.Line(code.ByStatus
                ? $"/// <summary>HTTP {code.Statuses[0]} ({code.Code.Replace('_', ' ')}), whatever code the body carries (kept in <see cref=\"global::Specwright.Core.Errors.ApiException.ErrorCode\"/>).</summary>"
                : $"/// <summary>Error code <c>{code.Code}</c> (HTTP {string.Join(" or ", code.Statuses)}).</summary>");
            // A family's own code is its base, so it is not sealed; members derive from their family.
            var isFamily = families.Contains(code.Code);
            w.Open($"public {(isFamily ? "" : "sealed ")}partial class {code.ExceptionName} : {code.FamilyExceptionName ?? n.ExceptionBase}");
            if (code.DetailsSchema is null)
            {
                w.Line($"public {code.ExceptionName}(global::Specwright.Core.Errors.ApiErrorInfo error) : base(error) {{ }}");
                w.Close();
                continue;
            }
            var model = Naming.Pascal(code.DetailsSchema);
            w.Line($"public {code.ExceptionName}(global::Specwright.Core.Errors.ApiErrorInfo error) : base(error)");
            w.Line("{");
            w.Line($"    DetailsModel = error.DetailsAs({n.JsonContext}.Default.{model});");
            w.Line("}");
            w.Line($"/// <summary><c>error.details</c> as its documented type, or null when absent or not of that shape.</summary>");
            w.Line($"public {model}? DetailsModel {{ get; }}");
            foreach (var p in code.DetailsProperties.Where(p => p.CSharpType is not null))
            {
                var name = Naming.Pascal(p.WireName);
                if (ReservedExceptionMembers.Contains(name)) name = "Details" + name;
                w.Line($"/// <summary><c>details.{p.WireName}</c>.</summary>");
                w.Line($"public {p.CSharpType}? {name} => DetailsModel?.{Naming.Pascal(p.WireName)};");
            }
            w.Close();
        }
        w.Line();
        EmitFactory(w, f);
        return w.Close().ToString();
    }

    private static void EmitFactory(CSharpWriter w, SpecFacts f)
    {
        var n = f.Naming;
        w.Line("/// <summary>Maps an error code to its exception type; the codes and statuses come from the spec.</summary>");
        w.Open($"public static partial class {n.ErrorFactory}");
        w.Line("/// <summary>Every error code the spec documents.</summary>");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> KnownCodes {{ get; }} = new string[] {{ {string.Join(", ", f.ErrorCodes.Select(c => CSharpWriter.Literal(c.Code)))} }};");
        if (f.ErrorCodes.Count > 0 && f.ErrorCodes.All(c => c.ByStatus))
        {
            // Kinds by status: the body's own code (kept in ErrorCode) does not choose the type.
            w.Open($"public static {n.ExceptionBase} Create(global::Specwright.Core.Errors.ApiErrorInfo error) => error.StatusCode switch");
            foreach (var c in f.ErrorCodes) w.Line($"{c.Statuses[0]} => new {c.ExceptionName}(error),");
        }
        else
        {
            w.Open($"public static {n.ExceptionBase} Create(global::Specwright.Core.Errors.ApiErrorInfo error) => error.ErrorCode switch");
            foreach (var c in f.ErrorCodes) w.Line($"{CSharpWriter.Literal(c.Code)} => new {c.ExceptionName}(error),");
        }
        w.Line($"_ => new {n.ExceptionBase}(error),");
        w.Close(";");
        w.Line("/// <summary>The code an error body without one stands for: only where exactly one documented code has that status.</summary>");
        w.Open("public static string? CodeForStatus(int status) => status switch");
        foreach (var g in f.ErrorCodes.SelectMany(c => c.Statuses.Select(s => (s, c.Code))).GroupBy(x => x.s).Where(g => g.Count() == 1).OrderBy(g => g.Key))
            w.Line($"{g.Key} => {CSharpWriter.Literal(g.Single().Code)},");
        w.Line("_ => null,");
        w.Close(";");
        EmitCodeFor(w, f);
        w.Line("/// <summary>The HTTP status the spec documents for a code (its first, where several are listed); 0 for an unknown code.</summary>");
        w.Open("public static int StatusForCode(string? code) => code switch");
        foreach (var c in f.ErrorCodes) w.Line($"{CSharpWriter.Literal(c.Code)} => {c.Statuses[0]},");
        w.Line("_ => 0,");
        w.Close(";");
        w.Line("/// <summary>Whether the spec marks the code as retryable.</summary>");
        var retryable = f.ErrorCodes.Where(c => c.Retryable).Select(c => CSharpWriter.Literal(c.Code)).ToList();
        w.Line(retryable.Count == 0
            ? "public static bool IsRetryableCode(string? code) => false;"
            : $"public static bool IsRetryableCode(string? code) => code is {string.Join(" or ", retryable)};");
        w.Close();
    }

    /// <summary>
    /// The code of an error body that carries none: the only code of that status, else the code whose
    /// <c>match</c> phrase the message contains (case-insensitive), else the status's fallback code.
    /// </summary>
    private static void EmitCodeFor(CSharpWriter w, SpecFacts f)
    {
        w.Line("/// <summary>The code for a status and message when the body has no code: by status, then by the spec's <c>match</c> phrases, then the status's fallback.</summary>");
        w.Open("public static string? CodeFor(int status, string? message)");
        var byStatus = f.ErrorCodes.SelectMany(c => c.Statuses.Select(s => (Status: s, Code: c))).GroupBy(x => x.Status).Where(g => g.Count() > 1).OrderBy(g => g.Key).ToList();
        foreach (var g in byStatus)
        {
            w.Open($"if (status == {g.Key})");
            foreach (var (_, c) in g.Where(x => x.Code.Match.Length > 0))
            {
                var tests = string.Join(" || ", c.Match.Select(m => $"message.Contains({CSharpWriter.Literal(m)}, global::System.StringComparison.OrdinalIgnoreCase)"));
                w.Line($"if (message is not null && ({tests})) return {CSharpWriter.Literal(c.Code)};");
            }
            var fallback = g.FirstOrDefault(x => x.Code.Fallback).Code;
            w.Line(fallback is null ? "return null;" : $"return {CSharpWriter.Literal(fallback.Code)};");
            w.Close();
        }
        w.Line("return CodeForStatus(status);");
        w.Close();
    }

    public static string TerminalStates(SpecFacts f)
    {
        var w = new CSharpWriter().Line(CSharpWriter.Header).Open($"namespace {f.Naming.Namespace}");
        foreach (var t in f.TerminalEnums)
        {
            var unknown = t.Success.Concat(t.Failure).Except(t.AllValues).ToList();
            if (unknown.Count > 0) throw new InvalidOperationException($"{t.EnumType}: x-specwright-terminal names values not in the enum: {string.Join(", ", unknown)}");
            w.Open($"public readonly partial struct {t.EnumType} : global::Specwright.Core.Polling.ITerminalState");
            w.Line("/// <summary>True for a state the spec marks terminal. Unknown values are not terminal.</summary>");
            w.Line("public bool IsTerminal => IsSuccess || IsFailure;");
            w.Line("/// <summary>True for the spec's successful terminal states.</summary>");
            w.Line($"public bool IsSuccess => {Any(t.Success)};");
            w.Line("/// <summary>True for the spec's failed terminal states.</summary>");
            w.Line($"public bool IsFailure => {Any(t.Failure)};");
            w.Close();
        }
        return w.Close().ToString();
    }

    private static string Any(string[] values) =>
        values.Length == 0 ? "false" : string.Join(" || ", values.Select(v => $"Value == {CSharpWriter.Literal(v)}"));

    /// <summary>The options of every JSON context of a service: nulls left out, metadata anywhere in an object, numbers read from strings, and its converters.</summary>
    public static string JsonContextOptions(bool unixTime, IEnumerable<string> converters)
    {
        var all = (unixTime ? ["typeof(global::Specwright.Core.Serialization.UnixSecondsJsonConverter)"] : Array.Empty<string>()).Concat(converters).ToList();
        var list = all.Count > 0 ? $", Converters = new[] {{ {string.Join(", ", all)} }}" : "";
        // Numbers are read from JSON strings too ("price": "-0.0025", as Twilio sends what its spec calls a number); they are
        // always written as numbers.
        return "[global::System.Text.Json.Serialization.JsonSourceGenerationOptions(DefaultIgnoreCondition = global::System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull, "
            + $"AllowOutOfOrderMetadataProperties = true, NumberHandling = global::System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString{list})]";
    }

    /// <param name="unixTime">The spec's timestamps are Unix seconds: every DateTimeOffset is read and written as one.</param>
    /// <param name="converters">More converters the context registers (<c>typeof(...)</c> expressions).</param>
    public static string JsonContext(SpecFacts f, IEnumerable<string> typeNames, bool unixTime, IEnumerable<string>? converters = null)
    {
        var w = new CSharpWriter().Line(CSharpWriter.Header).Open($"namespace {f.Naming.Namespace}");
        w.Line("/// <summary>System.Text.Json source-generated metadata for every model of the spec (trimming and AOT safe).</summary>");
        w.Line(JsonContextOptions(unixTime, converters ?? []));
        // JsonElement always: any-value results and SendOperationAsync read it, and a spec without models still needs a context.
        foreach (var t in typeNames.Append("System.Text.Json.JsonElement").Distinct().OrderBy(t => t, StringComparer.Ordinal))
            w.Line($"[global::System.Text.Json.Serialization.JsonSerializable(typeof({t}))]");
        w.Line($"public partial class {f.Naming.JsonContext} : global::System.Text.Json.Serialization.JsonSerializerContext");
        w.Line("{");
        w.Line("}");
        return w.Close().ToString();
    }
}
