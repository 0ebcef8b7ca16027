using Specwright.Generator;

namespace Specwright.Generator.Tests;

public sealed class GeneratorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("specwright-gen-").FullName;
    private static readonly string Templates = Path.Combine(AppContext.BaseDirectory, "templates");
    private static readonly string[] Specs = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "openapi"), "*.yaml");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> SpecNames()
    {
        var data = new TheoryData<string>();
        foreach (var s in Specs) data.Add(Path.GetFileName(s));
        return data;
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public async Task Same_spec_generates_byte_identical_output(string spec)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "openapi", spec);
        var first = Path.Combine(_dir, "a");
        var second = Path.Combine(_dir, "b");

        Assert.Equal(5, await Program.GenerateAsync(new Options(path, first, Templates)));
        Assert.Equal(5, await Program.GenerateAsync(new Options(path, second, Templates)));

        foreach (var file in Directory.GetFiles(first))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(second, Path.GetFileName(file))));
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public async Task Regenerating_an_unchanged_spec_rewrites_nothing(string spec)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "openapi", spec);
        await Program.GenerateAsync(new Options(path, _dir, Templates));
        var stamps = Directory.GetFiles(_dir).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        Assert.Equal(0, await Program.GenerateAsync(new Options(path, _dir, Templates)));
        foreach (var (file, time) in stamps) Assert.Equal(time, File.GetLastWriteTimeUtc(file));
    }

    [Theory]
    [InlineData("run_status", "RunStatus")]
    [InlineData("started_at", "StartedAt")]
    [InlineData("runs_used_30d", "RunsUsed30d")]
    [InlineData("smartbrowse.completed", "SmartbrowseCompleted")]
    [InlineData("x-request-id", "XRequestId")]
    [InlineData("2fa_required", "_2faRequired")]
    public void Wire_names_become_pascal_case(string wire, string expected) =>
        Assert.Equal(expected, Naming.Pascal(wire));

    [Fact]
    public async Task An_inline_object_schema_is_refused_with_a_message_saying_what_to_do()
    {
        var spec = WriteSpec("""
            openapi: 3.1.0
            info:
              title: t
              version: "1"
              x-specwright: { service: T, namespace: T, generatedClient: TApi, exceptionBase: TException }
            paths:
              /x:
                get:
                  operationId: getX
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              a: { type: string }
            """);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Program.GenerateAsync(new Options(spec, _dir, Templates)));
        Assert.Contains("components/schemas", e.Message);
    }

    [Fact]
    public async Task A_spec_without_the_naming_extension_is_refused_naming_it()
    {
        var spec = WriteSpec("""
            openapi: 3.1.0
            info: { title: t, version: "1" }
            paths: {}
            """);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Program.GenerateAsync(new Options(spec, _dir, Templates)));
        Assert.Contains("x-specwright", e.Message);
    }

    private string WriteSpec(string yaml)
    {
        var path = Path.Combine(_dir, "spec.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
