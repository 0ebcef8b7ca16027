using System.Text;

namespace Specwright.Generator;

/// <summary>Turns wire names (snake_case, kebab-case, camelCase, dotted) into C# identifiers.</summary>
public static class Naming
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long",
        "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected", "public",
        "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch",
        "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void",
        "volatile", "while",
    ];

    /// <summary>Punctuation that tells two wire names apart (<c>StartTime&lt;</c>, <c>StartTime&gt;</c>), in words.</summary>
    private static readonly (string Mark, string Word)[] Marks =
        [("<=", "AtMost"), (">=", "AtLeast"), ("<", "Before"), (">", "After"), ("!", "Not"), ("+", "Plus"), ("*", "Star"), ("$", "Dollar"), ("@", "At"), ("#", "Hash"), ("[]", "List")];

    /// <summary>Longest identifier written; longer names keep their start and a short hash of the whole.</summary>
    private const int MaxLength = 120;

    public static string Pascal(string name)
    {
        var sb = new StringBuilder(name.Length);
        var upperNext = true;
        foreach (var ch in name)
        {
            if (!char.IsLetterOrDigit(ch) || ch > 127 && !char.IsLetter(ch))
            {
                upperNext = true;
                continue;
            }
            sb.Append(upperNext ? char.ToUpperInvariant(ch) : ch);
            upperNext = false;
        }
        if (sb.Length == 0) throw new ArgumentException($"'{name}' has no letters or digits to build a C# name from.");
        if (char.IsDigit(sb[0])) sb.Insert(0, '_');
        return Shorten(sb.ToString(), name);
    }

    public static string Camel(string name)
    {
        var pascal = Pascal(name);
        return char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }

    /// <summary>A C# variable for a wire name: camelCase, <c>@</c> before a keyword (<c>event</c> -> <c>@event</c>).</summary>
    public static string Variable(string name)
    {
        var camel = Camel(name);
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    /// <summary>
    /// C# names for wire names that must not collide (the properties of one class, the parameters of one method): a
    /// name two wire names would share gets the words of its punctuation (<c>StartTime&lt;</c> -> <c>StartTimeBefore</c>),
    /// then a number; <paramref name="reserved"/> (the class's own name, say) is avoided the same way.
    /// </summary>
    /// <param name="alternative">A second name to try, before a number, where punctuation does not tell two apart.</param>
    public static IReadOnlyDictionary<string, string> Distinct(IEnumerable<string> wireNames, Func<string, string> name, IEnumerable<string>? reserved = null,
        Func<string, string>? alternative = null)
    {
        var wires = wireNames.Distinct().ToList();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(reserved ?? [], StringComparer.Ordinal);
        var shared = wires.GroupBy(name).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)).ToHashSet();
        // Names nobody shares first, so a plain `status` keeps its name next to `status!`.
        foreach (var wire in wires.OrderBy(w => shared.Contains(w) ? 1 : 0))
        {
            var candidate = name(wire);
            if (!used.Contains(candidate)) { used.Add(candidate); result[wire] = candidate; continue; }
            var marked = candidate + string.Concat(Marks.Where(m => wire.Contains(m.Mark, StringComparison.Ordinal)).Select(m => m.Word).Distinct());
            if (marked == candidate) marked = alternative?.Invoke(wire) is { } other && other != candidate ? other : candidate + "Value";
            var unique = marked;
            for (var i = 2; used.Contains(unique); i++) unique = marked + i;
            used.Add(unique);
            result[wire] = unique;
        }
        return result;
    }

    private static string Shorten(string identifier, string wire)
    {
        if (identifier.Length <= MaxLength) return identifier;
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(wire)))[..8];
        return identifier[..(MaxLength - 9)] + "_" + hash;
    }
}
