// spec-check: every operation of a spec called once through its generated SDK against Prism mocking that spec.
// usage: Specwright.SpecCheck --spec <file> --sdk <Specwright.X.dll> --prism <prism executable> [--base-url <url>]
using Specwright.Generator;
using Specwright.Generator.Model;
using Specwright.SpecCheck;
using static Specwright.SpecCheck.OperationCall;

var arguments = args.Chunk(2).Where(p => p.Length == 2 && p[0].StartsWith("--", StringComparison.Ordinal)).ToDictionary(p => p[0][2..], p => p[1]);
if (!arguments.TryGetValue("spec", out var spec) || !arguments.TryGetValue("sdk", out var sdkPath) || !arguments.TryGetValue("prism", out var prism))
{
    Console.Error.WriteLine("usage: Specwright.SpecCheck --spec <file> --sdk <Specwright.X.dll> --prism <prism executable> [--base-url <url>]");
    return 2;
}

var root = SpecNormalizer.Load(spec);
var model = ServiceModel.Read(root);
var sdk = SdkSurface.Load(sdkPath);
var prismSpec = PrismSpec.Write(spec);
var call = new OperationCall(sdk, new Samples(root));
// --base-url: the calls go to that server instead of Prism, to see what the SDK sends.
arguments.TryGetValue("base-url", out var baseUrl);
await using var strict = new MockedClient(sdk, prism, prismSpec, MockedClient.Mode.Strict, baseUrl);
// The fallbacks, each started on first use, for a request the strict mock validated (or refused for its known defect alone):
// so that the SDK reads an answer even where Prism's example answer breaks the spec.
await using var lenient = new MockedClient(sdk, prism, prismSpec, MockedClient.Mode.Lenient, baseUrl);
await using var fromSchemaMock = new MockedClient(sdk, prism, prismSpec, MockedClient.Mode.FromSchema, baseUrl);
await using var formArrayMock = new MockedClient(sdk, prism, prismSpec, MockedClient.Mode.FormArrays, baseUrl);
List<string> sentFromSchema = [], readBrokenExample = [], answeredFromSchema = [], formArrays = [];

var passed = 0;
foreach (var operation in model.Operations)
{
    var failure = await strict.RunAsync(call, operation);
    if (call.LastOutcome == Outcome.Refused)
    {
        var first = failure;
        failure = await WithSchemaSamples(strict);
        if (failure is null) sentFromSchema.Add(operation.Id);
        else if (call.LastOutcome != Outcome.Refused) failure = $"{first} (and from the schema: {failure})";
    }
    if (call.LastOutcome == Outcome.PrismFormArrayDefect)
    {
        var first = failure;
        failure = await WithSchemaSamples(formArrayMock);
        if (failure is null) formArrays.Add(operation.Id);
        else failure = $"{first} (and with Prism's array spelling: {failure})";
    }
    if (call.LastOutcome == Outcome.AnswerBrokeSpec)
    {
        var first = failure;
        var asIs = await lenient.RunAsync(call, operation);
        failure = asIs is null ? null : await fromSchemaMock.RunAsync(call, operation);
        if (asIs is null) readBrokenExample.Add(operation.Id);
        else if (failure is null) answeredFromSchema.Add(operation.Id);
        else failure = $"{first} (reading Prism's example anyway: {asIs}; an answer from the schema: {failure})";
    }
    if (failure is null) passed++;
    else Console.WriteLine($"  {operation.Method.ToUpperInvariant()} {operation.Path} ({operation.Id}): {failure}");

    async Task<string?> WithSchemaSamples(MockedClient mock)
    {
        call.FromSchemaOnly = true;
        try
        {
            return await mock.RunAsync(call, operation);
        }
        finally
        {
            call.FromSchemaOnly = false;
        }
    }
}
Note(sentFromSchema, "sent from the schemas: the spec's example of the request breaks the spec");
Note(readBrokenExample, "read Prism's example answer, which breaks the spec, without an error");
Note(answeredFromSchema, "answered from the schemas: the spec's example answer breaks the spec and does not read");
Note(formArrays, "accepted with repeated form keys spelled key[] for Prism (its defect stoplightio/prism#2473)");
if (prismSpec != spec) File.Delete(prismSpec);
Console.WriteLine($"spec-check {Path.GetFileName(spec)}: {passed}/{model.Operations.Count} operations");
return passed == model.Operations.Count ? 0 : 1;

static void Note(List<string> operations, string what)
{
    if (operations.Count > 0) Console.WriteLine($"  {operations.Count} {what}: {string.Join(", ", operations)}");
}
