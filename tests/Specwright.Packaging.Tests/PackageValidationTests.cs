using Specwright.TestSupport;

namespace Specwright.Packaging.Tests;

/// <summary>
/// Package validation guards every release: in a scratch copy of the repository, a public member of Core made internal
/// (a breaking change) fails the pack, naming the member, while the version's major is that of the last release; with
/// the major bumped in eng/Versions.props, the same change packs. (The scratch sets the version itself: the checkout's next
/// Core may already be a declared major.)
/// </summary>
public sealed class PackageValidationTests : IDisposable
{
    private const string Breaking = "    internal static readonly IReadOnlyList<string> PerMinuteFields";
    private readonly ScratchRepo _scratch = new ScratchRepo().Copy("Directory.Build.props", "Directory.Build.targets", "NuGet.config", "eng", "src/Specwright.Core");

    [Fact]
    public async Task A_breaking_change_without_a_major_bump_fails_the_pack_naming_it()
    {
        var released = PackageVersion.Of("Specwright.Core").Released;
        Assert.NotNull(released); // Core has a release to compare with
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "eng", "baselines", $"Specwright.Core.{released}.nupkg")));
        var signal = _scratch.PathOf("src", "Specwright.Core", "RateLimiting", "RateLimitSignal.cs");
        var text = await File.ReadAllTextAsync(signal);
        const string Public = "    public static readonly IReadOnlyList<string> PerMinuteFields";
        Assert.Contains(Public, text);
        await File.WriteAllTextAsync(signal, text.Replace(Public, Breaking, StringComparison.Ordinal));

        var major = int.Parse(released!.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
        await SetNextVersionAsync($"{major}.99.0"); // the released major: the baseline is compared
        var (exit, log) = await PackAsync();
        Assert.NotEqual(0, exit);
        Assert.Contains("CP0002", log);
        Assert.Contains("RateLimitSignal.PerMinuteFields", log);

        await SetNextVersionAsync($"{major + 1}.0.0");
        (exit, log) = await PackAsync();
        Assert.True(exit == 0, log);
    }

    /// <summary>Core's next version in the scratch's eng/Versions.props (other packages of the same version change too: only Core is packed).</summary>
    private async Task SetNextVersionAsync(string version)
    {
        var versions = _scratch.PathOf("eng", "Versions.props");
        var next = PackageVersion.Of("Specwright.Core", _scratch.Root).Next;
        await File.WriteAllTextAsync(versions, (await File.ReadAllTextAsync(versions))
            .Replace($"<SpecwrightVersion>{next}</SpecwrightVersion>", $"<SpecwrightVersion>{version}</SpecwrightVersion>", StringComparison.Ordinal));
        Assert.Equal(version, PackageVersion.Of("Specwright.Core", _scratch.Root).Next);
    }

    private async Task<(int Exit, string Log)> PackAsync()
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunUncheckedAsync("dotnet",
            ["pack", _scratch.PathOf("src", "Specwright.Core"), "-c", "Release", "-o", _scratch.PathOf("out")], workingDirectory: _scratch.Root);
        return (exit, stdout + stderr);
    }

    public void Dispose() => _scratch.Dispose();
}
