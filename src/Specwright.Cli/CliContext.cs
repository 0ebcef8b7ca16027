using System.CommandLine;
using Spectre.Console;

namespace Specwright.Cli;

/// <summary>
/// Where output goes: stdout for results (JSON or tables), stderr for notes and errors; and, for a service's commands, that
/// service's flags (<see cref="For"/>).
/// </summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr)
{
    private GlobalOptions? _globals;

    public TextWriter Out { get; } = stdout;
    public TextWriter Err { get; } = stderr;

    /// <summary>The service's flags; only a service's commands have them.</summary>
    public GlobalOptions Globals => _globals ?? throw new InvalidOperationException("This command takes no service flags.");

    /// <summary>The service of these commands; null for the sandbox and demo commands.</summary>
    public Specwright.Core.Http.ServiceDescription? Service => _globals?.Service;

    /// <summary>The context of one service's commands: the same output, with its flags.</summary>
    public CliContext For(GlobalOptions globals) => new(Out, Err) { _globals = globals, Console = Console };

    /// <summary>Tables and progress bars for people; plain text when stdout is not a terminal.</summary>
    public IAnsiConsole Console { get; private init; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(stdout),
        Ansi = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
        Interactive = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected ? InteractionSupport.Detect : InteractionSupport.No,
    });

    public bool Json(ParseResult p) => p.GetValue(Globals.Json);

    public void Note(string text) => Err.WriteLine(text);

    /// <summary>
    /// Set by a wait as soon as it knows what it waits for: how to pick the work up again, printed if the wait is
    /// cancelled (the work goes on, and bills, on the server).
    /// </summary>
    public string? ResumeHint { get; set; }

    /// <summary>
    /// Set when a command calls a base URL someone chose (<c>--base-url</c>, <c>--server</c>, the service's variable): what to say
    /// beside a 404, which there most often means a base URL without the spec's path (<c>/v1</c>).
    /// </summary>
    public string? NotFoundHint { get; set; }
}
