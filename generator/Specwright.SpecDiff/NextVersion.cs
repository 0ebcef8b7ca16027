namespace Specwright.SpecDiff;

/// <summary>
/// The semver a service package's next release needs, given its last release and its spec's changes since: a breaking
/// change, the next major; an additive one, the next minor; none, the next patch (the SDK's own changes may ask for more).
/// </summary>
public static class NextVersion
{
    public static string Propose(string released, IReadOnlyCollection<SpecChange> changes)
    {
        var core = released.Split('+')[0].Split('-')[0].Split('.');
        if (core.Length != 3 || !core.All(p => int.TryParse(p, out _)))
            throw new ArgumentException($"'{released}' is not a semver release (major.minor.patch)", nameof(released));
        var (major, minor, patch) = (int.Parse(core[0]), int.Parse(core[1]), int.Parse(core[2]));
        if (changes.Any(c => c.Impact == Impact.Breaking)) return $"{major + 1}.0.0";
        if (changes.Count > 0) return $"{major}.{minor + 1}.0";
        return $"{major}.{minor}.{patch + 1}";
    }
}
