namespace Specwright.Shared;

/// <summary>
/// The CLI's names for operations and parameters, in one place for the CLI (which makes the commands) and the docs (which
/// show them): kebab case, <c>getSmartBrowseRun</c> -> <c>get-smart-browse-run</c>, <c>run_id</c> -> <c>run-id</c>.
/// </summary>
internal static class CommandNames
{
    public static string Kebab(string name)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            if (ch is '_' or ' ' or '.') { sb.Append('-'); continue; }
            if (char.IsUpper(ch) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])))
                sb.Append('-');
            sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString().Replace("--", "-");
    }

    /// <summary>The subcommand of every service that holds a command for each of its operations, curated names or not.</summary>
    public const string Call = "call";
}
