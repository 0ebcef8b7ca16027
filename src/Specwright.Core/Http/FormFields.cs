using System.Text.Json;

namespace Specwright.Core.Http;

/// <summary>
/// A JSON object as <c>application/x-www-form-urlencoded</c> fields (OpenAPI's form style, exploded): each property a field; an
/// array repeats its field; an object's members are <c>name[member]</c>; strings as they are, numbers and booleans as JSON
/// writes them; nulls left out. The typed form methods and a raw call's JSON body for a form-only operation both use it.
/// </summary>
internal static class FormFields
{
    public static List<KeyValuePair<string, string>> From(JsonElement json, string what)
    {
        if (json.ValueKind != JsonValueKind.Object)
            throw new ArgumentException($"A form body must be an object with fields; {what} is JSON {json.ValueKind}.", "body");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var property in json.EnumerateObject()) Add(fields, property.Name, property.Value);
        return fields;
    }

    private static void Add(List<KeyValuePair<string, string>> fields, string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray()) Add(fields, name, item);
                return;
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject()) Add(fields, $"{name}[{member.Name}]", member.Value);
                return;
            case JsonValueKind.String:
                fields.Add(new(name, value.GetString()!));
                return;
            default:
                fields.Add(new(name, value.GetRawText()));
                return;
        }
    }
}
