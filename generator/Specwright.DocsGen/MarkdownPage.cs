using System.Net;
using Markdig;

namespace Specwright.DocsGen;

/// <summary>A Markdown document as a standalone HTML page (Markdig, with tables), so the landing page links pages a browser shows.</summary>
public static class MarkdownPage
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseAutoIdentifiers().Build();

    public static string Write(string markdown, string title) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
        code,pre{background:#f4f4f4;border-radius:3px}pre{padding:.6rem;overflow:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}</style></head>
        <body>
        {{Markdown.ToHtml(markdown, Pipeline)}}</body>
        </html>

        """;
}
