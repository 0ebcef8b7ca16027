using System.Text.Json.Serialization;

namespace Specwright.Sandbox.Hosting;

/// <summary>Source-generated metadata for bare JSON values (AOT safe).</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class PrimitiveJson : JsonSerializerContext;
