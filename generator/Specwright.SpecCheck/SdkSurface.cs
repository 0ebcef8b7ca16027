using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Specwright.Core;
using Specwright.Core.Http;

namespace Specwright.SpecCheck;

/// <summary>A generated SDK as its users see it: the client its <c>&lt;Service&gt;Spec.Description</c> makes, and each public method by the operation it calls.</summary>
internal sealed class SdkSurface
{
    public required Assembly Assembly { get; init; }
    public required ServiceDescription Description { get; init; }

    /// <summary>The service's JSON options (its source-generated context first), for turning samples into argument values.</summary>
    public required JsonSerializerOptions Json { get; init; }

    public static SdkSurface Load(string sdkPath)
    {
        var assembly = Assembly.LoadFrom(Path.GetFullPath(sdkPath));
        var types = assembly.GetExportedTypes();
        var description = types.Select(t => t.GetProperty("Description", BindingFlags.Public | BindingFlags.Static))
            .FirstOrDefault(p => p?.PropertyType == typeof(ServiceDescription))?.GetValue(null) as ServiceDescription
            ?? throw new InvalidOperationException($"{sdkPath} has no <Service>Spec.Description: is it a Specwright SDK?");
        var context = types.Where(t => typeof(JsonSerializerContext).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => t.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)).OfType<JsonSerializerContext>().First();
        var json = new JsonSerializerOptions(context.Options) { TypeInfoResolver = JsonTypeInfoResolver.Combine(context, new DefaultJsonTypeInfoResolver()) };
        return new SdkSurface { Assembly = assembly, Description = description, Json = json };
    }

    /// <summary>
    /// A client sending every credential the spec has (the key and each other scheme) to <paramref name="baseUrl"/>: "user:password"
    /// shaped, so HTTP basic schemes take it too.
    /// </summary>
    public IOperationClient CreateClient(Uri baseUrl)
    {
        const string credential = "spec:check";
        return Description.CreateClientWithCredentials is { } withCredentials
            ? withCredentials(credential, baseUrl, Description.CredentialSchemes.ToDictionary(s => s.Name, _ => credential))
            : Description.CreateClient(credential, baseUrl);
    }

    /// <summary>
    /// The public methods of each operation: marked with that operation alone (a method that also polls another is a
    /// convenience over it), in declaration order (a streaming form follows the plain one).
    /// </summary>
    public Dictionary<string, List<(object Target, MethodInfo Method)>> Methods(object client)
    {
        var found = new Dictionary<string, List<(object, MethodInfo)>>(StringComparer.Ordinal);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        void Visit(object target)
        {
            if (!seen.Add(target)) return;
            foreach (var method in target.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance).OrderBy(m => m.MetadataToken))
                if (method.GetCustomAttributes<SpecOperationAttribute>().Select(a => a.OperationId).ToList() is [var id])
                    (found.TryGetValue(id, out var list) ? list : found[id] = []).Add((target, method));
            foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                if (property.PropertyType.Assembly == Assembly && property.PropertyType.IsClass && property.GetIndexParameters().Length == 0
                    && property.PropertyType.Name.EndsWith("Client", StringComparison.Ordinal) && property.GetValue(target) is { } child)
                    Visit(child);
        }
        Visit(client);
        return found;
    }
}
