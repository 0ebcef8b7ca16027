namespace Specwright.Core.Http;

/// <summary>
/// A success response as the error decoder first sees it: a struct, so the common case (no error in the
/// body) allocates nothing; <see cref="ToContext"/> builds the full context once an error is found.
/// </summary>
public readonly record struct SuccessResponse(string OperationId, HttpResponseMessage Response, TimeProvider Time)
{
    public ResponseContext ToContext() => new(OperationId, Response, ReadOnlyMemory<byte>.Empty, Time);
}
