using System.Text.RegularExpressions;
using Specwright.TestSupport;

using Specwright.Generator;

namespace Specwright.Corpus.Tests;

/// <summary>
/// The real-spec corpus (tests/corpus: vendors' published OpenAPI documents, unedited; sources in SOURCES.txt), taken as a
/// new user takes a spec: copied into openapi/, scaffolded with `make new-service`, built with warnings as errors. Every
/// operation the spec has (counted from its paths, not by the generator) must have its method on the public client.
/// One scratch repository for the whole corpus, every spec scaffolded first and then built in one `dotnet build` of them
/// all: Core and the generator build once, and MSBuild builds the services side by side.
/// </summary>
public sealed class CorpusTests(CorpusTests.Scratch scratch) : IClassFixture<CorpusTests.Scratch>
{
    private static readonly (string File, string Name)[] Corpus =
    [
        ("petstore-expanded.yaml", "Petstore"),
        ("typesense.yml", "Typesense"),
        ("resend.yaml", "Resend"),
        ("openai-2023.yaml", "OpenAi"),
        ("mistral-2025.yaml", "Mistral"),
        ("twilio-api-v2010.yaml", "Twilio"),
        // Constructs the six do not have: 3.1 webhooks, and a callback whose $ref resolves nowhere (callbacks are the API's
        // requests to the caller, so the client is generated without them).
        ("webhook-example.yaml", "Webhooks"),
        ("callback-example.yaml", "Callbacks"),
        // The OpenAPI Specification's own allOf-with-discriminator example (Pet, Cat, Dog, Lizard), behind a path that does
        // not declare its parameter.
        ("polymorphism-example.yaml", "Polymorphism"),
        // Several security schemes: per-operation security, alternatives, schemes sent together, header, query, cookie, basic.
        ("security-example.yaml", "Vault"),
        ("styles-example.yaml", "Styles"),
    ];

    public sealed class Scratch : IAsyncLifetime
    {
        public ScratchRepo Repo { get; } = new ScratchRepo()
            .Copy("Directory.Build.props", "Directory.Build.targets", "eng", "NuGet.config", "Generated.sln", "Makefile", "src/Specwright.Core", "generator");

        /// <summary>What `make new-service` printed, per service.</summary>
        public Dictionary<string, string> Scaffolds { get; } = [];

        /// <summary>The one build's output (errors and warnings name their project).</summary>
        public string BuildLog { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Repo.PathOf("openapi"));
            // make spec-check's Prism: the repository's pinned install (tests/contract), not a second npm ci.
            Directory.CreateDirectory(Repo.PathOf("tests"));
            Directory.CreateSymbolicLink(Repo.PathOf("tests", "contract"), RepoPaths.ContractTools);
            foreach (var (file, name) in Corpus)
            {
                File.Copy(Path.Combine(RepoPaths.Root, "tests", "corpus", file), Repo.PathOf("openapi", file), overwrite: true);
                var (_, stdout, stderr) = await ProcessRunner.RunUncheckedAsync("make",
                    ["-C", Repo.Root, "--no-print-directory", "new-service", $"NAME={name}", $"SPEC=openapi/{file}"]);
                Scaffolds[name] = stdout + stderr;
            }
            var solution = Repo.PathOf("Corpus.slnx");
            await File.WriteAllTextAsync(solution, "<Solution>\n" + string.Concat(Corpus.Select(c =>
                $"  <Project Path=\"src/Specwright.{c.Name}/Specwright.{c.Name}.csproj\" />\n")) + "</Solution>\n");
            var (_, log, errors) = await ProcessRunner.RunUncheckedAsync("dotnet", ["build", solution, "-nologo", "-v:q", "-clp:NoSummary"]);
            BuildLog = log + errors;
        }

        public Task DisposeAsync()
        {
            Repo.Dispose();
            return Task.CompletedTask;
        }
    }

    /// <summary>Where each spec gets a generator warning (SPECWRIGHT002), by JSON pointer: what its SDK cannot do, said at build time.</summary>
    private static readonly Dictionary<string, string[]> ExpectedGeneratorWarnings = new()
    {
        ["Vault"] = ["/paths/~1peers/get/security"], // only mutual TLS: sent without credentials
    };

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static TheoryData<string, string> Specs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (file, name) in Corpus) data.Add(file, name);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void A_corpus_spec_scaffolds_builds_with_warnings_as_errors_and_reaches_every_operation(string file, string name)
    {
        var repo = scratch.Repo;
        Assert.Contains($"created src/Specwright.{name}", scratch.Scaffolds[name]);
        var project = $"/src/Specwright.{name}/";
        var lines = scratch.BuildLog.Split('\n').Where(l => l.Contains(project, StringComparison.Ordinal)).ToList();
        // The generator's own warnings say what the SDK leaves out; each is expected here, and any other warning or error fails.
        var generatorWarnings = lines.Where(l => l.Contains("warning SPECWRIGHT", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Equal(ExpectedGeneratorWarnings.GetValueOrDefault(name, []), generatorWarnings.Select(l => Regex.Match(l, @"at #(\S+):").Groups[1].Value));
        var problems = lines.Where(l => (l.Contains(" error ") || l.Contains(" warning ")) && !l.Contains("warning SPECWRIGHT", StringComparison.Ordinal)).Take(20).ToList();
        var dll = repo.PathOf("src", $"Specwright.{name}", "bin", "Debug", "net10.0", $"Specwright.{name}.dll");
        Assert.True(problems.Count == 0 && File.Exists(dll), $"{file} did not build cleanly:\n{string.Join("\n", problems)}");

        var expected = CountOperations(Path.Combine(RepoPaths.Root, "tests", "corpus", file));
        var client = File.ReadAllText(repo.PathOf("src", $"Specwright.{name}", "obj", "Generated", $"{name}Client.g.cs"));
        // A public method marked with the operation it calls: [SpecOperation("id")] then `public virtual ...(`.
        var reached = Regex.Matches(client, @"\[global::Specwright\.Core\.SpecOperation\(""([^""]+)""\)\]\s*(?:\[[^\n]*\]\s*)*public virtual [^\n]*\(")
            .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var ids = SpecNormalizer.Load(repo.PathOf("openapi", file))["paths"]!.AsObject()
            .SelectMany(p => Methods.Select(m => p.Value?[m]?["operationId"]?.GetValue<string>())).OfType<string>().ToList();
        Assert.Equal(expected, ids.Count);
        var unreached = ids.Where(id => !reached.Contains(id)).ToList();
        Assert.True(unreached.Count == 0, $"{unreached.Count} of {ids.Count} operations have no public method: {string.Join(", ", unreached.Take(20))}");
    }

    [Fact]
    public async Task Corpus_clients_send_and_read_form_posts_basic_auth_multipart_byte_streams_and_events_and_choose_servers_as_the_specs_say()
    {
        var repo = scratch.Repo;
        var harness = Directory.CreateDirectory(repo.PathOf("corpus-harness")).FullName;
        var source = Path.Combine(RepoPaths.Root, "tests", "Specwright.Corpus.Tests", "CorpusHarness");
        File.Copy(Path.Combine(source, "Program.cs.txt"), Path.Combine(harness, "Program.cs"), overwrite: true);
        File.Copy(Path.Combine(source, "Harness.csproj.txt"), Path.Combine(harness, "Harness.csproj"), overwrite: true);

        var lines = (await ProcessRunner.RunAsync("dotnet", "run", "--project", harness, "-nologo", "-v:q"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var basic = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("AC123:tok3n"));
        Assert.Equal($"twilio POST /2010-04-01/Accounts/AC123/Messages.json {basic} application/x-www-form-urlencoded "
            + "To=%2B15550100&MaxPrice=0.5&From=%2B15550199&Body=hi+there -> SM1", lines[0]);
        Assert.Equal("openai POST /v1/images/edits (none) multipart/form-data "
            + "Content-Disposition: form-data; name=\"image\"; filename=\"cat.png\" | PNGDATA | "
            + "Content-Disposition: form-data; name=\"prompt\" | a hat | Content-Disposition: form-data; name=\"n\" | 2 -> 1", lines[1]);
        // An integer without a format is 64-bit (3,000,000,000 is past Int32); bytes go up and come back as streams.
        Assert.Equal("typesense POST /collections/books/documents/import?batch_size=3000000000&action=update xyz application/octet-stream "
            + "{\"id\":\"1\"}|{\"id\":\"2\"} -> 2 lines application/octet-stream", lines[2]);
        // allOf with a discriminator: the derived type by its value wherever it stands in the object; a value newer than
        // the SDK reads as the base type with its fields and the value kept (and sent back), not an exception. The undeclared
        // {petId} is a string path parameter.
        Assert.Equal("polymorphism GET /v1/pets/7 Cat Tom petType=Cat | GET /v1/pets/8 Pet petType=Bird wings=2 -> {\"petType\":\"Bird\",\"wings\":2} "
            + "| {\"petType\":\"dog\",\"bark\":\"woof\"}", lines[3]);
        // Server-sent events: typed data with the event's type and id, [DONE] ends the stream; string events are their text.
        Assert.Equal("events /v1/pets/7/log text/event-stream sighting/1:Cat Tom | message/2:Dog woof | fed | slept", lines[4]);
        // An operation answering JSON or events gets a streaming form: "stream": true on the wire, not on the caller's object.
        Assert.Equal("mistral POST /v1/fim/completions text/event-stream stream=true prompt=def f( caller's stream=unset -> c1,c2", lines[5]);
        // Server variables are options (in code, from configuration); a value that makes no URL is named when the client is made.
        Assert.Equal("servers http://search.internal:9000 | https://ts.example:8108 | TypesenseClientOptions: the server settings "
            + "(port=not a port) do not make an absolute http(s) URL of {protocol}://{hostname}:{port}.", lines[6]);
        // Several security schemes: each operation's first way with every credential configured, and nothing else of them.
        Assert.Equal("security X-Api-Key=k1 | X-Admin-Key=adm | Authorization=Bearer tok | X-Api-Key=k1 Cookie=vault_session=s3 "
            + "| /v1/exports/e1?format=csv&sig=s%2Fg%3D (none) | X-Admin-Key=adm | (none)", lines[7]);
        var opsBasic = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("ops:pw"));
        Assert.Equal("security, fewer credentials (none) | Operation 'destroySecret' needs credentials that are not configured: adminKey "
            + $"(VaultClientOptions.AdminKey or the VAULT_ADMIN_KEY environment variable). | Authorization={opsBasic} | X-Admin-Key=adm2 | options hide the admin key", lines[8]);
    }

    /// <summary>Operations spec-check cannot pass, and why: none of our doing, each named.</summary>
    private static readonly Dictionary<string, string[]> SpecCheckExceptions = new()
    {
        // Its events' data is an object schema with no example stream: Prism cannot make a text/event-stream answer from
        // one (NO_COMPLEX_OBJECT_TEXT). The corpus harness test reads such a stream from a recorded answer instead.
        ["Polymorphism"] = ["watchPet"],
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task Spec_check_calls_every_operation_through_the_sdk_and_prism_accepts_each_request_and_the_sdk_reads_each_answer(string file, string name)
    {
        var (_, stdout, stderr) = await ProcessRunner.RunUncheckedAsync("make", ["-C", scratch.Repo.Root, "--no-print-directory", "spec-check", $"SPEC=openapi/{file}"],
            new Dictionary<string, string> { ["SPEC_CHECK_NO_BUILD"] = "1" });
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var total = CountOperations(Path.Combine(RepoPaths.Root, "tests", "corpus", file));
        var exceptions = SpecCheckExceptions.GetValueOrDefault(name, []);
        var failed = lines.Select(l => Regex.Match(l, @"^  [A-Z]+ \S+ \(([^)]+)\): ")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.True(failed.SequenceEqual(exceptions), $"spec-check {file}:\n{stdout}\n{stderr}");
        Assert.Equal($"spec-check {file}: {total - exceptions.Length}/{total} operations", lines.LastOrDefault());
    }

    /// <summary>Our three services' specs, checked on the SDKs the solution build made (make test builds first).</summary>
    [Theory]
    [InlineData("webscrape.yaml")]
    [InlineData("scrapellm.yaml")]
    [InlineData("ittybit.yaml")]
    public async Task Spec_check_passes_every_operation_of_our_own_services(string file)
    {
        var (_, stdout, stderr) = await ProcessRunner.RunUncheckedAsync("make", ["-C", RepoPaths.Root, "--no-print-directory", "spec-check", $"SPEC=openapi/{file}"],
            new Dictionary<string, string> { ["SPEC_CHECK_NO_BUILD"] = "1" });
        var total = CountOperations(RepoPaths.Spec(file));
        Assert.True(stdout.EndsWith($"spec-check {file}: {total}/{total} operations\n", StringComparison.Ordinal), $"{stdout}\n{stderr}");
    }

    /// <summary>Operations as the document has them: one per method mapping under each path, read with YamlDotNet directly.</summary>
    private static int CountOperations(string specPath)
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        using (var reader = File.OpenText(specPath)) yaml.Load(reader);
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        var paths = (YamlDotNet.RepresentationModel.YamlMappingNode)root.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("paths")];
        return paths.Children.Values.OfType<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .Sum(item => item.Children.Count(kv => kv.Value is YamlDotNet.RepresentationModel.YamlMappingNode && Methods.Contains(((YamlDotNet.RepresentationModel.YamlScalarNode)kv.Key).Value)));
    }
}
