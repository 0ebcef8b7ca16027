using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;
using Specwright.WebScrape;

namespace Specwright.Cli.Commands;

/// <summary>How results are shown: JSON for scripts, tables for people.</summary>
internal static class Render
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(WebScrapeJsonContext.Default, Specwright.ScrapeLlm.ScrapeLlmJsonContext.Default, Specwright.Ittybit.IttybitJsonContext.Default),
    };

    public static void Json<T>(CliContext ctx, T value, JsonTypeInfo<T> type) =>
        ctx.Out.WriteLine(JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Indented.GetTypeInfo(type.Type)));

    public static void JsonElement(CliContext ctx, JsonElement? value) =>
        ctx.Out.WriteLine(value is null ? "null" : JsonSerializer.Serialize(value.Value, (JsonTypeInfo<JsonElement>)Indented.GetTypeInfo(typeof(JsonElement))));

    public static void Credits(CliContext ctx, Core.Http.ApiResponse r) =>
        ctx.Note(r.CreditsUsed is { } used
            ? $"{used} credit{(used == 1 ? "" : "s")} used, {r.CreditsRemaining} left (request {r.RequestId})"
            : $"request {r.RequestId}");

    /// <summary>Items as a table: one column per property of the first item.</summary>
    public static void Items(CliContext ctx, IEnumerable<JsonElement> items, int max = 15)
    {
        var list = items.ToList();
        if (list.Count == 0) { ctx.Console.WriteLine("(no items)"); return; }
        var columns = list[0].ValueKind == JsonValueKind.Object ? list[0].EnumerateObject().Select(p => p.Name).ToList() : ["value"];
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in columns) table.AddColumn(Markup.Escape(c));
        foreach (var item in list.Take(max))
            table.AddRow(columns.Select(c => Markup.Escape(Cell(item, c))).ToArray());
        ctx.Console.Write(table);
        if (list.Count > max) ctx.Console.WriteLine($"… and {list.Count - max} more items");
    }

    private static string Cell(JsonElement item, string column) =>
        item.ValueKind != JsonValueKind.Object ? item.ToString()
        : item.TryGetProperty(column, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText() : "";

    public static void Run(CliContext ctx, SmartBrowseRun run)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("run", Markup.Escape(run.Id));
        grid.AddRow("recipe", Markup.Escape(run.RecipeId));
        grid.AddRow("status", Markup.Escape(run.RunStatus.Value));
        grid.AddRow("pages / items", $"{run.PagesExtracted} / {run.ItemsExtracted}");
        grid.AddRow("credits", run.CreditsUsed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (run.Result is { } r) grid.AddRow("drift", (r.Drift ?? 0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        if (run.Result?.Warnings is { Count: > 0 } w) grid.AddRow("warnings", Markup.Escape(string.Join("; ", w)));
        if (run.Error is { Length: > 0 } e) grid.AddRow("error", Markup.Escape(e));
        ctx.Console.Write(grid);
    }
}
