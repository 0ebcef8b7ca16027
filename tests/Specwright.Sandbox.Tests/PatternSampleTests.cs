// The pattern sampler is shared source (generator/Shared): the sandbox answers with it, and spec-check builds requests with it.
using System.Text.RegularExpressions;
using Specwright.Generator;

namespace Specwright.Sandbox.Tests;

public sealed class PatternSampleTests
{
    [Theory]
    [InlineData(@"^AC[0-9a-fA-F]{32}$")]
    [InlineData(@"^(?:[a-z]+|\d{3})-x?y*z+$")]
    [InlineData(@"^\+[1-9]\d{1,14}$")]
    [InlineData(@"^[A-Z]{2}(-[A-Z]{2})?$")]
    [InlineData(@"^.+@example\.com$")]
    public void A_pattern_gets_a_string_it_matches(string pattern)
    {
        var sample = PatternSample.Make(pattern);
        Assert.NotNull(sample);
        Assert.Matches(new Regex(pattern), sample);
    }

    [Theory]
    [InlineData(@"^[^a]+$")] // a negated class: no first character to take
    [InlineData(@"^(?=x)x$")] // a lookahead
    [InlineData(@"^(a")] // not a pattern at all
    public void A_pattern_it_cannot_read_gets_none(string pattern) => Assert.Null(PatternSample.Make(pattern));
}
