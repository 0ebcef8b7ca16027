using System.Reflection;
using Specwright.DocsGen;
using Specwright.Shared;

// Specwright.DocsGen <openapi/x.yaml> <SDK assembly name> <out.md>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Specwright.DocsGen <openapi/x.yaml> <SDK assembly name, e.g. Specwright.WebScrape> <out.md>");
    return 2;
}
var spec = YamlJson.Load(File.OpenText(args[0]));
var markdown = SdkReference.Write(spec, Assembly.Load(args[1]));
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[2]))!);
File.WriteAllText(args[2], markdown);
Console.WriteLine($"wrote {args[2]}");
return 0;
