using Specwright.Core.Polling;

namespace Specwright.WebScrape;

/// <summary>A SmartBrowse run ended <c>failed</c> or <c>cancelled</c> (these cost no credits).</summary>
public sealed class RunFailedException : OperationFailedException
{
    public RunFailedException(SmartBrowseRun run)
        : base($"SmartBrowse run {run.Id} of recipe {run.RecipeId} ended {run.RunStatus}" + (string.IsNullOrEmpty(run.Error) ? "" : $": {run.Error}")) =>
        Run = run;

    /// <summary>The run as last seen.</summary>
    public SmartBrowseRun Run { get; }
}

/// <summary>A SmartBrowse run was not finished by the wait's deadline. The run itself goes on; wait again with its id.</summary>
public sealed class WaitTimeoutException : Specwright.Core.Polling.WaitTimeoutException
{
    public WaitTimeoutException(SmartBrowseRun? run, TimeSpan timeout)
        : base($"SmartBrowse run {run?.Id} was still {run?.RunStatus} after {timeout}; it keeps running, wait again with its id.", timeout) =>
        Run = run;

    /// <summary>The run as last seen (null if no poll completed).</summary>
    public SmartBrowseRun? Run { get; }
}
