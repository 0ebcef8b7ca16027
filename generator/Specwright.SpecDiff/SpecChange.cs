namespace Specwright.SpecDiff;

/// <summary>How a change affects code written against the older spec.</summary>
public enum Impact
{
    /// <summary>Existing code keeps compiling and working.</summary>
    Additive,
    /// <summary>Existing code may stop compiling or start failing.</summary>
    Breaking,
}

/// <summary>One difference between two versions of a spec.</summary>
public sealed record SpecChange(Impact Impact, string Area, string What)
{
    public override string ToString() => $"{(Impact == Impact.Breaking ? "BREAKING" : "additive")}  {Area}: {What}";
}
