namespace Specwright.Generator;

/// <summary>
/// A spec whose operations take more than the API key (an admin key, a second header, a scheme only some operations use) gets one
/// option per other scheme, read from its environment variable when unset and bound from configuration, and its options resolve
/// with every scheme, so the key handler can send each operation's first way whose credentials are all there.
/// </summary>
internal static class CredentialOptionsEmitter
{
    private const string Core = "global::Specwright.Core";

    public static bool Applies(SpecFacts f) => f.Security.ApiKeyScheme is not null && f.Operations.Any(o => o.Security is not null);

    /// <summary>The settings these options add, as configuration names them.</summary>
    public static IEnumerable<string> SettingNames(SpecFacts f) => f.Security.OtherSchemes.Select(s => s.Option);

    /// <summary>The arguments that make <c>Resolve</c> know the schemes: the API key's scheme and each other one with its option.</summary>
    public static string ResolveArguments(SpecFacts f) =>
        $"{f.Naming.SpecClass}.ApiKeySecurityScheme, new global::System.Collections.Generic.KeyValuePair<{Core}.Auth.CredentialScheme, string?>[] {{ " +
        string.Join(", ", f.Security.OtherSchemes.Select((s, i) => $"new({f.Naming.SpecClass}.CredentialSchemes[{i}], {s.Option})")) + " }";

    public static void EmitMembers(CSharpWriter w, SpecFacts f)
    {
        foreach (var s in f.Security.OtherSchemes)
        {
            var how = s.Location switch
            {
                "Query" => $"the <c>{SurfaceEmitter.Xml(s.ParameterName)}</c> query parameter",
                "Cookie" => $"the <c>{SurfaceEmitter.Xml(s.ParameterName)}</c> cookie",
                _ => $"<c>{SurfaceEmitter.Xml(s.ParameterName)}: {(s.Prefix is null ? "" : s.Prefix + " ")}&lt;value&gt;</c>" + (s.Prefix == "Basic" ? " (the value is <c>user:password</c>, sent base64-encoded)" : ""),
            };
            var operations = f.Operations.Where(o => o.Security?.Any(way => way.Contains(s.Name)) == true).Select(o => $"<c>{SurfaceEmitter.Xml(o.OperationId)}</c>").ToList();
            w.Line($"/// <summary>The credential of the spec's <c>{SurfaceEmitter.Xml(s.Name)}</c> security scheme{(s.Description is { Length: > 0 } d ? " (" + SurfaceEmitter.Xml(d.Trim().TrimEnd('.')) + ")" : "")}, " +
                   $"sent as {how} by the operations that take it ({string.Join(", ", operations.Take(5))}{(operations.Count > 5 ? $" and {operations.Count - 5} more" : "")}). " +
                   $"Null: the <c>{s.EnvironmentVariable}</c> environment variable. Never printed.</summary>");
            w.Line($"public string? {s.Option} {{ get; set; }}");
            w.Line();
        }
        w.Line($"/// <summary>Reads {string.Join(", ", SettingNames(f).Select(p => $"<c>{p}</c>"))} from a configuration section.</summary>");
        w.Open("internal void BindCredentials(global::Microsoft.Extensions.Configuration.IConfiguration section)");
        foreach (var (s, i) in f.Security.OtherSchemes.Select((s, i) => (s, i)))
            w.Line($"if (section[\"{s.Option}\"] is {{ Length: > 0 }} value{i}) {s.Option} = value{i};");
        w.Close();
    }
}
