using System.Text.Json;
using System.Text.Json.Nodes;
using Specwright.Generator.Model;

namespace Specwright.DocsGen;

/// <summary>
/// The code samples as an OpenAPI Overlay 1.0 document (languages C#, Shell for the CLI, curl: the ones redocly.yaml lists): one action per operation adding <c>x-codeSamples</c> (C#, CLI,
/// curl), which Redocly renders beside the operation. `redocly bundle --overlay` applies it to a copy of the spec, so the
/// hand-kept spec never holds generated text.
/// </summary>
public static class SamplesOverlay
{
    public static string Write(ServiceModel model, IReadOnlyList<CodeSample> samples)
    {
        var spec = model.Root;
        var byId = samples.ToDictionary(s => s.OperationId);
        var actions = new JsonArray();
        foreach (var op in model.Operations)
        {
            if (!byId.TryGetValue(op.Id, out var sample)) continue;
            actions.Add(new JsonObject
            {
                ["target"] = $"$.paths['{op.Path}'].{op.Method}",
                ["update"] = new JsonObject
                {
                    ["x-codeSamples"] = new JsonArray(
                        Sample("C#", "C#", sample.CSharp),
                        Sample("Shell", "CLI", sample.Cli),
                        Sample("curl", "curl", sample.Curl)),
                },
            });
        }
        var overlay = new JsonObject
        {
            ["overlay"] = "1.0.0",
            ["info"] = new JsonObject { ["title"] = $"Code samples of {spec["info"]?["title"]}", ["version"] = spec["info"]?["version"]?.DeepClone() },
            ["actions"] = actions,
        };
        return overlay.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Sample(string lang, string label, string source) => new() { ["lang"] = lang, ["label"] = label, ["source"] = source };
}
