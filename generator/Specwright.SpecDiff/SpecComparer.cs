using System.Text.Json.Nodes;

namespace Specwright.SpecDiff;

/// <summary>
/// Compares two OpenAPI documents: operations, schema fields (request fields made required or added as
/// required are breaking; response fields removed or retyped are breaking), enum values (a removed value
/// is breaking; an added one is additive, since generated enums keep unknown values) and error codes.
/// </summary>
public static class SpecComparer
{
    public static IReadOnlyList<SpecChange> Compare(JsonObject before, JsonObject after)
    {
        var changes = new List<SpecChange>();
        CompareOperations(before, after, changes);
        CompareSchemas(before, after, changes);
        CompareErrorCodes(before, after, changes);
        return changes.OrderBy(c => c.Impact == Impact.Breaking ? 0 : 1).ThenBy(c => c.Area, StringComparer.Ordinal).ThenBy(c => c.What, StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, (string Method, string Path, JsonObject Op)> Operations(JsonObject doc)
    {
        var ops = new Dictionary<string, (string, string, JsonObject)>(StringComparer.Ordinal);
        foreach (var (path, item) in doc["paths"]?.AsObject() ?? [])
        foreach (var (method, op) in item!.AsObject())
            if (op is JsonObject o && o["operationId"]?.GetValue<string>() is { } id) ops[id] = (method.ToUpperInvariant(), path, o);
        return ops;
    }

    private static void CompareOperations(JsonObject before, JsonObject after, List<SpecChange> changes)
    {
        var old = Operations(before);
        var @new = Operations(after);
        foreach (var id in old.Keys.Except(@new.Keys)) changes.Add(new(Impact.Breaking, "operations", $"removed {id} ({old[id].Method} {old[id].Path})"));
        foreach (var id in @new.Keys.Except(old.Keys)) changes.Add(new(Impact.Additive, "operations", $"added {id} ({@new[id].Method} {@new[id].Path})"));
        foreach (var id in old.Keys.Intersect(@new.Keys))
        {
            var (m1, p1, o1) = old[id];
            var (m2, p2, o2) = @new[id];
            if (m1 != m2 || p1 != p2) changes.Add(new(Impact.Breaking, "operations", $"{id} moved from {m1} {p1} to {m2} {p2}"));
            var s1 = Statuses(o1);
            var s2 = Statuses(o2);
            foreach (var s in s2.Except(s1)) changes.Add(new(Impact.Additive, "operations", $"{id} documents status {s}"));
            foreach (var s in s1.Except(s2)) changes.Add(new(Impact.Additive, "operations", $"{id} no longer documents status {s}"));
            if (Cost(o1) != Cost(o2)) changes.Add(new(Impact.Additive, "operations", $"{id} credit cost {Cost(o1) ?? "none"} -> {Cost(o2) ?? "none"}"));
        }
    }

    private static IEnumerable<string> Statuses(JsonObject op) => op["responses"]?.AsObject().Select(r => r.Key) ?? [];

    private static string? Cost(JsonObject op) => op["x-specwright-credits"]?["cost"]?.ToJsonString();

    /// <summary>Schemas used in request bodies (directly or nested): a new required field there breaks callers.</summary>
    private static HashSet<string> RequestSchemas(JsonObject doc)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, _, op) in Operations(doc).Values)
            Collect(doc, op["requestBody"]?["content"], names);
        return names;
    }

    private static void Collect(JsonObject doc, JsonNode? node, HashSet<string> names)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["$ref"]?.GetValue<string>() is { } r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    var name = r["#/components/schemas/".Length..];
                    if (names.Add(name)) Collect(doc, doc["components"]?["schemas"]?[name], names);
                }
                foreach (var (_, child) in o) Collect(doc, child, names);
                break;
            case JsonArray a:
                foreach (var child in a) Collect(doc, child, names);
                break;
        }
    }

    private static void CompareSchemas(JsonObject before, JsonObject after, List<SpecChange> changes)
    {
        var s1 = before["components"]?["schemas"]?.AsObject() ?? [];
        var s2 = after["components"]?["schemas"]?.AsObject() ?? [];
        var requests = RequestSchemas(after);
        foreach (var (name, _) in s1.Where(s => !s2.ContainsKey(s.Key))) changes.Add(new(Impact.Breaking, "schemas", $"removed {name}"));
        foreach (var (name, _) in s2.Where(s => !s1.ContainsKey(s.Key))) changes.Add(new(Impact.Additive, "schemas", $"added {name}"));
        foreach (var (name, oldSchema) in s1)
        {
            if (s2[name] is not JsonObject newSchema || oldSchema is not JsonObject old) continue;
            var isRequest = requests.Contains(name);
            var p1 = old["properties"]?.AsObject() ?? [];
            var p2 = newSchema["properties"]?.AsObject() ?? [];
            var r1 = Required(old);
            var r2 = Required(newSchema);
            foreach (var (prop, _) in p1.Where(p => !p2.ContainsKey(p.Key)))
                changes.Add(new(Impact.Breaking, "schemas", $"{name}.{prop} removed"));
            foreach (var (prop, _) in p2.Where(p => !p1.ContainsKey(p.Key)))
                changes.Add(new(isRequest && r2.Contains(prop) ? Impact.Breaking : Impact.Additive, "schemas",
                    $"{name}.{prop} added{(r2.Contains(prop) ? " (required)" : "")}"));
            foreach (var (prop, type1) in p1.Where(p => p2.ContainsKey(p.Key)))
            {
                var t1 = TypeOf(type1);
                var t2 = TypeOf(p2[prop]);
                if (t1 != t2) changes.Add(new(Impact.Breaking, "schemas", $"{name}.{prop} type {t1} -> {t2}"));
            }
            foreach (var prop in r2.Except(r1).Where(p1.ContainsKey))
                changes.Add(new(isRequest ? Impact.Breaking : Impact.Additive, "schemas", $"{name}.{prop} is now required"));
            foreach (var prop in r1.Except(r2).Where(p2.ContainsKey))
                changes.Add(new(isRequest ? Impact.Additive : Impact.Breaking, "schemas", $"{name}.{prop} is no longer required"));
            var e1 = Enum(old);
            var e2 = Enum(newSchema);
            foreach (var v in e1.Except(e2)) changes.Add(new(Impact.Breaking, "enums", $"{name} value '{v}' removed"));
            foreach (var v in e2.Except(e1)) changes.Add(new(Impact.Additive, "enums", $"{name} value '{v}' added"));
        }
    }

    private static void CompareErrorCodes(JsonObject before, JsonObject after, List<SpecChange> changes)
    {
        var c1 = Codes(before);
        var c2 = Codes(after);
        foreach (var (code, status) in c2.Where(c => !c1.ContainsKey(c.Key))) changes.Add(new(Impact.Additive, "error codes", $"added {code} (HTTP {status})"));
        foreach (var (code, _) in c1.Where(c => !c2.ContainsKey(c.Key))) changes.Add(new(Impact.Breaking, "error codes", $"removed {code} (its exception type goes)"));
        foreach (var (code, status) in c1.Where(c => c2.ContainsKey(c.Key) && c2[c.Key] != c.Value))
            changes.Add(new(Impact.Breaking, "error codes", $"{code} status {status} -> {c2[code]}"));
    }

    private static Dictionary<string, string> Codes(JsonObject doc)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, schema) in doc["components"]?["schemas"]?.AsObject() ?? [])
            if (schema?["x-specwright-error-codes"] is JsonObject codes)
                foreach (var (code, fact) in codes) result[code] = fact?["status"]?.ToJsonString() ?? "?";
        return result;
    }

    private static HashSet<string> Required(JsonObject s) =>
        (s["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? []).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Enum(JsonObject s) =>
        (s["enum"]?.AsArray().Select(n => n?.ToJsonString() ?? "null") ?? []).Select(v => v.Trim('"')).ToHashSet(StringComparer.Ordinal);

    private static string TypeOf(JsonNode? property) => property switch
    {
        JsonObject o when o["$ref"] is { } r => r.GetValue<string>().Split('/')[^1],
        JsonObject o when o["type"] is JsonArray many => string.Join("|", many.Select(t => t!.GetValue<string>())),
        JsonObject o when o["type"] is { } t => t.GetValue<string>() + (o["format"] is { } f ? $"({f.GetValue<string>()})" : ""),
        JsonObject o when o["oneOf"] is JsonArray one => "oneOf(" + string.Join("|", one.Select(TypeOf)) + ")",
        _ => "any",
    };
}
