using System.Text;

namespace Specwright.SpecDiff;

/// <summary>Writes a CHANGELOG section from a spec diff: breaking changes first, then additions.</summary>
public static class ChangelogWriter
{
    public static string Section(string version, string baseRef, IReadOnlyList<SpecChange> changes)
    {
        var sb = new StringBuilder($"## {version}\n\nSpec changes since `{baseRef}` (from `make spec-diff`).\n");
        void Group(string title, Impact impact)
        {
            var items = changes.Where(c => c.Impact == impact).ToList();
            if (items.Count == 0) return;
            sb.Append($"\n### {title}\n\n");
            foreach (var c in items) sb.Append($"- {c.Area}: {c.What}\n");
        }
        Group("Breaking", Impact.Breaking);
        Group("Added", Impact.Additive);
        if (changes.Count == 0) sb.Append("\nNo changes to operations, schemas or error codes.\n");
        return sb.ToString();
    }

    public static void Prepend(string path, string version, string baseRef, IReadOnlyList<SpecChange> changes)
    {
        const string title = "# Changelog\n";
        var existing = File.Exists(path) ? File.ReadAllText(path) : title;
        var body = existing.StartsWith(title, StringComparison.Ordinal) ? existing[title.Length..].TrimStart('\n') : existing;
        File.WriteAllText(path, $"{title}\n{Section(version, baseRef, changes)}\n{body}".TrimEnd('\n') + "\n");
    }
}
