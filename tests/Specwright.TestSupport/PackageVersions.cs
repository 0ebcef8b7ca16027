using System.Xml.Linq;

namespace Specwright.TestSupport;

/// <summary>A package's versions in eng/Versions.props: the next release's, and the last release (null: never released).</summary>
public sealed record PackageVersion(string Next, string? Released)
{
    /// <summary>What eng/Versions.props says of <paramref name="package"/> (a package it does not list is 0.1.0, never released).</summary>
    public static PackageVersion Of(string package, string? root = null)
    {
        var props = XDocument.Load(Path.Combine(root ?? RepoPaths.Root, "eng", "Versions.props"));
        XNamespace ns = props.Root!.Name.Namespace;
        var group = props.Root.Elements(ns + "PropertyGroup")
            .SingleOrDefault(g => (string?)g.Attribute("Condition") == $"'$(MSBuildProjectName)' == '{package}'");
        return group is null
            ? new PackageVersion("0.1.0", null)
            : new PackageVersion((string)group.Element(ns + "SpecwrightVersion")!, (string?)group.Element(ns + "SpecwrightReleasedVersion"));
    }
}
