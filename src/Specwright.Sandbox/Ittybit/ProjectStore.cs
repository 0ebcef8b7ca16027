using System.Collections.Concurrent;
using Specwright.Sandbox.Accounts;
using Specwright.Sandbox.Hosting;

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
        var project = _projects.GetOrAdd(key, k =>
        {
            var created = new Project(new AccountStore(_ => null).Add(k, credits));
            var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            created.Keys.Add((new Specwright.Ittybit.Key { Id = "key_" + Ids.Base62String(16), Object = "key", Name = "Sandbox key", Status = Specwright.Ittybit.KeyStatus.Active, CreatedAt = now, UpdatedAt = now }, k));
            return created;
        });
        return project.Account;
    }

    /// <summary>A new key of <paramref name="project"/> (POST /keys): requests with it reach the same project.</summary>
    internal void AddKey(Project project, string secret) => _projects[secret] = project;

    /// <summary>A deleted key (DELETE /keys/{id}): requests with it are refused from now on.</summary>
    internal void RemoveKey(string secret) => _projects.TryRemove(secret, out _);

    /// <summary>Adds an organisation-level key: valid, but project endpoints answer <c>project_required</c>.</summary>
    public void AddOrgKey(string key) => _orgKeys[key] = true;

    internal Project? Find(string key) => _projects.TryGetValue(key, out var p) ? p : null;

    internal bool IsOrgKey(string key) => _orgKeys.ContainsKey(key);

    /// <summary>The credits left on a project key; null for an unknown key.</summary>
    public int? Balance(string key) => Find(key)?.Account.Balance;

    internal IEnumerable<Project> All => _projects.Values;
}
