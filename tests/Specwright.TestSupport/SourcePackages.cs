using System.Text.RegularExpressions;

namespace Specwright.TestSupport;

/// <summary>One service SDK project: its package id and the spec it is generated from (its <c>&lt;SpecwrightSpec&gt;</c>).</summary>
public sealed record ServicePackage(string Package, string SpecFile)
{
    /// <summary>The service name: the package id without <c>Specwright.</c>.</summary>
    public string Service => Package["Specwright.".Length..];

    public override string ToString() => Package;
}

/// <summary>
/// The packages in src/, found from the project files, so that a service added by <c>make new-service</c>
/// is listed, packed and checked with no test edited.
/// </summary>
public static partial class SourcePackages
{
    /// <summary>Every library package: the src/ projects that are neither an executable (the CLI tool, the sandbox) nor unpackable.</summary>
    public static IReadOnlyList<string> Libraries() =>
        Projects().Where(p => !Regex.IsMatch(p.Text, @"<OutputType>\s*Exe\s*</OutputType>") && !p.Text.Contains("<IsPackable>false</IsPackable>"))
            .Select(p => p.Name).ToList();

    /// <summary>Every service SDK: the src/ projects that name a spec.</summary>
    public static IReadOnlyList<ServicePackage> Services() =>
        Projects().Select(p => (p.Name, Spec: SpecProperty().Match(p.Text)))
            .Where(p => p.Spec.Success).Select(p => new ServicePackage(p.Name, Path.GetFileName(p.Spec.Groups[1].Value.Trim()))).ToList();

    private static IEnumerable<(string Name, string Text)> Projects() =>
        Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src")).Order(StringComparer.Ordinal)
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".csproj")).Where(File.Exists)
            .Select(f => (Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)));

    [GeneratedRegex(@"<SpecwrightSpec>([^<]+)</SpecwrightSpec>")]
    private static partial Regex SpecProperty();
}
