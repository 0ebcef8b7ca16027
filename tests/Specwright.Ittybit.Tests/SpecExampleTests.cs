using System.Text.Json;
using System.Text.Json.Nodes;
using Specwright.TestSupport;

namespace Specwright.Ittybit.Tests;

/// <summary>
/// Every response example of openapi/ittybit.yaml (the vendor's own among them: brief list items, a task without
/// run_id, an automation without workflow, a run in status <c>ready</c>) reads into the generated types.
/// </summary>
public class SpecExampleTests
{
    private static readonly SpecDocument Spec = SpecDocument.Load("ittybit.yaml");

    public static TheoryData<string> ResponseExamples() =>
        new(Spec.Examples().Where(e => !e.Where.Contains(" request ", StringComparison.Ordinal) && e.Where.Contains(" 2", StringComparison.Ordinal)).Select(e => e.Where));

    [Theory]
    [MemberData(nameof(ResponseExamples))]
    public void The_example_reads_into_the_generated_type_and_writes_back_every_field(string where)
    {
        var example = Spec.Examples().Single(e => e.Where == where);
        var schema = Spec.Resolve(example.Schema);
        var itemRef = schema["items"]?["$ref"]?.GetValue<string>();
        var typeName = (itemRef ?? example.Schema["$ref"]!.GetValue<string>()).Split('/')[^1];
        var type = typeof(IttybitJsonContext).Assembly.GetType($"Specwright.Ittybit.{typeName}")!;
        var info = IttybitJsonContext.Default.GetTypeInfo(itemRef is null ? type : typeof(IList<>).MakeGenericType(type))!;

        var model = JsonSerializer.Deserialize(example.Value.ToJsonString(), info);

        JsonAssert.Equivalent(example.Value, JsonNode.Parse(JsonSerializer.Serialize(model, info)), $"{where} changed on the way through {typeName}");
    }

    [Fact]
    public void The_vendors_brief_items_and_unknown_values_are_kept()
    {
        var runs = JsonSerializer.Deserialize(Spec.Examples().Single(e => e.Where == "GET /runs 200 application/json example").Value.ToJsonString(),
            IttybitJsonContext.Default.IListRun)!;
        var tasks = JsonSerializer.Deserialize("""[{"id":"task_abc123","object":"task","kind":"video","status":"succeeded"}]""", IttybitJsonContext.Default.IListMediaTask)!;

        Assert.Equal("ready", runs[0].Status.Value);
        Assert.False(runs[0].Status.IsKnown);
        Assert.False(runs[0].Status.IsTerminal); // an unknown status keeps a wait polling
        Assert.Null(tasks[0].RunId);
        Assert.Null(tasks[0].CreatedAt);
    }
}
