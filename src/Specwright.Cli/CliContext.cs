using System.CommandLine;
using Spectre.Console;

namespace Specwright.Cli;

/// <summary>Where output goes: stdout for results (JSON or tables), stderr for notes and errors.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, GlobalOptions globals)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Err { get; } = stderr;
    public GlobalOptions Globals { get; } = globals;

    /// <summary>Tables and progress bars for people; plain text when stdout is not a terminal.</summary>
    public IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings
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
}
