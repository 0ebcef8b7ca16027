namespace Specwright.TestSupport;

/// <summary>Paths in the repository checkout the tests run from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Generated.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Generated.sln above {AppContext.BaseDirectory}: tests must run inside the repository.");
    });

    public static string Root => RootPath.Value;

    public static string Spec(string fileName) => Path.Combine(Root, "openapi", fileName);

    /// <summary>The pinned npm tools of the contract tier (tests/contract).</summary>
    public static string ContractTools => Path.Combine(Root, "tests", "contract");
}
