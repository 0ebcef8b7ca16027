using System.Text.Json.Serialization;
using Specwright.Sandbox.Control;
using Specwright.Sandbox.Faults;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.WebScrape.SmartBrowse;

namespace Specwright.Sandbox;

/// <summary>Source-generated JSON for the sandbox's own payloads (control API, recipe items); snake_case like the APIs.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(ItemRow))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(List<FaultRule>))]
[JsonSerializable(typeof(KeyRequest))]
[JsonSerializable(typeof(KeyInfo))]
[JsonSerializable(typeof(RecipeRequest))]
[JsonSerializable(typeof(StatsInfo))]
[JsonSerializable(typeof(ControlError))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
