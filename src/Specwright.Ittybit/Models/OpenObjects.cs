using Specwright.Core.Serialization;

namespace Specwright.Ittybit;

// Options and metadata are open: set fields with .Set("width", 1280), read them with .Get("width").
public partial class TaskOptions : IOpenObject;

public partial class Metadata : IOpenObject;
