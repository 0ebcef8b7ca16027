namespace Specwright.Generator;

/// <summary>
/// The exception class of an error code: <c>&lt;PascalCaseCode&gt;Exception</c>, unless that name is already a .NET type in a
/// namespace C# projects import by default (<c>key_not_found</c> would be <c>KeyNotFoundException</c>, which is in
/// System.Collections.Generic): then <c>&lt;PascalCaseCode&gt;ApiException</c>, so a user's file compiles without an alias.
/// </summary>
internal static class ExceptionNames
{
    /// <summary>The namespaces of the SDK's ImplicitUsings (Microsoft.NET.Sdk) and the HTTP types every caller uses.</summary>
    private static readonly string[] ImplicitNamespaces =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly HashSet<string> Taken = new[] { typeof(object), typeof(HttpClient), typeof(Enumerable), typeof(Stack<>) }
        .Select(t => t.Assembly).Distinct()
        .SelectMany(a => a.GetExportedTypes())
        .Where(t => ImplicitNamespaces.Contains(t.Namespace))
        .Select(t => t.Name)
        .ToHashSet(StringComparer.Ordinal);

    public static string For(string code)
    {
        var name = Naming.Pascal(code) + "Exception";
        return Taken.Contains(name) ? Naming.Pascal(code) + "ApiException" : name;
    }
}
