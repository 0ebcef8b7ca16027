using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Specwright.Generator.Model;

namespace Specwright.Generator;

/// <summary>What the handwritten layer needs from the spec, read once from its vendor extensions.</summary>
public sealed record SpecFacts(
    ClientNaming Naming,
    string Title,
    string Version,
    string Sha256,
    JsonObject? Retry,
    IReadOnlyList<ErrorCodeFact> ErrorCodes,
    IReadOnlyList<TerminalFact> TerminalEnums,
    IReadOnlyList<OperationFact> Operations,
    IReadOnlyList<ParameterFact> Parameters,
    JsonObject? Pagination)
{
    /// <summary>The spec's file name (<c>crawler.yaml</c>).</summary>
    public string SpecFile { get; init; } = "";

    /// <summary>Every server the spec lists: its URL template and its variables (default, allowed values).</summary>
    public IReadOnlyList<ServerFact> Servers { get; init; } = [];

    /// <summary>The scheme <c>ApiKey</c> fills and the other schemes some operations take.</summary>
    public SecurityFacts Security { get; init; } = new(null, []);

    /// <summary>
    /// How long the service's webhook sender waits for an answer (<c>x-specwright-delivery.answerWithinSeconds</c> on a webhook's
    /// operation; the shortest when several say); null when no webhook says.
    /// </summary>
    public double? WebhookAnswerWithinSeconds { get; init; }

    public static SpecFacts Read(string specPath, string? service = null)
    {
        var root = SpecNormalizer.Load(specPath);
        return Read(ServiceModel.Read(root), specPath, service);
    }

    /// <summary>
    /// Codes marked <c>retryable: false</c> on a status the vendor retries (a 429 that means "out of credits"), by status:
    /// the error decoder decides those responses' retry by their code.
    /// </summary>
    public IReadOnlyDictionary<int, string[]> NotRetryableCodes()
    {
        var retried = Retry?["statuses"]?.AsArray().Select(s => (int)s!.GetValue<long>()).ToHashSet() ?? [];
        return ErrorCodes.Where(c => !c.Retryable).SelectMany(c => c.Statuses.Where(retried.Contains).Select(s => (Status: s, c.Code)))
            .GroupBy(x => x.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Select(x => x.Code).ToArray());
    }

    /// <param name="model">The spec's one model (its inline schemas already named, <see cref="InlineSchemas"/>).</param>
    /// <param name="specPath">The spec file (hashed as it is on disk).</param>
    /// <param name="service">The service name when the spec has no <c>info.x-specwright.service</c> (else taken from the title).</param>
    public static SpecFacts Read(ServiceModel model, string specPath, string? service = null)
    {
        var root = model.Root;
        var info = root["info"]!.AsObject();
        var naming = ClientNaming.From(root, service);
        var schemas = root["components"]?["schemas"]?.AsObject() ?? new JsonObject();
        var operations = ReadOperations(model);
        var security = SecurityFacts.Read(root, operations.Select(o => o.Security), naming.Service, naming.ApiKeyEnvironmentVariable ?? "");
        return new SpecFacts(
            naming,
            info["title"]!.GetValue<string>(),
            info["version"]!.ToString(),
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(specPath))),
            info["x-specwright-retry"]?.AsObject() ?? DefaultRetry(),
            ReadErrorCodes(schemas) is { Count: > 0 } codes ? codes : StatusKinds(model),
            ReadTerminalEnums(schemas),
            operations,
            ReadParameters(root),
            ReadPagination(info, operations))
        {
            SpecFile = Path.GetFileName(specPath), Servers = ReadServers(root), Security = security,
            WebhookAnswerWithinSeconds = (root["webhooks"] as JsonObject ?? []).SelectMany(w => w.Value as JsonObject ?? [])
                .Select(op => Number(op.Value?["x-specwright-delivery"]?["answerWithinSeconds"])).OfType<double>().DefaultIfEmpty().Min() is var s and > 0 ? s : null,
        };
    }

    /// <summary>
    /// A spec without <c>x-specwright-retry</c>: the common HTTP rules (408, 429 and 5xx except 501, connection
    /// failures, 2 retries, full jitter) for methods that may be repeated; a POST is never retried after an
    /// error status, since nothing says a failed one was not processed.
    /// </summary>
    private static JsonObject DefaultRetry() => new()
    {
        ["statuses"] = new JsonArray(408L, 429L, 500L, 502L, 503L, 504L),
        ["connectionFailures"] = true,
        ["maxRetries"] = 2,
        ["baseDelaySeconds"] = 1,
        ["maxDelaySeconds"] = 30,
        ["billedPostsSafeToRetry"] = false,
        ["retryAfterMaxSeconds"] = 60,
    };

    private static readonly Dictionary<int, string> StatusNames = new()
    {
        [400] = "bad_request", [401] = "unauthorized", [402] = "payment_required", [403] = "forbidden", [404] = "not_found",
        [405] = "method_not_allowed", [408] = "request_timeout", [409] = "conflict", [410] = "gone", [413] = "payload_too_large",
        [415] = "unsupported_media_type", [422] = "unprocessable_entity", [429] = "rate_limited", [500] = "internal_server_error",
        [501] = "not_implemented", [502] = "bad_gateway", [503] = "service_unavailable", [504] = "gateway_timeout",
    };

    /// <summary>
    /// A spec without <c>x-specwright-error-codes</c>: one error kind per documented error status (404 ->
    /// <c>not_found</c> -> NotFoundException), told apart by status whatever code the body carries.
    /// </summary>
    private static List<ErrorCodeFact> StatusKinds(ServiceModel model)
    {
        var statuses = new SortedSet<int>();
        foreach (var (code, _) in model.Operations.SelectMany(o => o.ErrorStatuses))
            if (StatusNames.ContainsKey(code)) statuses.Add(code);
        return statuses.Select(code => new ErrorCodeFact(StatusNames[code], [code], code is 408 or 429 or >= 500 and not 501, null, [], [], false)
            { ByStatus = true }).ToList();
    }

    private static List<ErrorCodeFact> ReadErrorCodes(JsonObject schemas)
    {
        var codesSchema = schemas.FirstOrDefault(s => s.Value?["x-specwright-error-codes"] is not null);
        if (codesSchema.Value is null) return [];
        var details = ReadDetailsByCode(schemas);
        var facts = new List<ErrorCodeFact>();
        foreach (var (code, meta) in codesSchema.Value["x-specwright-error-codes"]!.AsObject())
        {
            var statuses = meta?["status"] switch
            {
                JsonArray a => a.Select(n => n!.GetValue<long>()).Select(v => (int)v).ToArray(),
                JsonValue v => [(int)v.GetValue<long>()],
                _ => throw new InvalidOperationException($"error code '{code}' has no status"),
            };
            details.TryGetValue(code, out var detailsSchema);
            facts.Add(new ErrorCodeFact(code, statuses, meta?["retryable"]?.GetValue<bool>() ?? false,
                detailsSchema, detailsSchema is null ? [] : ReadProperties(schemas, detailsSchema),
                Values(meta?["match"]), meta?["fallback"]?.GetValue<bool>() ?? false) { Family = meta?["family"]?.GetValue<string>() });
        }
        // On an enum of codes the body carries, every listed code must be a value. Without an enum the
        // codes are the SDK's own kinds (an API without codes), told apart by status and `match`.
        if (codesSchema.Value["enum"] is JsonArray values)
        {
            var enumValues = values.Select(n => n!.GetValue<string>()).ToHashSet();
            var undeclared = facts.Where(f => !enumValues.Contains(f.Code)).Select(f => f.Code).ToList();
            if (undeclared.Count > 0)
                throw new InvalidOperationException($"x-specwright-error-codes lists codes missing from the enum: {string.Join(", ", undeclared)}");
        }
        // A family is another code (whose exception becomes the base of the family's members) or a new name.
        foreach (var member in facts.Where(f => f.Family is not null))
            if (facts.FirstOrDefault(f => f.Code == member.Family) is { Family: not null } nested)
                throw new InvalidOperationException($"error code '{member.Code}': its family '{member.Family}' is itself in family '{nested.Family}'; families are one level deep.");
        foreach (var shared in facts.SelectMany(f => f.Statuses.Select(s => (s, f))).GroupBy(x => x.s).Where(g => g.Count() > 1))
        {
            var fallbacks = shared.Count(x => x.f.Fallback);
            if (fallbacks > 1)
                throw new InvalidOperationException($"HTTP {shared.Key}: more than one error code is marked fallback.");
            if (fallbacks == 1 && shared.Any(x => !x.f.Fallback && x.f.Match.Length == 0))
                throw new InvalidOperationException($"HTTP {shared.Key}: codes sharing a status with a fallback need `match` phrases.");
        }
        return facts;
    }

    /// <summary>Reads the `allOf: [{if: {code: const X}, then: {details: $ref}}]` pairs of the error object.</summary>
    private static Dictionary<string, string> ReadDetailsByCode(JsonObject schemas)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, schema) in schemas)
        {
            if (schema?["allOf"] is not JsonArray allOf) continue;
            foreach (var branch in allOf)
            {
                var code = branch?["if"]?["properties"]?["code"]?["const"]?.GetValue<string>();
                var then = branch?["then"]?["properties"]?["details"];
                if (code is not null && then is not null) map[code] = RawSpec.RefName(then);
            }
        }
        return map;
    }

    private static List<DetailsProperty> ReadProperties(JsonObject schemas, string schemaName)
    {
        var props = schemas[schemaName]?["properties"]?.AsObject()
            ?? throw new InvalidOperationException($"details schema '{schemaName}' is not in components/schemas");
        return props.Select(p => new DetailsProperty(p.Key, CSharpType(p.Value!))).ToList();
    }

    /// <summary>The C# type NJsonSchema gives a simple property, or null when only the model exposes it.</summary>
    private static string? CSharpType(JsonNode schema)
    {
        if (schema["$ref"] is not null) return RawSpec.RefName(schema);
        var type = schema["type"] is JsonArray a ? a.Select(n => n!.GetValue<string>()).FirstOrDefault(t => t != "null") : schema["type"]?.GetValue<string>();
        return type switch
        {
            "integer" => schema["format"]?.GetValue<string>() == "int64" ? "long" : "int",
            "number" => "double",
            "boolean" => "bool",
            "string" when schema["format"]?.GetValue<string>() == "date-time" => "System.DateTimeOffset",
            "string" => "string",
            "array" when schema["items"]?["type"]?.GetValue<string>() == "string" => "System.Collections.Generic.IList<string>",
            _ => null,
        };
    }

    private static List<TerminalFact> ReadTerminalEnums(JsonObject schemas) =>
        schemas.Where(s => s.Value?["x-specwright-terminal"] is not null)
            .Select(s => new TerminalFact(
                Specwright.Generator.Naming.Pascal(s.Key),
                Values(s.Value!["x-specwright-terminal"]!["success"]),
                Values(s.Value!["x-specwright-terminal"]!["failure"]),
                Values(s.Value!["enum"])))
            .ToList();

    private static string[] Values(JsonNode? node) =>
        node is JsonArray a ? a.Select(n => n!.GetValue<string>()).ToArray() : [];

    private static List<OperationFact> ReadOperations(ServiceModel model)
    {
        var apiKeyScheme = SecurityFacts.Primary(model.Root)?.Name;
        var schemes = model.Root["components"]?["securitySchemes"] as JsonObject;
        return model.Operations.Select(op => new OperationFact(op.Id, op.Method.ToUpperInvariant(), op.Path,
                op.Extension<JsonObject>("x-specwright-credits"), op.Extension<JsonObject>("x-specwright-polling"),
                Values(op.Node["x-specwright-unsupported-countries"]),
                // `security: []` on an operation, or no security anywhere: it is called without the key.
                RequiresApiKey: NeedsCredentials(op.Security),
                Paginated: op.Node["x-specwright-paginated"]?.GetValue<bool>() == true,
                AttemptTimeout: ReadAttemptTimeout(op))
            {
                Summary = op.Summary,
                ResponseMediaType = op.Success is { Json: null, Content: [var first, ..] } ? first.MediaType : null,
                RedirectAnswer = op.Success is { Key: ['3', _, _] } redirect && int.TryParse(redirect.Key, out var status) ? status : null,
                Security = SecurityFacts.Ways(op.Security, apiKeyScheme, schemes),
                Parameters = op.Parameters.Where(p => p.In is "path" or "query" or "header")
                    .Select(p => new WireParameterFact(p.Name, Specwright.Generator.Naming.Pascal(p.In), p.Required, SchemaType(model, p.Schema), p.Description)
                        { Constraints = ReadConstraints(model.Resolve(p.Schema)) })
                    .ToList(),
                Body = op.Body is { Content.Count: > 0 } body ? new BodyFact(body.Required, body.Description) { MediaTypes = body.Content.Select(c => c.MediaType).ToList() } : null,
            })
            .ToList();
    }

    /// <summary>A security requirement list needs credentials unless it is absent, empty, or offers <c>{}</c> (anonymous) as one way.</summary>
    private static bool NeedsCredentials(JsonNode? security) =>
        security is JsonArray { Count: > 0 } ways && !ways.Any(w => w is JsonObject { Count: 0 });

    // The JSON type a CLI flag's value is read as: the schema's type, the first non-null one of a union, else string.
    private static string SchemaType(ServiceModel model, JsonNode? schema)
    {
        var s = model.Resolve(schema);
        return s?["type"] switch
        {
            JsonValue v => v.GetValue<string>(),
            JsonArray a => a.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "string",
            _ => (s?["anyOf"] ?? s?["oneOf"]) is JsonArray branches ? branches.Select(b => SchemaType(model, b)).FirstOrDefault(t => t != "null") ?? "string" : "string",
        };
    }

    /// <summary>
    /// What a parameter's schema allows that can be checked on its text: bounds (3.0's boolean exclusive form, as the normalizer
    /// leaves them), lengths, a pattern .NET can read, and an enum of scalars; null when the schema says none of it.
    /// </summary>
    private static ValueConstraintsFact? ReadConstraints(JsonObject? s)
    {
        if (s is null) return null;
        var pattern = s["pattern"] is JsonValue pv && pv.TryGetValue<string>(out var text) && Compiles(text) ? text : null;
        var values = s["enum"] is JsonArray e && s[OpenEnums.Marker] is null && e.Where(v => v is not null).All(v => v is JsonValue) ? e.Where(v => v is not null).Select(v => v is JsonValue j && j.TryGetValue<string>(out var str) ? str : v!.ToJsonString()).ToList() : null;
        var fact = new ValueConstraintsFact(Number(s["minimum"]), Number(s["maximum"]), s["exclusiveMinimum"] is JsonValue xmin && xmin.TryGetValue<bool>(out var a) && a,
            s["exclusiveMaximum"] is JsonValue xmax && xmax.TryGetValue<bool>(out var b) && b, (int?)Number(s["minLength"]), (int?)Number(s["maxLength"]), pattern,
            values is { Count: > 0 } ? values : null);
        return fact == new ValueConstraintsFact(null, null, false, false, null, null, null, null) ? null : fact;

        static bool Compiles(string pattern)
        {
            try { _ = new System.Text.RegularExpressions.Regex(pattern); return true; }
            catch (ArgumentException) { return false; }
        }
    }

    private static AttemptTimeoutFact? ReadAttemptTimeout(ApiOperation op)
    {
        if (op.Extension<JsonObject>("x-specwright-attempt-timeout") is not { } x) return null;
        var id = op.Id;
        var wire = x["parameter"]?.GetValue<string>() ?? throw new InvalidOperationException($"{id}: x-specwright-attempt-timeout needs `parameter`.");
        var fallback = op.Parameters.LastOrDefault(p => p.Name == wire)?.Node["schema"]?["default"] is JsonValue d ? Number(d)
            : throw new InvalidOperationException($"{id}: x-specwright-attempt-timeout's parameter '{wire}' needs a `default` (the server's wait when it is not sent).");
        return new AttemptTimeoutFact(wire, fallback, x["marginSeconds"] is JsonValue m ? Number(m) : 0);
    }

    private static double Number(JsonValue v) => v.TryGetValue<long>(out var l) ? l : v.GetValue<double>();

    private static readonly string[] PaginationKeys = ["cursorParameter", "cursorField", "limitParameter", "hasMoreHeader", "nextLinkHeader", "limitHeader"];

    /// <summary>`info.x-specwright-pagination`: required (and complete) as soon as one operation is `x-specwright-paginated`.</summary>
    private static JsonObject? ReadPagination(JsonObject info, IReadOnlyList<OperationFact> operations)
    {
        var pagination = info["x-specwright-pagination"]?.AsObject();
        var paginated = operations.Where(o => o.Paginated).Select(o => o.OperationId).ToList();
        if (pagination is null)
            return paginated.Count == 0 ? null
                : throw new InvalidOperationException($"{string.Join(", ", paginated)}: x-specwright-paginated needs info.x-specwright-pagination.");
        var missing = PaginationKeys.Where(k => pagination[k] is null).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"info.x-specwright-pagination is missing {string.Join(", ", missing)}.");
        if (pagination["style"]?.GetValue<string>() is not "cursor")
            throw new InvalidOperationException("info.x-specwright-pagination.style must be `cursor` (the only style the core pager follows).");
        return pagination;
    }

    private static double? Number(JsonNode? n) => n is JsonValue v
        ? v.TryGetValue<double>(out var d) ? d : v.TryGetValue<long>(out var l) ? l : null
        : null;

    private static List<ServerFact> ReadServers(JsonObject root) =>
        (root["servers"] as JsonArray ?? []).OfType<JsonObject>().Where(s => s["url"] is JsonValue).Select(s => new ServerFact(
            s["url"]!.GetValue<string>(), s["description"]?.GetValue<string>(),
            (s["variables"] as JsonObject ?? []).Select(v => new ServerVariableFact(v.Key, v.Value?["default"]?.ToString() ?? "",
                (v.Value?["enum"] as JsonArray ?? []).Select(e => e?.ToString() ?? "").ToArray())).ToList())).ToList();

    /// <summary>The constraints of every reusable parameter (components/parameters), for client-side checks.</summary>
    private static List<ParameterFact> ReadParameters(JsonObject root)
    {
        var list = new List<ParameterFact>();
        foreach (var (key, p) in root["components"]?["parameters"]?.AsObject() ?? new JsonObject())
        {
            var schema = p!["schema"];
            list.Add(new ParameterFact(key, p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(),
                p["required"]?.GetValue<bool>() ?? false,
                schema?["minLength"]?.GetValue<long>(), schema?["maxLength"]?.GetValue<long>(),
                Number(schema?["minimum"]), Number(schema?["maximum"]),
                schema?["pattern"]?.GetValue<string>(), schema?["default"]?.DeepClone()));
        }
        return list;
    }
}

public sealed record ClientNaming(string Service, string Namespace, string GeneratedClient, string ExceptionBase,
    string? ApiKeyEnvironmentVariable, string? ApiKeyHeader, string? DefaultBaseUrl, string? ApiKeyScheme = null)
{
    public string JsonContext => Service + "JsonContext";
    public string SpecClass => Service + "Spec";
    public string ErrorFactory => Service + "ErrorFactory";

    /// <summary>Where the API key goes: a header (the default) or a query parameter.</summary>
    public string ApiKeyLocation { get; init; } = "header";

    /// <summary>The environment variable a client reads its base URL from when its options set none (a sandbox, a proxy).</summary>
    public string BaseUrlEnvironmentVariable { get; init; } = "";

    /// <summary>The OAuth2 client credentials flow's token URL and scopes, when the spec's scheme has that flow.</summary>
    public (string TokenUrl, string[] Scopes)? ClientCredentials { get; init; }

    /// <summary>
    /// Names from <c>info.x-specwright</c> where given, else derived: the service from <paramref name="service"/>
    /// or the title ("Crawler API" -> Crawler), the base URL from <c>servers</c>, and the key's header, query
    /// parameter or bearer scheme from <c>securitySchemes</c>.
    /// </summary>
    public static ClientNaming From(JsonObject root, string? service)
    {
        var info = root["info"]!.AsObject();
        var x = info["x-specwright"] as JsonObject ?? new JsonObject();
        var name = Str(x, "service") ?? service ?? ServiceFromTitle(info["title"]?.GetValue<string>());
        var scheme = SecurityFacts.Primary(root)?.Scheme;
        var (header, location, prefix) = scheme is null ? ("Authorization", "header", "Bearer")
            : SecurityFacts.Placement(scheme) switch
            {
                // A key in a cookie (`Cookie: session=<key>`): the key handler's scheme is the cookie's name and its '='.
                ("Cookie", var cookie, _) => ("Cookie", "header", cookie + "="),
                ({ } where, var parameter, var word) => (parameter, where.ToLowerInvariant(), word),
                null => throw new SpecException(SpecException.PointerOf("components", "securitySchemes"),
                    $"security scheme '{Str(scheme, "type")}' ({Str(scheme, "in") ?? Str(scheme, "scheme")}) is not supported; use an apiKey in a header, query or cookie, HTTP bearer or basic, or OAuth2."),
            };
        var server = ServerUrl((root["servers"] as JsonArray)?.FirstOrDefault() as JsonObject);
        return new ClientNaming(
            name,
            Str(x, "namespace") ?? $"Specwright.{name}",
            Str(x, "generatedClient") ?? $"{name}Api",
            Str(x, "exceptionBase") ?? $"{name}ApiException",
            Str(x, "apiKeyEnvironmentVariable") ?? $"{UpperSnake(name)}_API_KEY",
            Str(x, "apiKeyHeader") ?? header,
            Str(x, "defaultBaseUrl") ?? server,
            Str(x, "apiKeyScheme") ?? (x["apiKeyHeader"] is null ? prefix : null))
        {
            ApiKeyLocation = Str(x, "apiKeyLocation") ?? (x["apiKeyHeader"] is null ? location : "header"),
            // Next to the key's variable: WEBSCRAPE_API_KEY -> WEBSCRAPE_BASE_URL.
            BaseUrlEnvironmentVariable = Str(x, "baseUrlEnvironmentVariable")
                ?? (Str(x, "apiKeyEnvironmentVariable") is { } keyVariable && keyVariable.EndsWith("_API_KEY", StringComparison.Ordinal)
                    ? keyVariable[..^"_API_KEY".Length] : UpperSnake(name)) + "_BASE_URL",
            ClientCredentials = scheme?["flows"]?["clientCredentials"] is JsonObject flow && Str(flow, "tokenUrl") is { } tokenUrl
                ? (tokenUrl, (flow["scopes"] as JsonObject ?? []).Select(kv => kv.Key).ToArray()) : null,
        };
    }

    /// <summary>
    /// The first server's URL with its variables at their defaults (<c>{protocol}://{host}:{port}</c> ->
    /// <c>http://localhost:8108</c>); null for a relative URL, which names no host (the caller sets <c>BaseUrl</c>).
    /// </summary>
    internal static string? ServerUrl(JsonObject? server)
    {
        if (server?["url"]?.GetValue<string>() is not { } url) return null;
        var variables = server["variables"] as JsonObject ?? [];
        url = System.Text.RegularExpressions.Regex.Replace(url, @"\{([^}]+)\}", m =>
            variables[m.Groups[1].Value]?["default"]?.ToString() is { } value ? value
                : throw new SpecException(SpecException.PointerOf("servers", "0", "url"), $"server variable '{m.Groups[1].Value}' has no default."));
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? url : null;
    }

    private static string? Str(JsonObject x, string key) => x[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static string ServiceFromTitle(string? title)
    {
        var words = (title ?? "").Split([' ', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && words[^1].ToLowerInvariant() is "api" or "apis" or "service" or "rest") words.RemoveAt(words.Count - 1);
        return words.Count == 0
            ? throw new InvalidOperationException("The spec has neither info.title nor info.x-specwright.service to name the service by.")
            : Naming.Pascal(string.Join("_", words));
    }

    internal static string UpperSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(pascal[i - 1]) ? "_" + c : c.ToString())).ToUpperInvariant();
}

public sealed record ErrorCodeFact(string Code, int[] Statuses, bool Retryable, string? DetailsSchema, IReadOnlyList<DetailsProperty> DetailsProperties,
    string[] Match, bool Fallback)
{
    /// <summary>A kind made from a documented status (a spec without error codes): chosen by status, whatever code the body carries.</summary>
    public bool ByStatus { get; init; }

    /// <summary>
    /// The code's family (<c>family</c> in <c>x-specwright-error-codes</c>): its exception derives from the family's,
    /// so one <c>catch</c> takes them all. A family named like a code is that code's exception.
    /// </summary>
    public string? Family { get; init; }

    public string? FamilyExceptionName => Family is null ? null : ExceptionNames.For(Family);

    public string ExceptionName => ExceptionNames.For(Code);
}

public sealed record ServerFact(string Url, string? Description, IReadOnlyList<ServerVariableFact> Variables);

public sealed record ServerVariableFact(string Name, string Default, string[] Allowed);

public sealed record DetailsProperty(string WireName, string? CSharpType);

public sealed record TerminalFact(string EnumType, string[] Success, string[] Failure, string[] AllValues);

public sealed record OperationFact(string OperationId, string Method, string Path, JsonObject? Credits, JsonObject? Polling,
    string[] UnsupportedCountries, bool RequiresApiKey, bool Paginated = false, AttemptTimeoutFact? AttemptTimeout = null)
{
    public string? Summary { get; init; }

    /// <summary>The success answer's media type when it is not JSON (events, a download); null for JSON or no body.</summary>
    public string? ResponseMediaType { get; init; }

    /// <summary>The 3xx an operation documents as its answer when it documents no 2xx (Twilio's 307 with <c>redirect_to</c>).</summary>
    public int? RedirectAnswer { get; init; }

    /// <summary>The ways to authenticate when they are more than the API key (<see cref="SecurityFacts.Ways"/>); null when it is that key or nothing.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? Security { get; init; }

    /// <summary>Path, query and header parameters in the spec's order (cookies are not sent by the SDK).</summary>
    public IReadOnlyList<WireParameterFact> Parameters { get; init; } = [];

    /// <summary>The JSON request body, when the operation takes one.</summary>
    public BodyFact? Body { get; init; }
}

/// <summary>A parameter as sent: wire name, location (<c>Path</c>, <c>Query</c>, <c>Header</c>), and its schema's JSON type.</summary>
public sealed record WireParameterFact(string Name, string In, bool Required, string Type, string? Description)
{
    public ValueConstraintsFact? Constraints { get; init; }
}

/// <summary>A parameter schema's checkable constraints (Core's <c>ValueConstraints</c>).</summary>
public sealed record ValueConstraintsFact(double? Minimum, double? Maximum, bool ExclusiveMinimum, bool ExclusiveMaximum, int? MinLength, int? MaxLength,
    string? Pattern, IReadOnlyList<string>? Enum);

public sealed record BodyFact(bool Required, string? Description)
{
    /// <summary>Every media type the body may be sent as, in the spec's order.</summary>
    public IReadOnlyList<string> MediaTypes { get; init; } = ["application/json"];
}

/// <summary><c>x-specwright-attempt-timeout</c>: an attempt lasts at least the parameter's seconds (its default when unset) plus a margin.</summary>
public sealed record AttemptTimeoutFact(string Parameter, double DefaultSeconds, double MarginSeconds);

public sealed record ParameterFact(string Key, string Name, string In, bool Required, long? MinLength, long? MaxLength,
    double? Minimum, double? Maximum, string? Pattern, JsonNode? Default);
