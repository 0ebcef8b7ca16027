using System.Text.Json.Nodes;

namespace Specwright.Generator;

/// <summary>
/// Rewrites a spec once, right after it is loaded, into the one spelling every later step reads: OpenAPI 3.1 and
/// 3.0 forms of the same thing become one form, so no reader has to know both.
/// <list type="bullet">
/// <item>Nullable in every spelling (3.0 <c>nullable</c>, 3.1 <c>type: [X, 'null']</c>, <c>anyOf</c>/<c>oneOf</c> with
/// <c>{type: 'null'}</c>, <c>null</c> among enum values) becomes <c>nullable: true</c> on a schema of one type.</item>
/// <item>A <c>$ref</c> with sibling keywords (3.1), and <c>allOf</c> of one reference plus annotations (the 3.0 way to
/// describe a reference), become <c>allOf: [{$ref}]</c> with the annotations beside it.</item>
/// <item><c>const</c> gets its value's type; 3.1's numeric <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> become 3.0's.</item>
/// <item>An integer without a format is 64-bit; a discriminator's mapping to a bare schema name is a reference.</item>
/// <item>Several types (<c>type: [string, integer]</c>) become a schema without a type (any JSON value).</item>
/// <item>Every operation gets an id (synthesized from method and path where the spec has none), unique across the spec.</item>
/// </list>
/// </summary>
public static class SpecNormalizer
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>Keywords that only describe a schema; a branch of <c>allOf</c> with nothing else adds no structure.</summary>
    private static readonly HashSet<string> Annotations =
    [
        "description", "title", "summary", "example", "examples", "default", "deprecated", "readOnly", "writeOnly",
        "nullable", "externalDocs", "xml", "$comment",
    ];

    /// <summary>The spec file read and normalized: what every step of the generator reads.</summary>
    /// <param name="warnings">Where what was left out is told (a <c>$ref</c> leading nowhere); null: not told.</param>
    public static JsonObject Load(string path, ICollection<SpecWarning>? warnings = null)
    {
        var root = RawSpec.Load(path);
        DanglingReferences.Drop(root, warnings ?? []);
        Normalize(root);
        OpenEnums.Collapse(root);
        return root;
    }

    public static void Normalize(JsonObject root)
    {
        OperationIds(root);
        Visit(root);
        FreeFormQueryObjects(root);
    }

    /// <summary>Synthesizes missing operation ids (<c>GET /pets/{id}</c> -> <c>getPetsId</c>) and makes every id unique (a HEAD sharing its GET's <c>getPet</c> becomes <c>getPetHead</c>).</summary>
    private static void OperationIds(JsonObject root)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new List<(JsonObject Op, string Method, string Path)>();
        foreach (var (path, item) in root["paths"] as JsonObject ?? [])
        foreach (var method in Methods)
        {
            if (item?[method] is not JsonObject op) continue;
            if (op["operationId"] is JsonValue v && v.TryGetValue<string>(out var id) && HasLetters(id) && used.Add(Naming.Pascal(id))) continue;
            pending.Add((op, method, path));
        }
        foreach (var (op, method, path) in pending)
        {
            var wanted = op["operationId"]?.GetValue<string>() is { } given && HasLetters(given) ? given : Synthesize(method, path);
            var id = wanted;
            // A GET and a HEAD (or two verbs) sharing one id: the later one takes its verb, then a number.
            if (!used.Add(Naming.Pascal(id)))
            {
                id = wanted + Naming.Pascal(method);
                for (var i = 2; !used.Add(Naming.Pascal(id)); i++) id = wanted + Naming.Pascal(method) + i;
            }
            op["operationId"] = id;
        }
    }

    private static bool HasLetters(string s) => s.Any(char.IsLetterOrDigit);

    private static string Synthesize(string method, string path)
    {
        var words = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(segment => segment.Replace("{", "").Replace("}", ""))
            .Where(HasLetters)
            .Select(segment => Naming.Pascal(segment).TrimStart('_'));
        return method + string.Concat(words);
    }

    private enum Holds { Value, Other, Schema, SchemaMap, SchemaList }

    /// <summary>Walks the document: a schema is found under <c>schema</c> and <c>components/schemas</c>, then in its own subschemas; examples and defaults are left as they are.</summary>
    private static void Visit(JsonNode? node, Holds holds = Holds.Other)
    {
        switch (holds, node)
        {
            case (Holds.Schema, JsonObject schema):
                Schema(schema);
                foreach (var (key, child) in schema.ToList()) Visit(child, SubschemaKind(key));
                break;
            case (Holds.SchemaMap, JsonObject map):
                foreach (var (_, child) in map.ToList()) Visit(child, Holds.Schema);
                break;
            case (Holds.SchemaList, JsonArray list):
                foreach (var child in list.ToList()) Visit(child, Holds.Schema);
                break;
            case (Holds.Other, JsonObject o):
                OutsideSchemas(o);
                foreach (var (key, child) in o.ToList())
                    Visit(child, key == "schema" ? Holds.Schema : key == "schemas" ? Holds.SchemaMap : key.StartsWith("x-", StringComparison.Ordinal) || key is "example" or "examples" ? Holds.Value : Holds.Other);
                break;
            case (Holds.Other, JsonArray a):
                foreach (var child in a.ToList()) Visit(child);
                break;
        }
    }

    /// <summary>
    /// Outside schemas: a media type's or parameter's <c>examples</c> written as a list (the map form is what OpenAPI
    /// says) becomes <c>{example1: {value: ...}}</c>; an operation's <c>callbacks</c> (requests the API makes to the
    /// caller, not calls a client makes) are dropped, so a mistake in one cannot stop the client from generating; a media
    /// type without a schema gets one (any JSON value, or bytes).
    /// </summary>
    private static void OutsideSchemas(JsonObject o)
    {
        if (o["examples"] is JsonArray list)
        {
            var map = new JsonObject();
            for (var i = 0; i < list.Count; i++) map[$"example{i + 1}"] = new JsonObject { ["value"] = list[i]?.DeepClone() };
            o["examples"] = map;
        }
        if (o["callbacks"] is JsonObject && o["responses"] is JsonObject) o.Remove("callbacks");
        // A media type without a schema still has a body: any JSON value for a JSON type, else bytes.
        if (o["content"] is JsonObject content)
            foreach (var (mediaType, media) in content)
                if (media is JsonObject m && m["schema"] is null)
                    m["schema"] = mediaType.Contains("json", StringComparison.OrdinalIgnoreCase)
                        ? new JsonObject()
                        : new JsonObject { ["type"] = "string", ["format"] = "binary" };
    }

    private static Holds SubschemaKind(string key) => key switch
    {
        "items" or "additionalProperties" or "not" or "contains" or "if" or "then" or "else" or "propertyNames" or "unevaluatedProperties" or "unevaluatedItems" => Holds.Schema,
        "properties" or "patternProperties" or "$defs" or "definitions" or "dependentSchemas" => Holds.SchemaMap,
        "allOf" or "anyOf" or "oneOf" or "prefixItems" => Holds.SchemaList,
        _ => Holds.Value, // a value (enum, default, example, an extension): not walked
    };

    private static void Schema(JsonObject s)
    {
        TupleItems(s);
        if (s["$ref"] is not null && s.Count > 1) RefWithSiblings(s);
        TypeArray(s);
        NullBranches(s, "anyOf");
        NullBranches(s, "oneOf");
        NullEnumValue(s);
        AnnotationOnlyAllOf(s);
        Const(s);
        ExclusiveBounds(s, "exclusiveMinimum", "minimum");
        ExclusiveBounds(s, "exclusiveMaximum", "maximum");
        IntegerWidth(s);
        MappingNames(s);
    }

    /// <summary>A discriminator's <c>mapping</c> to a bare schema name (<c>dog: Dog</c>, as OpenAPI allows) becomes a reference to it.</summary>
    private static void MappingNames(JsonObject s)
    {
        if (s["discriminator"]?["mapping"] is not JsonObject mapping) return;
        foreach (var (value, target) in mapping.ToList())
            if (target is JsonValue v && v.TryGetValue<string>(out var name) && !name.Contains('#') && !name.Contains('/') && !name.Contains('.'))
                mapping[value] = "#/components/schemas/" + name;
    }

    /// <summary>
    /// <c>items: [X]</c> (draft-4 tuple form, not valid OpenAPI 3 but published): one schema is the item schema; several
    /// become any item.
    /// </summary>
    private static void TupleItems(JsonObject s)
    {
        if (s["items"] is not JsonArray tuple) return;
        s.Remove("items");
        s["items"] = tuple.Count == 1 && tuple[0] is JsonObject only ? only.DeepClone() : new JsonObject();
    }

    /// <summary>A free-form object in the query (<c>type: object</c> with neither properties nor a value schema) is a map: each key a query field.</summary>
    private static void FreeFormQueryObjects(JsonObject root)
    {
        var lists = (root["paths"] as JsonObject ?? []).Select(kv => kv.Value).OfType<JsonObject>()
            .SelectMany(item => Methods.Select(m => item[m]?["parameters"]).Prepend(item["parameters"]))
            .OfType<JsonArray>().SelectMany(a => a).OfType<JsonObject>()
            .Concat((root["components"]?["parameters"] as JsonObject ?? []).Select(kv => kv.Value).OfType<JsonObject>());
        foreach (var p in lists)
            if (p["in"]?.GetValue<string>() == "query" && p["schema"] is JsonObject schema) FreeFormObject(schema);
    }

    private static void FreeFormObject(JsonObject s)
    {
        if (s["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == "object"
            && s["properties"] is null or JsonObject { Count: 0 } && s["additionalProperties"] is null or JsonValue
            && s["allOf"] is null && s["anyOf"] is null && s["oneOf"] is null && s["additionalProperties"]?.GetValue<bool>() != false)
            s["additionalProperties"] = new JsonObject();
    }

    /// <summary><c>{$ref, description, nullable}</c> -> <c>{allOf: [{$ref}], description, nullable}</c>: the reference keeps its siblings.</summary>
    private static void RefWithSiblings(JsonObject s)
    {
        if (s.Where(kv => kv.Key != "$ref").All(kv => kv.Key.StartsWith("x-", StringComparison.Ordinal))) return;
        var reference = s["$ref"]!.DeepClone();
        s.Remove("$ref");
        var allOf = s["allOf"] as JsonArray ?? new JsonArray();
        allOf.Insert(0, new JsonObject { ["$ref"] = reference });
        s["allOf"] = allOf;
    }

    /// <summary>
    /// <c>type: integer</c> without a format is any whole number: 64-bit (<c>long</c>), so a value past Int32 never fails a
    /// call. A spec that means 32 bits says <c>format: int32</c>.
    /// </summary>
    private static void IntegerWidth(JsonObject s)
    {
        if (s["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == "integer" && s["format"] is null) s["format"] = "int64";
    }

    /// <summary><c>type: [X, 'null']</c> -> <c>type: X, nullable: true</c>; several types -> any value.</summary>
    private static void TypeArray(JsonObject s)
    {
        if (s["type"] is not JsonArray types) return;
        var names = types.Select(t => t?.GetValue<string>()).OfType<string>().ToList();
        var nonNull = names.Where(t => t != "null").Distinct().ToList();
        s.Remove("type");
        if (names.Contains("null")) s["nullable"] = true;
        if (nonNull.Count == 1) s["type"] = nonNull[0];
        // integer and number together are a number.
        else if (nonNull.Count == 2 && nonNull.Contains("integer") && nonNull.Contains("number")) s["type"] = "number";
    }

    /// <summary><c>anyOf: [X, {type: 'null'}]</c> -> X, nullable; with more branches, the null one is dropped and the rest stay.</summary>
    private static void NullBranches(JsonObject s, string keyword)
    {
        if (s[keyword] is not JsonArray branches) return;
        var nulls = branches.OfType<JsonObject>().Where(IsNullSchema).ToList();
        if (nulls.Count == 0) return;
        foreach (var n in nulls) branches.Remove(n);
        s["nullable"] = true;
        if (branches.Count != 1 || branches[0] is not JsonObject only) return;
        s.Remove(keyword);
        if (only["$ref"] is not null)
        {
            var allOf = s["allOf"] as JsonArray ?? new JsonArray();
            allOf.Insert(0, only.DeepClone());
            s["allOf"] = allOf;
            return;
        }
        foreach (var (key, value) in only.ToList())
            if (s[key] is null) s[key] = value?.DeepClone();
        TypeArray(s);
    }

    private static bool IsNullSchema(JsonObject b) =>
        b["type"] is JsonValue t && t.TryGetValue<string>(out var name) && name == "null"
        || b["type"] is JsonArray { Count: 1 } a && a[0]?.GetValue<string>() == "null"
        || b["enum"] is JsonArray { Count: 1 } e && e[0] is null;

    private static void NullEnumValue(JsonObject s)
    {
        if (s["enum"] is not JsonArray values || !values.Any(v => v is null)) return;
        foreach (var n in values.Where(v => v is null).ToList()) values.Remove(n);
        s["nullable"] = true;
        if (values.Count == 0) s.Remove("enum");
    }

    /// <summary>
    /// <c>allOf</c> branches that only annotate (<c>{description: ...}</c>) are folded into the schema itself, so
    /// <c>allOf: [{$ref}, {description}]</c> reads as the reference with a description.
    /// </summary>
    private static void AnnotationOnlyAllOf(JsonObject s)
    {
        if (s["allOf"] is not JsonArray allOf) return;
        foreach (var branch in allOf.OfType<JsonObject>().Where(b => b["$ref"] is null && b.Count > 0 && b.All(kv => Annotations.Contains(kv.Key) || kv.Key.StartsWith("x-", StringComparison.Ordinal))).ToList())
        {
            foreach (var (key, value) in branch)
                if (s[key] is null) s[key] = value?.DeepClone();
            allOf.Remove(branch);
        }
        foreach (var empty in allOf.OfType<JsonObject>().Where(b => b.Count == 0).ToList()) allOf.Remove(empty);
        if (allOf.Count == 0) s.Remove("allOf");
    }

    /// <summary>
    /// <c>const</c> stays (a one-value field is typed by its value's type, not as a one-member enum); a <c>const</c> without
    /// <c>type</c> gets its value's type, and <c>const: null</c> is nullable.
    /// </summary>
    private static void Const(JsonObject s)
    {
        if (!s.ContainsKey("const")) return;
        var value = s["const"];
        if (value is null) { s.Remove("const"); s["nullable"] = true; return; }
        if (s["type"] is null && value is JsonValue v)
            s["type"] = v.TryGetValue<string>(out _) ? "string" : v.TryGetValue<bool>(out _) ? "boolean" : v.TryGetValue<long>(out _) ? "integer" : "number";
    }

    /// <summary>3.1's <c>exclusiveMinimum: 5</c> -> 3.0's <c>minimum: 5, exclusiveMinimum: true</c>.</summary>
    private static void ExclusiveBounds(JsonObject s, string exclusive, string bound)
    {
        if (s[exclusive] is not JsonValue v || v.TryGetValue<bool>(out _)) return;
        s[bound] = v.DeepClone();
        s[exclusive] = true;
    }
}
