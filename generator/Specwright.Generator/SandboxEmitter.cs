namespace Specwright.Generator;

/// <summary>
/// The sandbox's side of a spec (written by the sandbox's own build with <c>--sandbox-module</c>, never part of the SDK): a
/// simulation interface with one method per operation, so the compiler says when a handwritten simulation misses one,
/// and the module that plugs the service into the sandbox's one host. A service without a handwritten simulation
/// answers every operation from its spec's examples.
/// </summary>
internal static class SandboxEmitter
{
    private const string Hosting = "global::Specwright.Sandbox.Hosting";

    public static string FileName(SpecFacts f) => $"{f.Naming.Service}Module.g.cs";

    public static string Module(SpecFacts f)
    {
        var n = f.Naming;
        var simulation = $"I{n.Service}Simulation";
        var w = new CSharpWriter().Line(CSharpWriter.Header).Line("#pragma warning disable CA2255 // the sandbox finds its services by their module initializers")
            .Open("namespace Specwright.Sandbox.Simulations");
        w.Line("/// <summary>");
        w.Line($"/// Simulates every operation of openapi/{SurfaceEmitter.Xml(f.SpecFile)}. A missing method is a compile error; to leave an");
        w.Line("/// operation to the spec's examples, answer with <c>call.FromExamples()</c>.");
        w.Line("/// </summary>");
        w.Open($"internal interface {simulation}");
        foreach (var op in f.Operations)
        {
            w.Line($"/// <summary><c>{SurfaceEmitter.Xml(op.OperationId)}</c>: {op.Method} {SurfaceEmitter.Xml(op.Path)}{(op.Summary is { } s ? ". " + SurfaceEmitter.Xml(s) : "")}</summary>");
            w.Line($"global::System.Threading.Tasks.Task<{Hosting}.Reply> {Naming.Pascal(op.OperationId)}Async({Hosting}.OperationCall call);");
        }
        w.Close();
        w.Line();
        w.Line($"/// <summary>Plugs {SurfaceEmitter.Xml(f.Title)} into the sandbox: its description, and the dialect and simulation its handwritten partial supplies, if any.</summary>");
        w.Open($"internal static partial class {n.Service}Module");
        w.Line("/// <summary>Supplies the simulation (a handwritten partial); without one, every operation answers from the spec's examples.</summary>");
        w.Line($"static partial void CreateSimulation(global::Specwright.Sandbox.SandboxState state, ref {simulation}? simulation);");
        w.Line();
        w.Line("/// <summary>Supplies the service's own dialect (keys, error shape) where the spec's defaults do not say enough.</summary>");
        w.Line($"static partial void CreateDialect(global::Specwright.Sandbox.SandboxState state, ref {Hosting}.ServiceDialect? dialect);");
        w.Line();
        w.Line($"[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Line($"internal static void Register() => {Hosting}.ServiceModules.Add({n.Namespace}.{n.SpecClass}.Description, Create);");
        w.Line();
        w.Open($"private static {Hosting}.ServiceModule Create(global::Specwright.Sandbox.SandboxState state)");
        w.Line($"var service = {n.Namespace}.{n.SpecClass}.Description;");
        w.Line($"{simulation}? simulation = null;");
        w.Line("CreateSimulation(state, ref simulation);");
        w.Line($"{Hosting}.ServiceDialect? dialect = null;");
        w.Line("CreateDialect(state, ref dialect);");
        w.Line($"return new {Hosting}.ServiceModule(service, dialect ?? new {Hosting}.ServiceDialect(service, state), simulation is null ? null : Handlers(simulation));");
        w.Close();
        w.Line();
        w.Open($"private static global::System.Collections.Generic.Dictionary<string, {Hosting}.OperationHandler> Handlers({simulation} simulation) => new()");
        foreach (var op in f.Operations) w.Line($"[{CSharpWriter.Literal(op.OperationId)}] = simulation.{Naming.Pascal(op.OperationId)}Async,");
        w.Close(";");
        w.Close();
        return w.Close().ToString();
    }
}
