using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Specwright.WebScrape;

public partial class SmartBrowseRun
{
    /// <summary>Every extracted item of every page, in order (empty until the run completed).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<JsonElement> Items => Result?.Pages?.SelectMany(p => p.Items ?? []) ?? [];

    /// <summary>Every item as your own type (the recipe's saved schema).</summary>
    public IEnumerable<T> GetItems<T>(JsonTypeInfo<T> typeInfo) => Items.Select(i => i.Deserialize(typeInfo)!);

    public override string ToString() => $"SmartBrowseRun {Id} ({RunStatus}, {PagesExtracted} pages, {ItemsExtracted} items)";
}
