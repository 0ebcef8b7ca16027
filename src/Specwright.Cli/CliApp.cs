using System.CommandLine;
using Specwright.Cli.Commands;

namespace Specwright.Cli;

/// <summary>Builds the <c>specwright</c> command tree and runs it; every failure becomes one line and an exit code.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("Specwright: the webscrape.ai and ScrapeLLM APIs from the shell, with an embedded sandbox.");
        globals.AddTo(root);
        var context = new CliContext(stdout, stderr, globals);
        root.Add(WebScrapeCommands.Create(context));
        root.Add(ScrapeLlmCommands.Create(context));
        root.Add(IttybitCommands.Create(context));
        root.Add(SandboxCommand.Create(context));
        root.Add(DemoCommand.Create(context));
        var parsed = root.Parse(args);
        var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken);
        // The parser reports its errors (and help) and exits 1; a usage error is 2, as for checks the SDK makes.
        return parsed.Errors.Count > 0 ? ExitCodes.Usage : code;
    }
}
