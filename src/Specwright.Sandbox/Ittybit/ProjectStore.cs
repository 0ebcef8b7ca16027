using System.Collections.Concurrent;
using Specwright.Sandbox.Accounts;

namespace Specwright.Sandbox.Ittybit;

/// <summary>Ittybit keys: each project key is its own project; an organisation key is refused by project endpoints.</summary>
public sealed class IttybitProjects
{
    private readonly ConcurrentDictionary<string, Project> _projects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _orgKeys = new(StringComparer.Ordinal);

    /// <summary>Adds a project key with <paramref name="credits"/> (one per task started).</summary>
    public Account AddProjectKey(string key, int credits)
    {
        if (string.IsNullOrWhiteSpace(key)) throw new ArgumentException("an Ittybit key must not be empty", nameof(key));
        var project = _projects.GetOrAdd(key, k => new Project(new AccountStore(_ => null).Add(k, credits)));
        return project.Account;
    }

    /// <summary>Adds an organisation-level key: valid, but project endpoints answer <c>project_required</c>.</summary>
    public void AddOrgKey(string key) => _orgKeys[key] = true;

    internal Project? Find(string key) => _projects.TryGetValue(key, out var p) ? p : null;

    internal bool IsOrgKey(string key) => _orgKeys.ContainsKey(key);

    /// <summary>The credits left on a project key; null for an unknown key.</summary>
    public int? Balance(string key) => Find(key)?.Account.Balance;

    internal IEnumerable<Project> All => _projects.Values;
}
