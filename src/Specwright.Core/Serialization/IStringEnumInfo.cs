namespace Specwright.Core.Serialization;

/// <summary>The non-generic view of a string enum, for logging unknown values.</summary>
public interface IStringEnumInfo
{
    string Value { get; }
    bool IsKnown { get; }
}
