namespace Specwright.Core.Serialization;

/// <summary>
/// A string-valued enum that keeps values it does not know (Azure SDK "extensible enum"). Generated
/// from every string enum in a spec, so a value added by the API never breaks deserialization.
/// </summary>
public interface IStringEnum<TSelf> : IStringEnumInfo where TSelf : struct, IStringEnum<TSelf>
{
    /// <summary>Wraps a wire value.</summary>
    static abstract TSelf FromValue(string value);
}
