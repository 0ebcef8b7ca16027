namespace Specwright.Core;

/// <summary>
/// On a handwritten partial of a generated client: the generator leaves out its own public method(s) for
/// <see cref="OperationId"/>, so the partial can define them differently (the escape hatch Azure's
/// <c>[CodeGenSuppress]</c> is). The request builder stays, for the partial to call.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SuppressGeneratedAttribute(string operationId) : Attribute
{
    public string OperationId { get; } = operationId;
}
