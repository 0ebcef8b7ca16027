namespace Specwright.Generator;

/// <summary>
/// A spec with several servers, or with server variables (<c>{region}.api.example.com</c>), gets options to choose them:
/// <c>Server</c> (an index into the spec's servers) and one <c>Server&lt;Variable&gt;</c> per variable (null: the spec's
/// default), read when neither <c>BaseUrl</c> nor the base URL variable is set, and bound from configuration too.
/// </summary>
internal static class ServerOptionsEmitter
{
    private const string Core = "global::Specwright.Core";

    public static bool Applies(SpecFacts f) => f.Servers.Count > 1 || f.Servers.Any(s => s.Variables.Count > 0);

    /// <summary>Each variable's wire name and its property, unique across the servers.</summary>
    public static IReadOnlyDictionary<string, string> Properties(SpecFacts f) =>
        Naming.Distinct(f.Servers.SelectMany(s => s.Variables).Select(v => v.Name), v => "Server" + Naming.Pascal(v), reserved: ["Server"]);

    /// <summary>The settings these options add, as configuration names them.</summary>
    public static IEnumerable<string> SettingNames(SpecFacts f) =>
        !Applies(f) ? [] : (f.Servers.Count > 1 ? ["Server"] : Array.Empty<string>()).Concat(Properties(f).Values);

    /// <summary>The properties, and <c>ServerUrl()</c>: the chosen server's URL, or null when the spec's default stands.</summary>
    public static void EmitMembers(CSharpWriter w, SpecFacts f)
    {
        var n = f.Naming;
        var fallback = $"<c>BaseUrl</c> and <c>{n.BaseUrlEnvironmentVariable}</c>";
        if (f.Servers.Count > 1)
        {
            w.Line($"/// <summary>Which of the spec's servers the client calls when {fallback} are unset:" +
                   string.Concat(f.Servers.Select((s, i) => $" {i}{(i == 0 ? " (the default)" : "")}: {SurfaceEmitter.Xml(s.Description ?? s.Url)};")) + "</summary>");
            w.Line("public int Server { get; set; }");
            w.Line();
        }
        var properties = Properties(f);
        foreach (var variable in f.Servers.SelectMany(s => s.Variables).DistinctBy(v => v.Name))
        {
            var allowed = variable.Allowed.Length == 0 ? "" : $"; one of {SurfaceEmitter.Xml(string.Join(", ", variable.Allowed))}";
            w.Line($"/// <summary>The server variable <c>{SurfaceEmitter.Xml(variable.Name)}</c> in the server's URL (null: the spec's default, " +
                   $"<c>{SurfaceEmitter.Xml(variable.Default)}</c>{allowed}); used when {fallback} are unset.</summary>");
            w.Line($"public string? {properties[variable.Name]} {{ get; set; }}");
            w.Line();
        }

        w.Open("private string? ServerUrl()");
        w.Line("var variables = new global::System.Collections.Generic.Dictionary<string, string>(global::System.StringComparer.Ordinal);");
        foreach (var (wire, property) in properties)
            w.Line($"if ({property} is not null) variables[{CSharpWriter.Literal(wire)}] = {property};");
        var index = f.Servers.Count > 1 ? "Server" : "0";
        w.Line($"if ({(f.Servers.Count > 1 ? "Server == 0 && " : "")}variables.Count == 0) return {(n.DefaultBaseUrl is null ? "null" : $"{n.SpecClass}.DefaultBaseUrl")};");
        w.Line("string? made = null;");
        w.Line($"try {{ if ({n.SpecClass}.ServerUrl({index}, variables) is {{ IsAbsoluteUri: true, Scheme: \"http\" or \"https\" }} url) made = url.AbsoluteUri; }}");
        w.Line($"catch (global::System.ArgumentException e) {{ throw new {Core}.Errors.ConfigurationException($\"{{GetType().Name}}: {{e.Message.Split(\" (Parameter\")[0]}}\"); }}");
        w.Line("catch (global::System.UriFormatException) { }");
        w.Line("var settings = string.Join(\", \", global::System.Linq.Enumerable.Select(variables, v => v.Key + \"=\" + v.Value));");
        w.Line($"return made ?? throw new {Core}.Errors.ConfigurationException($\"{{GetType().Name}}: the server settings ({{settings}}) do not make an absolute http(s) URL of {{{n.SpecClass}.Servers[{index}]}}.\");");
        w.Close();
        w.Line();

        w.Line($"/// <summary>Reads {string.Join(", ", SettingNames(f).Select(p => $"<c>{p}</c>"))} from a configuration section.</summary>");
        w.Open("internal void BindServer(global::Microsoft.Extensions.Configuration.IConfiguration section)");
        if (f.Servers.Count > 1)
            w.Line($"if (section[\"Server\"] is {{ Length: > 0 }} server) Server = int.TryParse(server, global::System.Globalization.NumberStyles.Integer, global::System.Globalization.CultureInfo.InvariantCulture, out var index) ? index " +
                   $": throw new {Core}.Errors.ConfigurationException($\"Configuration '{{(section is global::Microsoft.Extensions.Configuration.IConfigurationSection s ? s.Path + \":\" : \"\")}}Server' must be an integer, got '{{server}}'.\");");
        foreach (var property in properties.Values)
            w.Line($"if (section[\"{property}\"] is {{ Length: > 0 }} {Naming.Variable(property)}) {property} = {Naming.Variable(property)};");
        w.Close();
    }
}
