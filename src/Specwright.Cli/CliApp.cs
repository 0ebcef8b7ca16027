using System.CommandLine;
using Specwright.Cli.Commands;

namespace Specwright.Cli;

/// <summary>Builds the <c>specwright</c> command tree and runs it; every failure becomes one line and an exit code.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand($"Specwright: {string.Join(", ", Specwright.Sandbox.SandboxServer.Services.Select(s => s.Title))} from the shell, with an embedded sandbox.");
        var context = new CliContext(stdout, stderr);
        // Each service's commands take its flags, described with its own variables: `--api-key` says SCRAPELLM_API_KEY under scrapellm.
        var services = Specwright.Sandbox.SandboxServer.Services.ToDictionary(s => s.Name, s => context.For(new GlobalOptions(s)), StringComparer.Ordinal);
        root.Add(WebScrapeCommands.Create(services[Specwright.WebScrape.WebScrapeSpec.Description.Name]));
        root.Add(ScrapeLlmCommands.Create(services[Specwright.ScrapeLlm.ScrapeLlmSpec.Description.Name]));
        root.Add(IttybitCommands.Create(services[Specwright.Ittybit.IttybitSpec.Description.Name]));
        OperationCommands.AddTo(root, services);
        foreach (var command in root.Subcommands)
            if (services.TryGetValue(command.Name, out var service)) service.Globals.AddTo(command);
        root.Add(SandboxCommand.Create(context));
        root.Add(DemoCommand.Create(context));
        // No response files: `--schema @schema.json` is our own file syntax, not System.CommandLine's argument list.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            // One line and where to look, not the parser's errors followed by the whole help; exit 2 like the SDK's own checks.
            stderr.WriteLine($"error: {Unknown(parsed) ?? Plain(parsed.Errors[0].Message)}");
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

    /// <summary>
    /// A word the parser did not know, named, with the nearest command or option of where it was typed (<c>webscrap</c> ->
    /// <c>webscrape</c>); null when every word was known.
    /// </summary>
    private static string? Unknown(ParseResult parsed)
    {
        if (parsed.UnmatchedTokens.FirstOrDefault() is not { } word) return null;
        var command = parsed.CommandResult.Command;
        var known = command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name))
            .Concat(OptionsOf(parsed.CommandResult).SelectMany(o => o.Aliases.Prepend(o.Name)));
        var nearest = known.Select(k => (Name: k, Distance: Typo.Distance(word, k)))
            .Where(k => k.Distance <= Math.Max(2, word.Length / 3)).OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal).FirstOrDefault().Name;
        var what = word.StartsWith('-') ? "option" : "command or argument";
        return $"'{word}' is not a known {what} of '{CommandPath(parsed.CommandResult)}'" + (nearest is null ? "" : $"; did you mean '{nearest}'?");
    }

    /// <summary>The options a command takes: its own and those its parents pass down.</summary>
    internal static IEnumerable<Option> OptionsOf(System.CommandLine.Parsing.CommandResult result)
    {
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is System.CommandLine.Parsing.CommandResult c; r = c.Parent)
            foreach (var o in c.Command.Options)
                if (ReferenceEquals(c, result) || o.Recursive) yield return o;
    }

    /// <summary>The parser's message with .NET type names said in words (<c>System.Nullable`1[System.Int32]</c> -> a whole number).</summary>
    private static string Plain(string message) => System.Text.RegularExpressions.Regex.Replace(message,
        @"as expected type '(System\.Nullable`1\[)?System\.(Int32|Int64)\]?'", "as a whole number");
}
