using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;

namespace Specwright.TestSupport;

/// <summary>Compares JSON documents as data: null equals absent, and date-times compare as instants.</summary>
public static class JsonAssert
{
    public static void Equivalent(JsonNode? expected, JsonNode? actual, string because)
    {
        var e = Normalize(expected);
        var a = Normalize(actual);
        if (!JsonNode.DeepEquals(e, a))
            Assert.Fail($"{because}\nexpected: {e?.ToJsonString()}\nactual:   {a?.ToJsonString()}");
    }

    public static JsonNode? Normalize(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new JsonObject(o.Where(kv => kv.Value is not null)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, Normalize(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalize).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) && LooksLikeDate(s, out var instant) => JsonValue.Create(instant.ToString("O", CultureInfo.InvariantCulture)),
        JsonValue v when v.TryGetValue<double>(out var d) => JsonValue.Create(d),
        _ => node.DeepClone(),
    };

    private static bool LooksLikeDate(string s, out DateTimeOffset instant)
    {
        instant = default;
        return s.Length >= 20 && s[4] == '-' && s[10] == 'T' &&
               DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out instant);
    }
}
