namespace Specwright.Core.Serialization;

/// <summary>
/// A string-valued enum that keeps values it does not know (Azure SDK "extensible enum"). Generated
/// from every string enum in a spec, so a value added by the API never breaks deserialization.
/// </summary>
public interface IStringEnum<TSelf> where TSelf : struct, IStringEnum<TSelf>
{
    /// <summary>The value on the wire.</summary>
    string Value { get; }

    /// <summary>False for a value this SDK version does not list.</summary>
    bool IsKnown { get; }

    /// <summary>Wraps a wire value.</summary>
    static abstract TSelf FromValue(string value);
}
