namespace Specwright.Core;

/// <summary>
/// Marks an SDK method as calling the spec operation with this id (<c>operationId</c>), so the generated
/// SDK reference can map every operation of the spec to the methods that call it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class SpecOperationAttribute(string operationId) : Attribute
{
    public string OperationId { get; } = operationId;
}
