using System.Text;
using System.Text.RegularExpressions;

namespace Specwright.Generator;

/// <summary>
/// The shortest string a schema's <c>pattern</c> matches, for the patterns specs use (literals, escapes, character classes,
/// groups with alternatives, quantifiers): each class's first character, each group's first alternative, each quantifier's
/// minimum (at least one for <c>+</c>). Null when the pattern has what this does not read, or the result does not match.
/// </summary>
public static class PatternSample
{
    public static string? Make(string pattern)
    {
        try
        {
            var text = new StringBuilder();
            var i = 0;
            if (!Sequence(pattern, ref i, text) || i != pattern.Length) return null;
            var result = text.ToString();
            return Regex.IsMatch(result, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)) ? result : null;
        }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    // A sequence of atoms up to ')' or the end; '|' alternatives after the first are skipped.
    private static bool Sequence(string p, ref int i, StringBuilder text)
    {
        while (i < p.Length && p[i] != ')')
        {
            if (p[i] == '|')
            {
                var depth = 0;
                for (; i < p.Length && !(depth == 0 && p[i] == ')'); i++)
                {
                    if (p[i] == '\\') i++;
                    else if (p[i] == '(') depth++;
                    else if (p[i] == ')') depth--;
                }
                return true;
            }
            var atom = new StringBuilder();
            if (!Atom(p, ref i, atom)) return false;
            var (min, _) = Quantifier(p, ref i);
            if (i < p.Length && p[i] == '?') i++; // lazy: the same minimum
            for (var n = 0; n < min; n++) text.Append(atom);
        }
        return true;
    }

    private static bool Atom(string p, ref int i, StringBuilder atom)
    {
        var c = p[i++];
        switch (c)
        {
            case '^' or '$':
                return true;
            case '(':
                if (i < p.Length && p[i] == '?')
                {
                    if (i + 1 < p.Length && p[i + 1] == ':') i += 2;
                    else return false;
                }
                if (!Sequence(p, ref i, atom) || i >= p.Length) return false;
                i++;
                return true;
            case '[':
                return Class(p, ref i, atom);
            case '\\':
                atom.Append(Escape(p[i++]));
                return true;
            case '.':
                atom.Append('a');
                return true;
            default:
                atom.Append(c);
                return true;
        }
    }

    private static bool Class(string p, ref int i, StringBuilder atom)
    {
        if (p[i] == '^') return false;
        var first = p[i] == '\\' ? Escape(p[++i]) : p[i].ToString();
        for (; i < p.Length && p[i] != ']'; i++)
            if (p[i] == '\\') i++;
        if (i >= p.Length) return false;
        i++;
        atom.Append(first);
        return true;
    }

    private static string Escape(char c) => c switch
    {
        'd' => "0",
        'w' => "a",
        's' => " ",
        'n' => "\n",
        't' => "\t",
        _ => c.ToString(),
    };

    private static (int Min, int Max) Quantifier(string p, ref int i)
    {
        if (i >= p.Length) return (1, 1);
        switch (p[i])
        {
            case '?': i++; return (0, 1);
            case '*': i++; return (0, int.MaxValue);
            case '+': i++; return (1, int.MaxValue);
            case '{':
                var end = p.IndexOf('}', i);
                var parts = p[(i + 1)..end].Split(',');
                i = end + 1;
                var min = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
                return (min, parts.Length == 1 ? min : parts[1].Length == 0 ? int.MaxValue : int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            default: return (1, 1);
        }
    }
}
