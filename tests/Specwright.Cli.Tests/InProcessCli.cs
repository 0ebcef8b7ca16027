namespace Specwright.Cli.Tests;

/// <summary>The CLI run in-process, as <c>specwright &lt;args&gt;</c>: its exit code and what it wrote to stdout and stderr.</summary>
internal static class InProcessCli
{
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The text's non-empty lines, trimmed.</summary>
    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
