using System.Reflection;
using System.Text.Json;
using Specwright.DocsGen;
using Specwright.Generator;
using Specwright.Generator.Model;

// Specwright.DocsGen <openapi/x.yaml> <SDK assembly: a path to its .dll, or its name> <out.md> [--samples <samples.json>] [--overlay <overlay.json>]
// Specwright.DocsGen --index <index.html> <openapi/x.yaml>=<SDK assembly name> ...
if (args.Length >= 2 && args[0] == "--index")
{
    var services = args[2..].Select(a => a.Split('=')).Select(p => (Path.GetFileNameWithoutExtension(p[0]), SpecNormalizer.Load(p[0]), p[1]));
    File.WriteAllText(args[1], IndexPage.Write(services));
    Console.WriteLine($"wrote {args[1]}");
    return 0;
}
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: Specwright.DocsGen <openapi/x.yaml> <SDK assembly: path to its .dll, or its name> <out.md> [--samples <out.json>] [--overlay <out.json>]");
    Console.Error.WriteLine("       Specwright.DocsGen --index <out.html> <openapi/x.yaml>=<SDK assembly name> ...");
    return 2;
}
var model = ServiceModel.Read(SpecNormalizer.Load(args[0]));
var sdk = File.Exists(args[1]) ? Assembly.LoadFrom(Path.GetFullPath(args[1])) : Assembly.Load(args[1]);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[2]))!);
var reference = SdkReference.Write(model, sdk);
File.WriteAllText(args[2], reference);
// The same reference as a page, beside the Markdown: what the landing page links.
File.WriteAllText(Path.ChangeExtension(args[2], ".html"), MarkdownPage.Write(reference, $"{model.Root["info"]?["title"]} C# SDK reference"));
Console.WriteLine($"wrote {args[2]} and its .html");
string? Option(string name) => Array.IndexOf(args, name) is var i and > 0 && i + 1 < args.Length ? args[i + 1] : null;
if (Option("--samples") is not null || Option("--overlay") is not null)
{
    var samples = CodeSamples.Write(model, sdk);
    if (Option("--samples") is { } samplesFile)
        File.WriteAllText(samplesFile, JsonSerializer.Serialize(samples, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
    if (Option("--overlay") is { } overlayFile) File.WriteAllText(overlayFile, SamplesOverlay.Write(model, samples));
}
return 0;
