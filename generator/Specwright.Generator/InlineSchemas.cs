using System.Text.Json.Nodes;

namespace Specwright.Generator;

/// <summary>
/// Gives every inline object or enum schema a name from where it stands, by moving it into
/// <c>components/schemas</c> and leaving a <c>$ref</c>: a request body of <c>createCrawl</c> becomes
/// <c>CreateCrawlRequest</c>, its 2xx body <c>CreateCrawlResponse</c>, an error body <c>CreateCrawlError</c>,
/// a property <c>options</c> of it <c>CreateCrawlRequestOptions</c>, an inline array item <c>…Item</c>, a
/// reusable response <c>ErrorResponse</c>, and an inline enum of a query parameter <c>ListCrawlsStatus</c>.
/// A plain spec then generates without invented names such as <c>Anonymous2</c>.
/// </summary>
public static class InlineSchemas
{
    private const string SchemaRef = "#/components/schemas/";

    /// <summary>Moves the inline schemas of <paramref name="root"/> into components; returns how many moved.</summary>
    public static int Hoist(JsonObject root)
    {
        var components = root["components"] as JsonObject ?? (JsonObject)(root["components"] = new JsonObject());
        var schemas = components["schemas"] as JsonObject ?? (JsonObject)(components["schemas"] = new JsonObject());
        var hoister = new Hoister(schemas);

        foreach (var (name, schema) in schemas.ToList())
            if (schema is JsonObject s) hoister.Children(s, Naming.Pascal(name));
        foreach (var (key, response) in (components["responses"] as JsonObject ?? []).ToList())
            hoister.Content(response?["content"], Naming.Pascal(key) + "Response");
        foreach (var (key, body) in (components["requestBodies"] as JsonObject ?? []).ToList())
            hoister.Content(body?["content"], Naming.Pascal(key) + "Request");
        foreach (var (key, parameter) in (components["parameters"] as JsonObject ?? []).ToList())
            hoister.Place(parameter as JsonObject, "schema", Naming.Pascal(key));

        foreach (var (_, item) in root["paths"] as JsonObject ?? [])
        {
            if (item is not JsonObject pathItem) continue;
            var operations = pathItem.Where(kv => kv.Value is JsonObject o && o["operationId"] is not null).ToList();
            // Path-level parameters are shared by the path's operations: named after the first of them.
            if (operations.Count > 0) hoister.Parameters(pathItem["parameters"], Naming.Pascal(operations[0].Value!["operationId"]!.GetValue<string>()));
            foreach (var (_, op) in operations)
            {
                var name = Naming.Pascal(op!["operationId"]!.GetValue<string>());
                hoister.Parameters(op["parameters"], name);
                hoister.Content(op["requestBody"]?["content"], name + "Request");
                var responses = (op["responses"] as JsonObject ?? []).ToList();
                var successes = responses.Count(r => r.Key.StartsWith('2'));
                foreach (var (status, response) in responses)
                    hoister.Content(response?["content"], status.StartsWith('2')
                        ? name + "Response" + (successes > 1 ? status : "")
                        : name + "Error");
            }
        }
        return hoister.Moved;
    }

    private sealed class Hoister(JsonObject schemas)
    {
        public int Moved { get; private set; }

        public void Content(JsonNode? content, string name)
        {
            if (content is not JsonObject media) return;
            foreach (var (_, type) in media) Place(type as JsonObject, "schema", name);
        }

        public void Parameters(JsonNode? parameters, string operationName)
        {
            if (parameters is not JsonArray list) return;
            foreach (var p in list.OfType<JsonObject>())
                if (p["name"]?.GetValue<string>() is { } n) Place(p, "schema", operationName + Naming.Pascal(n));
        }

        /// <summary>Names <c>owner[key]</c> when it is an inline object or enum, and walks into it either way.</summary>
        public void Place(JsonObject? owner, string key, string name)
        {
            if (owner?[key] is not JsonObject schema || schema["$ref"] is not null) return;
            if (schema["type"]?.ToString() == "array" || schema["items"] is not null)
            {
                Place(schema, "items", name + "Item");
                return;
            }
            if (!NeedsName(schema))
            {
                Children(schema, name);
                return;
            }
            var finalName = Reserve(name, schema);
            owner.Remove(key); // a node has one parent: detach it before components adopt it
            owner[key] = new JsonObject { ["$ref"] = SchemaRef + finalName };
            if (schemas[finalName] is null)
            {
                schemas[finalName] = schema;
                Moved++;
                Children(schema, finalName);
            }
        }

        /// <summary>Properties, array items, map values and the branches of <c>allOf</c>/<c>oneOf</c>/<c>anyOf</c> of a schema, named after it.</summary>
        public void Children(JsonObject schema, string name)
        {
            foreach (var (prop, _) in (schema["properties"] as JsonObject ?? []).ToList())
                Place((JsonObject)schema["properties"]!, prop, name + Naming.Pascal(prop));
            if (schema["additionalProperties"] is JsonObject)
                Place(schema, "additionalProperties", name + "Value");
            if (schema["items"] is JsonObject)
                Place(schema, "items", name + "Item");
            foreach (var keyword in new[] { "oneOf", "anyOf" })
                if (schema[keyword] is JsonArray branches)
                    for (var i = 0; i < branches.Count; i++) Place(branches, i, name + "Option" + (i + 1));
            // An allOf branch that is an inline object is part of this type (NSwag merges it), not a type of its own.
            if (schema["allOf"] is JsonArray parts)
                foreach (var part in parts.OfType<JsonObject>().Where(p => p["$ref"] is null)) Children(part, name);
        }

        /// <summary>Names the branch at <paramref name="index"/> of a <c>oneOf</c>/<c>anyOf</c> list when it is an inline object or enum.</summary>
        private void Place(JsonArray list, int index, string name)
        {
            if (list[index] is not JsonObject branch || branch["$ref"] is not null) return;
            var holder = new JsonObject { ["branch"] = branch.DeepClone() };
            Place(holder, "branch", name);
            list[index] = holder["branch"]!.DeepClone();
        }

        // Objects with properties, enums and unions (oneOf/anyOf of two or more kinds) become types; scalars, maps and
        // free-form objects do not.
        private static bool NeedsName(JsonObject schema) =>
            schema["properties"] is JsonObject { Count: > 0 } || schema["enum"] is JsonArray || Unions.IsUnion(schema);

        /// <summary>The name itself, or with a number when another schema has it; a schema identical to the named one shares it.</summary>
        private string Reserve(string name, JsonObject schema)
        {
            for (var i = 1; ; i++)
            {
                var candidate = i == 1 ? name : name + i;
                if (schemas[candidate] is not { } existing) return candidate;
                if (JsonNode.DeepEquals(existing, schema)) return candidate;
            }
        }
    }
}
