using System.Text;

namespace Specwright.Generator;

/// <summary>Turns wire names (snake_case, kebab-case, camelCase, dotted) into C# identifiers.</summary>
public static class Naming
{
    public static string Pascal(string name)
    {
        var sb = new StringBuilder(name.Length);
        var upperNext = true;
        foreach (var ch in name)
        {
            if (!char.IsLetterOrDigit(ch))
            {
                upperNext = true;
                continue;
            }
            sb.Append(upperNext ? char.ToUpperInvariant(ch) : ch);
            upperNext = false;
        }
        if (sb.Length == 0) throw new ArgumentException($"'{name}' has no letters or digits to build a C# name from.");
        if (char.IsDigit(sb[0])) sb.Insert(0, '_');
        return sb.ToString();
    }

    public static string Camel(string name)
    {
        var pascal = Pascal(name);
        return char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }
}
