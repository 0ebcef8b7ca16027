using Specwright.Core.Polling;

namespace Specwright.ScrapeLlm;

/// <summary>A job ended <c>failed</c> after the server's own retries. Its credits are refunded; submit again to retry.</summary>
public sealed class JobFailedException : OperationFailedException
{
    public JobFailedException(Job job)
        : base($"ScrapeLLM job {job.JobId} ({job.Scraper}) failed" + (string.IsNullOrEmpty(job.Error) ? "" : $": {job.Error}") +
               "; its credits are refunded.") =>
        Job = job;

    /// <summary>The job as last seen; <see cref="Job.Error"/> is the server's reason.</summary>
    public Job Job { get; }
}

/// <summary>A job was still pending at the wait's deadline. It keeps running; wait again with its id (within 24 hours).</summary>
public sealed class JobWaitTimeoutException : WaitTimeoutException
{
    public JobWaitTimeoutException(string jobId, Job? job, TimeSpan timeout)
        : base($"ScrapeLLM job {jobId} was still {job?.Status.ToString() ?? "unseen"} after {timeout}; it keeps running, wait again with its id.", timeout)
    {
        JobId = jobId;
        Job = job;
    }

    public string JobId { get; }

    /// <summary>The job as last seen (null if no poll completed).</summary>
    public Job? Job { get; }
}
