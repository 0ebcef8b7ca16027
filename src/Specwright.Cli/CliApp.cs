using System.CommandLine;
using Specwright.Cli.Commands;

namespace Specwright.Cli;

/// <summary>Builds the <c>specwright</c> command tree and runs it; every failure becomes one line and an exit code.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand($"Specwright: {string.Join(", ", Specwright.Sandbox.SandboxServer.Services.Select(s => s.Title))} from the shell, with an embedded sandbox.");
        globals.AddTo(root);
        var context = new CliContext(stdout, stderr, globals);
        root.Add(WebScrapeCommands.Create(context));
        root.Add(ScrapeLlmCommands.Create(context));
        root.Add(IttybitCommands.Create(context));
        OperationCommands.AddTo(root, context);
        root.Add(SandboxCommand.Create(context));
        root.Add(DemoCommand.Create(context));
        // No response files: `--schema @schema.json` is our own file syntax, not System.CommandLine's argument list.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            // One line and where to look, not the parser's errors followed by the whole help; exit 2 like the SDK's own checks.
            stderr.WriteLine($"error: {Plain(parsed.Errors[0].Message)}");
            stderr.WriteLine($"See '{CommandPath(parsed.CommandResult)} --help'.");
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken);
    }

    /// <summary>The command as typed, from <c>specwright</c> down (the root's own name is the host's executable).</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(r.Command is RootCommand ? "specwright" : r.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The parser's message with .NET type names said in words (<c>System.Nullable`1[System.Int32]</c> -> a whole number).</summary>
    private static string Plain(string message) => System.Text.RegularExpressions.Regex.Replace(message,
        @"as expected type '(System\.Nullable`1\[)?System\.(Int32|Int64)\]?'", "as a whole number");
}
