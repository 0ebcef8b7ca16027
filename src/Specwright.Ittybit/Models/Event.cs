using System.Text.Json;
using System.Text.Json.Serialization;

namespace Specwright.Ittybit;

public partial class Event
{
    private MediaTask? _task;
    private Run? _run;

    /// <summary>The task as it was when the event happened, for a <c>task.*</c> event; null for other kinds.</summary>
    [JsonIgnore]
    public MediaTask? Task => IsAbout("task.") ? _task ??= Data.Json.Deserialize(IttybitJsonContext.Default.MediaTask) : null;

    /// <summary>The run as it was when the event happened, for a <c>run.*</c> event; null for other kinds.</summary>
    [JsonIgnore]
    public Run? Run => IsAbout("run.") ? _run ??= Data.Json.Deserialize(IttybitJsonContext.Default.Run) : null;

    private bool IsAbout(string prefix) =>
        Kind.Value?.StartsWith(prefix, StringComparison.Ordinal) == true && Data.Json.ValueKind == JsonValueKind.Object;

    public override string ToString() => $"Event({Id}, {Kind})";
}
