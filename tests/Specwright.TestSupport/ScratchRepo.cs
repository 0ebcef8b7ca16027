namespace Specwright.TestSupport;

/// <summary>
/// A throwaway copy of parts of the repository in a temporary directory (without bin, obj and node_modules), for tests
/// that scaffold a service with <c>make new-service</c> and build it as a user would. Deleted on dispose.
/// </summary>
public sealed class ScratchRepo : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("specwright-scratch-").FullName;

    /// <summary>Copies root files (e.g. the Makefile) and folders (e.g. <c>src/Specwright.Core</c>) from the repository.</summary>
    public ScratchRepo Copy(params string[] relativePaths)
    {
        foreach (var relative in relativePaths)
        {
            var from = Path.Combine(RepoPaths.Root, relative);
            var to = Path.Combine(Root, relative);
            if (File.Exists(from))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(from, to, overwrite: true);
            }
            else CopyTree(from, to);
        }
        return this;
    }

    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules" or "TestResults")) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { } // a build server may still hold a file; the OS cleans the temp directory
    }
}
