using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Specwright.Core.Http;
using Specwright.Sandbox.Hosting;

namespace Specwright.Sandbox.Tests;

/// <summary>The sandbox reads a path parameter as its style spells it (label <c>.5</c>, matrix <c>;id=5</c>) before checking its type.</summary>
public sealed class PathStyleValidationTests
{
    private static readonly JsonObject Spec =
        Specwright.Shared.YamlJson.Load(new StringReader(File.ReadAllText(Path.Combine(Specwright.TestSupport.RepoPaths.Root, "tests", "corpus", "styles-example.yaml"))));

    [Theory]
    [InlineData("/label/{id}/{ids}", ".5", ".3.4.5", "")]
    [InlineData("/matrix/{id}/{ids}", ";id=5", ";ids=3;ids=4;ids=5", "")]
    [InlineData("/label/{id}/{ids}", ".x", ".3.y", "id: expected an integer, got 'x' | ids: expected an integer, got 'y'")]
    [InlineData("/simple/{ids}", null, "3,4,5", "")]
    public async Task Label_and_matrix_values_are_read_as_their_style_spells_them(string path, string? id, string ids, string problems)
    {
        var route = new Dictionary<string, string> { ["ids"] = ids };
        if (id is not null) route["id"] = id;
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        var (_, issues) = await new RequestValidator(Spec, 1 << 20).CheckAsync(http, new OperationInfo("op") { Method = "GET", Path = path }, route);
        Assert.Equal(problems, string.Join(" | ", issues.Select(i => i.ToString()).Order()));
    }
}
