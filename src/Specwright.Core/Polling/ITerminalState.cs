namespace Specwright.Core.Polling;

/// <summary>A status whose terminal values come from the spec (<c>x-specwright-terminal</c>).</summary>
public interface ITerminalState
{
    bool IsTerminal { get; }
    bool IsSuccess { get; }
    bool IsFailure { get; }
}
