using Specwright.Generator;

namespace Specwright.Generator.Tests;

public sealed class GeneratorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("specwright-gen-").FullName;
    private static readonly string Templates = Path.Combine(AppContext.BaseDirectory, "templates");
    private static readonly string[] Specs = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "openapi"), "*.yaml");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> SpecNames()
    {
        var data = new TheoryData<string>();
        foreach (var s in Specs) data.Add(Path.GetFileName(s));
        return data;
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public async Task Same_spec_generates_byte_identical_output(string spec)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "openapi", spec);
        var first = Path.Combine(_dir, "a");
        var second = Path.Combine(_dir, "b");

        // Seven SDK files and the unions (each of the three specs has a oneOf of several kinds), and for webscrape.yaml, whose envelope
        // says more than the value (its credits), the response metadata; the sandbox's module is not the SDK's.
        var files = spec == "webscrape.yaml" ? 10 : 9;
        Assert.Equal(files, await Program.GenerateAsync(new Options(path, first, Templates)));
        Assert.Equal(files, await Program.GenerateAsync(new Options(path, second, Templates)));
        Assert.Empty(Directory.GetFiles(first, "*Module.g.cs", SearchOption.AllDirectories));

        foreach (var file in Directory.GetFiles(first, "*", SearchOption.AllDirectories))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(second, Path.GetRelativePath(first, file))));
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public async Task The_sandbox_asks_for_its_module_alone_and_gets_it_once(string spec)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "openapi", spec);
        var options = new Options(path, _dir, Templates, SandboxModule: true);
        Assert.Equal(1, await Program.GenerateAsync(options));
        var module = Assert.Single(Directory.GetFiles(_dir, "*", SearchOption.AllDirectories));
        Assert.EndsWith("Module.g.cs", module);
        Assert.Contains("[global::System.Runtime.CompilerServices.ModuleInitializer]", File.ReadAllText(module));
        Assert.Equal(0, await Program.GenerateAsync(options));
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public async Task Regenerating_an_unchanged_spec_rewrites_nothing(string spec)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "openapi", spec);
        await Program.GenerateAsync(new Options(path, _dir, Templates));
        var stamps = Directory.GetFiles(_dir).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        Assert.Equal(0, await Program.GenerateAsync(new Options(path, _dir, Templates)));
        foreach (var (file, time) in stamps) Assert.Equal(time, File.GetLastWriteTimeUtc(file));
    }

    [Theory]
    [InlineData("run_status", "RunStatus")]
    [InlineData("started_at", "StartedAt")]
    [InlineData("runs_used_30d", "RunsUsed30d")]
    [InlineData("smartbrowse.completed", "SmartbrowseCompleted")]
    [InlineData("x-request-id", "XRequestId")]
    [InlineData("2fa_required", "_2faRequired")]
    public void Wire_names_become_pascal_case(string wire, string expected) =>
        Assert.Equal(expected, Naming.Pascal(wire));

    [Fact]
    public async Task Servers_variables_basic_auth_and_no_operation_ids_come_from_the_spec()
    {
        var spec = WriteSpec("""
            openapi: 3.0.3
            info: { title: Search API, version: '' }
            servers:
              - url: '{protocol}://{host}:{port}/v1'
                description: Self-hosted
                variables:
                  protocol: { default: http, enum: [http, https] }
                  host: { default: localhost }
                  port: { default: '8108' }
              - url: https://cloud.example.com/v1
            components:
              securitySchemes:
                basic: { type: http, scheme: basic }
            security: [{ basic: [] }]
            paths:
              /items/{id}.json:
                get:
                  parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                  responses: { '200': { description: ok } }
                head:
                  parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                  responses: { '200': { description: ok } }
            """);
        await Program.GenerateAsync(new Options(spec, _dir, Templates));
        var facts = File.ReadAllText(Path.Combine(_dir, "SearchSpec.g.cs"));
        var client = File.ReadAllText(Path.Combine(_dir, "SearchClient.g.cs"));

        Assert.Contains("public const string DefaultBaseUrl = \"http://localhost:8108/v1\";", facts);
        Assert.Contains("public const string ApiKeyScheme = \"Basic\";", facts);
        Assert.Contains("Servers { get; } = new string[] { \"{protocol}://{host}:{port}/v1\", \"https://cloud.example.com/v1\" };", facts);
        Assert.Contains("ServerVariable(variables, \"protocol\", \"http\", new string[] { \"http\", \"https\" })", facts);
        Assert.Contains("case 1:", facts);
        Assert.Contains("[global::Specwright.Core.SpecOperation(\"getItemsIdJson\")]", client);
        Assert.Contains("[global::Specwright.Core.SpecOperation(\"headItemsIdJson\")]", client);

        // The choice of server and each variable are options, read from configuration too; unset, the spec's defaults stand.
        var options = File.ReadAllText(Path.Combine(_dir, "SearchClientOptions.g.cs"));
        foreach (var property in new[] { "public int Server { get; set; }", "public string? ServerProtocol { get; set; }", "public string? ServerHost { get; set; }", "public string? ServerPort { get; set; }" })
            Assert.Contains(property, options);
        Assert.Contains("if (Server == 0 && variables.Count == 0) return SearchSpec.DefaultBaseUrl;", options);
        Assert.Contains("SearchSpec.ServerUrl(Server, variables)", options);
        Assert.Contains("o.BindServer(section);", options);
        Assert.Contains("if (section[\"ServerHost\"] is { Length: > 0 } serverHost) ServerHost = serverHost;", options);
    }

    [Fact]
    public async Task A_reference_that_leads_nowhere_is_a_warning_naming_the_place_and_the_other_operations_generate()
    {
        var spec = WriteSpec("""
            openapi: 3.0.3
            info: { title: Loose API, version: '1' }
            servers: [{ url: https://loose.example }]
            paths:
              /things:
                get:
                  operationId: listThings
                  parameters:
                    - $ref: '#/components/parameters/Gone'
                    - { name: limit, in: query, schema: { type: integer, format: int32 } }
                  responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } } } }
              /other:
                get:
                  operationId: getOther
                  responses: { '200': { description: ok, content: { application/json: { schema: { $ref: 'other.yaml#/Other' } } } } }
            components:
              schemas:
                Thing:
                  type: object
                  properties:
                    missing: { $ref: '#/components/schemas/Missing' }
                    name: { type: string }
            """);
        var warnings = new List<SpecWarning>();

        await Program.GenerateAsync(new Options(spec, _dir, Templates), warnings);

        Assert.Equal(
        [
            ("/paths/~1things/get/parameters/0", "$ref '#/components/parameters/Gone' names nothing in the document; the parameter is left out."),
            ("/paths/~1other/get/responses/200/content/application~1json/schema", "$ref 'other.yaml#/Other' is outside the document (references to other files are not followed); read as any JSON value."),
            ("/components/schemas/Thing/properties/missing", "$ref '#/components/schemas/Missing' names nothing in the document; read as any JSON value."),
        ], warnings.Select(w => (w.Pointer, w.Message)));
        var code = ApiAndModels("Loose");
        Assert.Contains("public System.Text.Json.JsonElement? Missing { get; set; }", code);
        Assert.Contains("ListThingsAsync(int? limit = null", code);
        Assert.Contains("ApiResponse<System.Text.Json.JsonElement>> GetOtherAsync(", code);
    }

    [Fact]
    public async Task An_operation_only_mutual_tls_authenticates_is_generated_with_a_warning_naming_it()
    {
        var spec = WriteSpec("""
            openapi: 3.1.0
            info:
              title: t
              version: "1"
              x-specwright: { service: Tls, namespace: Tls, generatedClient: TlsApi, exceptionBase: TlsException }
            security: [{ key: [] }]
            paths:
              /peers:
                get:
                  operationId: listPeers
                  security: [{ mtls: [] }]
                  responses: { '200': { description: ok } }
              /things:
                get:
                  operationId: listThings
                  responses: { '200': { description: ok } }
            components:
              securitySchemes:
                key: { type: apiKey, in: header, name: X-Key }
                mtls: { type: mutualTLS }
            """);
        var warnings = new List<SpecWarning>();

        await Program.GenerateAsync(new Options(spec, _dir, Templates), warnings);

        var warning = Assert.Single(warnings);
        Assert.Equal("/paths/~1peers/get/security", warning.Pointer);
        Assert.StartsWith("listPeers takes only security schemes a client cannot send", warning.Message);
    }

    [Fact]
    public async Task Inline_schemas_are_named_from_where_they_stand()
    {
        var spec = WriteSpec("""
            openapi: 3.1.0
            info:
              title: t
              version: "1"
              x-specwright: { service: T, namespace: T, generatedClient: TApi, exceptionBase: TException }
            paths:
              /x:
                post:
                  operationId: createX
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            options: { type: object, properties: { deep: { type: boolean } } }
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              a: { type: string }
                              kind: { type: string, enum: [one, two] }
                              items: { type: array, items: { type: object, properties: { b: { type: integer } } } }
            """);

        await Program.GenerateAsync(new Options(spec, _dir, Templates));

        var code = ApiAndModels("T");
        foreach (var type in new[] { "class CreateXRequest", "class CreateXRequestOptions", "class CreateXResponse", "struct CreateXResponseKind", "class CreateXResponseItemsItem" })
            Assert.Contains(type, code);
        Assert.DoesNotContain("Anonymous", code);
    }

    [Fact]
    public async Task A_spec_without_the_naming_extension_is_named_from_its_title_servers_and_security()
    {
        var spec = WriteSpec("""
            openapi: 3.1.0
            info: { title: Acme Search API, version: "1" }
            servers: [{ url: "https://api.acme.example/v1" }]
            security: [{ key: [] }]
            components:
              securitySchemes:
                key: { type: apiKey, in: query, name: api_key }
            paths: {}
            """);

        await Program.GenerateAsync(new Options(spec, _dir, Templates));

        var facts = File.ReadAllText(Path.Combine(_dir, "AcmeSearchSpec.g.cs"));
        Assert.Contains("namespace Specwright.AcmeSearch", facts);
        Assert.Contains("DefaultBaseUrl = \"https://api.acme.example/v1\"", facts);
        Assert.Contains("ApiKeyEnvironmentVariable = \"ACME_SEARCH_API_KEY\"", facts);
        Assert.Contains("BaseUrlEnvironmentVariable = \"ACME_SEARCH_BASE_URL\"", facts);
        Assert.Contains("ApiKeyHeader = \"api_key\"", facts);
        Assert.Contains("apiKeyInQuery: true", File.ReadAllText(Path.Combine(_dir, "AcmeSearchClient.g.cs")));
    }

    [Fact]
    public async Task A_spec_without_servers_makes_a_client_whose_options_need_a_base_url()
    {
        var spec = WriteSpec("""
            openapi: 3.1.0
            info: { title: t, version: "1" }
            paths: {}
            """);

        await Program.GenerateAsync(new Options(spec, _dir, Templates));

        Assert.DoesNotContain("DefaultBaseUrl", File.ReadAllText(Path.Combine(_dir, "TSpec.g.cs")));
        Assert.Contains("TSpec.ApiKeyEnvironmentVariable, TSpec.BaseUrlEnvironmentVariable, null,", File.ReadAllText(Path.Combine(_dir, "TClientOptions.g.cs")));
    }

    [Fact]
    public async Task Where_a_429_names_the_keys_limits_is_spec_data_in_the_retry_rules()
    {
        var spec = WriteSpec("""
            openapi: 3.1.0
            info:
              title: t
              version: "1"
              x-specwright-retry:
                statuses: [429]
                connectionFailures: true
                maxRetries: 2
                baseDelaySeconds: 1
                maxDelaySeconds: 30
                retryAfterMaxSeconds: 60
                billedPostsSafeToRetry: false
                rateLimitBody: { requestsPerMinute: error.details.per_min }
            paths: {}
            """);

        await Program.GenerateAsync(new Options(spec, _dir, Templates));

        var facts = File.ReadAllText(Path.Combine(_dir, "TSpec.g.cs"));
        Assert.Contains("RequestsPerMinuteField = new string[] { \"error\", \"details\", \"per_min\" },", facts);
        Assert.DoesNotContain("MaxConcurrentRequestsField", facts);
    }

    [Fact]
    public async Task The_base_url_variable_sits_next_to_the_key_variable_the_spec_names()
    {
        var spec = WriteSpec("""
            openapi: 3.1.0
            info: { title: Web Scrape, version: "1", x-specwright: { apiKeyEnvironmentVariable: WEBSCRAPE_API_KEY } }
            paths: {}
            """);

        await Program.GenerateAsync(new Options(spec, _dir, Templates));

        Assert.Contains("BaseUrlEnvironmentVariable = \"WEBSCRAPE_BASE_URL\"", File.ReadAllText(Path.Combine(_dir, "WebScrapeSpec.g.cs")));
    }

    [Fact]
    public async Task Families_nest_one_level_deep()
    {
        var spec = WriteSpec("""
            openapi: 3.1.0
            info: { title: t, version: "1" }
            servers: [{ url: "https://t.example" }]
            paths: {}
            components:
              schemas:
                Code:
                  type: string
                  enum: [a, b, c]
                  x-specwright-error-codes:
                    a: { status: 409 }
                    b: { status: 410, family: a }
                    c: { status: 411, family: b }
            """);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Program.GenerateAsync(new Options(spec, _dir, Templates)));
        Assert.Contains("error code 'c': its family 'b' is itself in family 'a'", e.Message);
    }

    [Theory]
    [InlineData("GetSmartBrowseRun", "SmartBrowse", "GetRun")]
    [InlineData("ListTasks", "Tasks", "List")]
    [InlineData("CreateTask", "Tasks", "Create")]
    [InlineData("Scrape", "Scrape", "Scrape")]
    [InlineData("ScrapeChatgpt", "Scrapers", "ScrapeChatgpt")]
    [InlineData("GetJob", "Jobs", "Get")]
    [InlineData("ListCrawls", null, "ListCrawls")]
    public void Method_names_drop_their_group_word_where_something_is_left(string operation, string? group, string expected) =>
        Assert.Equal(expected, SurfaceOperation.Shorten(operation, group));

    private const string KindsSpec = """
        openapi: 3.1.0
        info:
          title: t
          version: "1"
          x-specwright: { service: T, namespace: T, generatedClient: TApi, exceptionBase: TException }
        paths:
          /x/{id}:
            get:
              operationId: getX
              security: []
              x-specwright-unsupported-countries: [JP]
              parameters:
                - $ref: '#/components/parameters/Id'
                - { name: country, in: query, schema: { type: string } }
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Thing' }
        components:
          parameters:
            Id:
              name: id
              in: path
              required: true
              schema: { type: string, minLength: 2, maxLength: 9 }
          schemas:
            Thing:
              type: object
              properties:
                value:
                  oneOf: [{ type: string }, { type: integer }]
                maybe:
                  oneOf: [{ $ref: '#/components/schemas/Other' }, { type: 'null' }]
                loc:
                  type: array
                  items: { type: [string, integer] }
            Other:
              type: object
              properties:
                a: { type: string }
            Error:
              type: object
              x-specwright-error-codes:
                out_of_credits: { status: 429, match: [credit limit] }
                busy: { status: 429, retryable: true, match: [queue] }
                throttled: { status: 429, retryable: true, fallback: FALLBACK }
                missing: { status: 404 }
        """;

    [Fact]
    public async Task Error_kinds_without_body_codes_are_told_apart_by_status_and_detail_phrases()
    {
        await Program.GenerateAsync(new Options(WriteSpec(KindsSpec.Replace("FALLBACK", "true")), _dir, Templates));
        var errors = File.ReadAllText(Path.Combine(_dir, "TErrors.g.cs"));
        var spec = File.ReadAllText(Path.Combine(_dir, "TSpec.g.cs"));
        var client = ApiAndModels("T");

        Assert.Contains("if (message is not null && (message.Contains(\"credit limit\", global::System.StringComparison.OrdinalIgnoreCase))) return \"out_of_credits\";", errors);
        Assert.Contains("return \"throttled\";", errors);
        Assert.Contains("404 => \"missing\",", errors);
        // A non-retryable kind on a retried status is decided by the decoder, once (a 429 that means "out of credits").
        Assert.Contains("[429] = new string[] { \"out_of_credits\" },", File.ReadAllText(Path.Combine(_dir, "TClientOptions.g.cs")));
        // Keyless operations, per-operation country refusals and parameter constraints are facts of the spec.
        Assert.Contains("OperationsWithoutApiKey { get; } = new string[] { \"getX\" }", spec);
        Assert.Contains("UnsupportedCountries { get; } = new string[] { \"JP\" }", spec);
        Assert.Contains("public const int MaxLength = 9;", spec);
        // A oneOf of several kinds is a union type chosen by shape; a nullable reference keeps its type; several types in one
        // `type` are any JSON value.
        Assert.Contains("public ThingValue? Value { get; set; }", client);
        var unions = File.ReadAllText(Path.Combine(_dir, "TUnions.g.cs"));
        Assert.Contains("public sealed partial class ThingValue", unions);
        Assert.Contains("public bool TryGetString([global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)", unions);
        Assert.Contains("public bool TryGetInteger([global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out long value)", unions);
        Assert.Contains("if (json.ValueKind == global::System.Text.Json.JsonValueKind.Number && json.TryGetInt64(out _)) return 1;", unions);
        Assert.DoesNotContain("class ThingValue", client);
        Assert.Contains("public Other? Maybe { get; set; }", client);
        Assert.Contains("IList<System.Text.Json.JsonElement>? Loc { get; set; }", client);
    }

    [Fact]
    public async Task An_extensible_enum_written_as_anyOf_an_enum_and_any_string_generates_the_enum_of_its_known_values()
    {
        var spec = WriteSpec("""
            openapi: 3.1.0
            info: { title: Jobs API, version: "1" }
            servers: [{ url: "https://api.jobs.example" }]
            paths:
              /jobs/{id}:
                get:
                  operationId: getJob
                  parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              state: { $ref: '#/components/schemas/JobState' }
            components:
              schemas:
                JobState:
                  description: New states may appear.
                  anyOf:
                    - { type: string, enum: [queued, done] }
                    - { type: string }
            """);

        await Program.GenerateAsync(new Options(spec, _dir, Templates));
        var models = File.ReadAllText(Path.Combine(_dir, "JobsModels.g.cs"));

        Assert.Contains("public bool IsKnown => Value is @\"queued\" or @\"done\";", models);
        Assert.Contains("public JobState? State { get; set; }", models);
    }

    [Fact]
    public async Task An_exception_named_like_a_dotNET_type_a_project_imports_by_default_is_named_ApiException_instead()
    {
        var spec = WriteSpec("""
            openapi: 3.1.0
            info: { title: Vault API, version: "1" }
            servers: [{ url: "https://api.vault.example" }]
            paths:
              /keys/{id}:
                delete:
                  operationId: deleteKey
                  parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                  responses:
                    '204': { description: deleted }
                    '404': { description: no such key }
                    '409': { description: in use }
                    '501': { description: not implemented here }
            """);

        await Program.GenerateAsync(new Options(spec, _dir, Templates));
        var errors = File.ReadAllText(Path.Combine(_dir, "VaultErrors.g.cs"));

        Assert.Contains("class NotImplementedApiException : VaultApiException", errors); // System.NotImplementedException exists
        Assert.Contains("class NotFoundException : VaultApiException", errors); // no clash: the plain name
        Assert.Contains("class ConflictException : VaultApiException", errors);
    }

    [Fact]
    public async Task A_url_in_a_response_stays_a_string_while_a_request_url_is_a_SystemUri()
    {
        var spec = WriteSpec("""
            openapi: 3.1.0
            info: { title: Links API, version: "1" }
            servers: [{ url: "https://api.links.example" }]
            paths:
              /fetch:
                post:
                  operationId: fetchPage
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          type: object
                          required: [target]
                          properties:
                            target: { type: string, format: uri }
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              links:
                                type: array
                                items:
                                  type: object
                                  properties:
                                    href: { type: string, format: uri }
            """);

        await Program.GenerateAsync(new Options(spec, _dir, Templates));
        var models = File.ReadAllText(Path.Combine(_dir, "LinksModels.g.cs"));

        Assert.Contains("public System.Uri Target { get; set; }", models);
        Assert.Contains("public string? Href { get; set; }", models);
    }

    [Theory]
    [InlineData("default: 300", "AttemptTimeout = new global::Specwright.Core.Http.AttemptTimeoutRule(\"wait\", 300, 15),")]
    [InlineData("minimum: 1", "getX: x-specwright-attempt-timeout's parameter 'wait' needs a `default`")]
    public async Task An_attempt_timeout_rule_is_an_operation_fact_and_needs_the_parameters_default(string schema, string expected)
    {
        var spec = WriteSpec($$"""
            openapi: 3.1.0
            info: { title: Waiter API, version: "1" }
            servers: [{ url: "https://api.waiter.example" }]
            paths:
              /x:
                get:
                  operationId: getX
                  x-specwright-attempt-timeout: { parameter: wait, marginSeconds: 15 }
                  parameters:
                    - { name: wait, in: query, schema: { type: integer, {{schema}} } }
                  responses:
                    '204': { description: done }
            """);

        if (expected.StartsWith("AttemptTimeout"))
        {
            await Program.GenerateAsync(new Options(spec, _dir, Templates));
            Assert.Contains(expected, File.ReadAllText(Path.Combine(_dir, "WaiterSpec.g.cs")));
            Assert.Contains("MinimumAttemptTimeout = WaiterSpec.Operations.GetX.Info.AttemptTimeout!.For(options?.Wait)", File.ReadAllText(Path.Combine(_dir, "WaiterClient.g.cs")));
        }
        else
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Program.GenerateAsync(new Options(spec, _dir, Templates)));
            Assert.Contains(expected, e.Message);
        }
    }

    [Fact]
    public async Task Two_kinds_sharing_a_status_without_phrases_are_refused()
    {
        var spec = WriteSpec(KindsSpec.Replace("FALLBACK", "true").Replace("match: [queue]", "fallback: true"));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Program.GenerateAsync(new Options(spec, _dir, Templates)));
        Assert.Contains("HTTP 429: more than one error code is marked fallback", e.Message);
    }

    private const string PagedSpec = """
        openapi: 3.1.0
        info:
          title: t
          version: "1"
          x-specwright: { service: T, namespace: T, generatedClient: TApi, exceptionBase: TException, apiKeyScheme: Bearer }
          PAGINATION
        paths:
          /things:
            get:
              operationId: listThings
              x-specwright-paginated: true
              parameters:
                - { name: after, in: query, schema: { type: string } }
                - { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 100 } }
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: array
                        items: { $ref: '#/components/schemas/Thing' }
        components:
          schemas:
            Thing:
              type: object
              properties:
                id: { type: string }
                made: { type: integer, format: unix-time }
                WHEN
        """;

    private const string Pagination =
        "x-specwright-pagination: { style: cursor, cursorParameter: after, cursorField: id, limitParameter: limit, hasMoreHeader: Has-More, nextLinkHeader: Link, limitHeader: Limit }";

    [Fact]
    public async Task A_paginated_list_returns_body_and_headers_and_unix_time_becomes_DateTimeOffset()
    {
        await Program.GenerateAsync(new Options(WriteSpec(PagedSpec.Replace("PAGINATION", Pagination).Replace("WHEN", "")), _dir, Templates));

        var client = ApiAndModels("T");
        Assert.Contains("Task<global::Specwright.Core.Http.ApiResponse<System.Collections.Generic.IList<Thing>>> ListThingsAsync(", client);
        Assert.Contains("SendWithHeadersAsync<System.Collections.Generic.IList<Thing>>(\"listThings\"", client);
        var surface = File.ReadAllText(Path.Combine(_dir, "TClient.g.cs"));
        Assert.Contains("public virtual global::Specwright.Core.Paging.AsyncPageable<Thing> ListThingsAsync(ListThingsOptions? options = null", surface);
        Assert.Contains("global::Specwright.Core.Internal.CursorPager.ToPage(response_, TSpec.Pagination, item_ => item_.Id, \"listThings\")", surface);
        Assert.Contains("global::Specwright.Core.Internal.Checks.Between(options?.Limit, 1, 100, \"options.Limit\");", surface);
        Assert.Contains("public System.DateTimeOffset? Made { get; set; }", client);
        var context = File.ReadAllText(Path.Combine(_dir, "TJsonContext.g.cs"));
        Assert.Contains("typeof(global::Specwright.Core.Serialization.UnixSecondsJsonConverter)", context);
        Assert.Contains("JsonSerializable(typeof(System.Collections.Generic.IList<Thing>))", context);
        var facts = File.ReadAllText(Path.Combine(_dir, "TSpec.g.cs"));
        Assert.Contains("HasMoreHeader = \"Has-More\",", facts);
        Assert.Contains("public const bool IsPaginated = true;", facts);
        Assert.Contains("public const string ApiKeyScheme = \"Bearer\";", facts);
    }

    [Fact]
    public async Task The_request_builder_follows_each_parameter_style_and_body_media_type_from_the_service_model()
    {
        await Program.GenerateAsync(new Options(WriteSpec("""
            openapi: 3.1.0
            info: { title: Wire API, version: '1', x-specwright: { service: W } }
            servers: [{ url: 'https://wire.test' }]
            paths:
              /notes/{id}.txt:
                put:
                  operationId: putNote
                  parameters:
                    - { name: id, in: path, required: true, schema: { type: string } }
                    - { name: tags, in: query, style: pipeDelimited, explode: false, schema: { type: array, items: { type: string } } }
                    - { name: session, in: cookie, schema: { type: string } }
                    - { name: X-Trace, in: header, schema: { type: string } }
                    - { name: big, in: query, schema: { type: integer } }
                  requestBody:
                    required: true
                    content: { text/plain: { schema: { type: string } } }
                  responses:
                    '200': { description: The note as stored, content: { application/pdf: { schema: { type: string, format: binary } } } }
            """), _dir, Templates));

        var api = File.ReadAllText(Path.Combine(_dir, "WApi.g.cs"));
        Assert.Contains("PutNoteAsync(string id, string body, System.Collections.Generic.IEnumerable<string>? tags = null, string? session = null, string? xTrace = null, long? big = null,", api);
        Assert.Contains("urlBuilder_.Append(\"notes/\");", api);
        Assert.Contains("urlBuilder_.Append(System.Uri.EscapeDataString(ConvertToString(id, System.Globalization.CultureInfo.InvariantCulture)));", api);
        Assert.Contains("urlBuilder_.Append(\".txt\");", api);
        Assert.Contains("System.Uri.EscapeDataString(string.Join(\"|\", System.Linq.Enumerable.Select(tags, ", api);
        Assert.Contains("if (session != null) cookies_.Add(\"session=\" + System.Uri.EscapeDataString(ConvertToString(session, ", api);
        Assert.Contains("request_.Headers.TryAddWithoutValidation(\"Cookie\", string.Join(\"; \", cookies_));", api);
        Assert.Contains("if (xTrace != null) request_.Headers.TryAddWithoutValidation(\"X-Trace\", ", api);
        Assert.Contains("request_.Content = new System.Net.Http.StringContent(body, System.Text.Encoding.UTF8);", api);
        Assert.Contains("MediaTypeHeaderValue.Parse(\"text/plain\")", api);
        Assert.Contains("return await SendForContentAsync(\"putNote\", request_, cancellationToken)", api);
        var surface = File.ReadAllText(Path.Combine(_dir, "WClient.g.cs"));
        Assert.Contains("ApiResponse<global::Specwright.Core.Http.StreamedContent>> PutNoteAsync(string id, string body, PutNoteOptions? options = null", surface);
        Assert.Contains("public long? Big { get; set; }", surface);
    }

    [Fact]
    public async Task Path_label_and_matrix_styles_allow_reserved_and_required_headers_and_cookies_reach_the_wire_and_the_surface()
    {
        await Program.GenerateAsync(new Options(Path.Combine(Specwright.TestSupport.RepoPaths.Root, "tests", "corpus", "styles-example.yaml"), _dir, Templates, Service: "Styles"));

        var api = File.ReadAllText(Path.Combine(_dir, "StylesApi.g.cs"));
        Assert.Contains("\"label/\", \".\" + System.Uri.EscapeDataString(ConvertToString(id, ", api);
        Assert.Contains("\".\" + string.Join(\".\", System.Linq.Enumerable.Select(ids, item_ => System.Uri.EscapeDataString(ConvertToString(item_, ", api);
        Assert.Contains("\";id=\" + System.Uri.EscapeDataString(ConvertToString(id, ", api);
        Assert.Contains("\";ids=\" + string.Join(\";ids=\", System.Linq.Enumerable.Select(ids, ", api);
        Assert.Contains(".Append(EscapeAllowingReserved(ConvertToString(next, ", api);
        Assert.Contains(".Append(System.Uri.EscapeDataString(string.Join(\"|\", System.Linq.Enumerable.Select(pipes, ", api);
        var surface = File.ReadAllText(Path.Combine(_dir, "StylesClient.g.cs"));
        // Required header and cookie parameters are arguments (in an options object they could be left null and fail to compile).
        Assert.Contains("GetHeadersAsync(System.Collections.Generic.IEnumerable<long> xIds, string session, GetHeadersOptions? options = null", surface);
    }

    [Fact]
    public async Task A_multipart_file_goes_with_the_callers_content_type_else_the_specs_per_part_encoding()
    {
        await Program.GenerateAsync(new Options(WriteSpec("""
            openapi: 3.0.3
            info: { title: Upload API, version: '1', x-specwright: { service: U } }
            servers: [{ url: 'https://upload.test' }]
            paths:
              /files:
                post:
                  operationId: upload
                  requestBody:
                    required: true
                    content:
                      multipart/form-data:
                        schema:
                          type: object
                          required: [file]
                          properties:
                            file: { type: string, format: binary }
                            photos: { type: array, items: { type: string, format: binary } }
                            raw: { type: string, format: binary }
                        encoding:
                          file: { contentType: 'text/csv, text/plain' }
                          photos: { contentType: image/png }
                          raw: { contentType: 'image/*' }
                  responses:
                    '204': { description: Stored }
            """), _dir, Templates));

        var api = File.ReadAllText(Path.Combine(_dir, "UApi.g.cs"));
        Assert.Contains("AddFile(form_, \"file\", file.Data, file.FileName, file.ContentType ?? \"text/csv\");", api);
        Assert.Contains("AddFile(form_, \"photos\", file_.Data, file_.FileName, file_.ContentType ?? \"image/png\");", api);
        Assert.Contains("AddFile(form_, \"raw\", raw.Data, raw.FileName, raw.ContentType);", api); // a wildcard names no one type
    }

    [Fact]
    public async Task A_paginated_operation_without_the_pagination_rules_is_refused()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Program.GenerateAsync(new Options(WriteSpec(PagedSpec.Replace("PAGINATION", "").Replace("WHEN", "")), _dir, Templates)));
        Assert.Contains("listThings: x-specwright-paginated needs info.x-specwright-pagination", e.Message);
    }

    [Fact]
    public async Task Mixing_unix_time_with_date_time_is_refused()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Program.GenerateAsync(new Options(
            WriteSpec(PagedSpec.Replace("PAGINATION", Pagination).Replace("WHEN", "when: { type: string, format: date-time }")), _dir, Templates)));
        Assert.Contains("mixes `format: unix-time` with `format: date-time` (Thing.when)", e.Message);
    }

    /// <summary>The request builder and the model classes of service <paramref name="service"/>, as one text.</summary>
    private string ApiAndModels(string service) =>
        File.ReadAllText(Path.Combine(_dir, service + "Api.g.cs")) + File.ReadAllText(Path.Combine(_dir, service + "Models.g.cs"));

    private string WriteSpec(string yaml)
    {
        var path = Path.Combine(_dir, "spec.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
