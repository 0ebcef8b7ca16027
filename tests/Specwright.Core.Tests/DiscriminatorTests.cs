using System.Text;
using System.Text.Json;
using Specwright.Core.Serialization;
using Specwright.Core.Internal;

namespace Specwright.Core.Tests;

/// <summary>The discriminator read ahead of a polymorphic object: found wherever it stands at the top level, the caller's reader unmoved.</summary>
public sealed class DiscriminatorTests
{
    private static string? Peek(string json, out JsonTokenType after)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        var value = Discriminator.Peek(reader, "petType");
        after = reader.TokenType;
        return value;
    }

    [Theory]
    [InlineData("""{"petType":"Cat","name":"Tom"}""", "Cat")]
    [InlineData("""{"name":"Tom","owner":{"petType":"Dog"},"tags":[{"petType":"x"}],"petType":"Bird"}""", "Bird")]
    [InlineData("""{"name":"Tom","owner":{"petType":"Dog"}}""", null)]
    [InlineData("""{"petType":7}""", null)]
    [InlineData("""["petType","Cat"]""", null)]
    public void The_top_level_string_value_is_read_and_the_reader_stays_where_it_was(string json, string? expected)
    {
        Assert.Equal(expected, Peek(json, out var after));
        Assert.Equal(json[0] == '{' ? JsonTokenType.StartObject : JsonTokenType.StartArray, after);
    }
}
