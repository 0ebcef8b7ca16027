using Specwright.Core.Errors;

namespace Specwright.Core.Paging;

/// <summary>The server's pagination cannot be followed (e.g. it says more items follow but gives no new cursor).</summary>
public sealed class PaginationException(string operationId, string problem)
    : SpecwrightException($"{operationId}: {problem}.")
{
    public string OperationId { get; } = operationId;
}
