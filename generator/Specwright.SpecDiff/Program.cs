using System.Diagnostics;
using Specwright.Shared;
using Specwright.SpecDiff;

// specwright-spec-diff <spec.yaml> <base git ref> [--changelog <CHANGELOG.md> --version <v>] [--package <id> --released <v>]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Specwright.SpecDiff <openapi/x.yaml> <base git ref> [--changelog <file> --version <version>] [--package <id> --released <version>]");
    return 2;
}
var spec = Path.GetFullPath(args[0]);
var baseRef = args[1];
var root = Git(Path.GetDirectoryName(spec)!, "rev-parse", "--show-toplevel").Trim();
var relative = Path.GetRelativePath(root, spec).Replace('\\', '/');
string oldText;
try { oldText = Git(root, "show", $"{baseRef}:{relative}"); }
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"{relative} does not exist at {baseRef}: {e.Message}");
    return 2;
}
var before = YamlJson.Load(new StringReader(oldText));
var after = YamlJson.Load(File.OpenText(spec));
var changes = SpecComparer.Compare(before, after);
var breaking = changes.Count(c => c.Impact == Impact.Breaking);
Console.WriteLine($"{relative}: {baseRef} ({before["info"]?["version"]}) -> working tree ({after["info"]?["version"]}): {changes.Count} change(s), {breaking} breaking");
foreach (var c in changes) Console.WriteLine("  " + c);

var packageAt = Array.IndexOf(args, "--package");
if (packageAt > 0 && packageAt + 1 < args.Length)
{
    var releasedAt = Array.IndexOf(args, "--released");
    var released = releasedAt > 0 && releasedAt + 1 < args.Length ? args[releasedAt + 1].Trim() : "";
    Console.WriteLine(released.Length == 0
        ? $"  {args[packageAt + 1]}: never released; its first release is SpecwrightVersion in eng/Versions.props"
        : $"  {args[packageAt + 1]}: released {released}; these spec changes need at least {NextVersion.Propose(released, changes)} (set SpecwrightVersion in eng/Versions.props)");
}

var changelogAt = Array.IndexOf(args, "--changelog");
if (changelogAt > 0)
{
    var versionAt = Array.IndexOf(args, "--version");
    var version = versionAt > 0 ? args[versionAt + 1] : after["info"]?["version"]?.ToString() ?? "unreleased";
    ChangelogWriter.Prepend(args[changelogAt + 1], version, baseRef, changes);
    Console.WriteLine($"wrote {args[changelogAt + 1]}");
}
return 0;

static string Git(string dir, params string[] args)
{
    var psi = new ProcessStartInfo("git", args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
    using var p = Process.Start(psi)!;
    var output = p.StandardOutput.ReadToEnd();
    var error = p.StandardError.ReadToEnd();
    p.WaitForExit();
    return p.ExitCode == 0 ? output : throw new InvalidOperationException(error.Trim());
}
