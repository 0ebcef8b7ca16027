namespace Specwright.Generator;

/// <summary>
/// A failure at a place in the spec: the spec file, the JSON pointer of the place, and the cause. Thrown by the
/// generator's own checks; any other exception is described with its whole chain of causes.
/// </summary>
public sealed class SpecException(string pointer, string message, Exception? inner = null) : InvalidOperationException(message, inner)
{
    /// <summary>The JSON pointer of the place in the spec (<c>/paths/~1pets/get</c>), or "" for the whole document.</summary>
    public string Pointer { get; } = pointer;

    /// <summary>A JSON pointer from its parts (<c>paths</c>, <c>/pets</c>, <c>get</c> -> <c>/paths/~1pets/get</c>).</summary>
    public static string PointerOf(params string[] parts) =>
        string.Concat(parts.Select(p => "/" + p.Replace("~", "~0").Replace("/", "~1")));
}

internal static class GeneratorError
{
    /// <summary>One line: the spec file, where in it, and every cause from the outermost to the innermost (messages repeated by a wrapper dropped).</summary>
    public static string Describe(Exception e, string[] args)
    {
        var i = Array.IndexOf(args, "--spec");
        var spec = i >= 0 && i + 1 < args.Length ? Path.GetFileName(args[i + 1]) : "the spec";
        var pointer = Chain(e).OfType<SpecException>().Select(x => x.Pointer).FirstOrDefault(p => p.Length > 0);
        var messages = new List<string>();
        foreach (var x in Chain(e))
        {
            var message = x.Message.Trim();
            if (message.Length == 0 || messages.Any(m => m.Contains(message, StringComparison.Ordinal))) continue;
            messages.Add(x is SpecException or InvalidOperationException or ArgumentException or FileNotFoundException ? message : $"{x.GetType().Name}: {message}");
        }
        return $"{spec}{(pointer is null ? "" : $" at #{pointer}")}: {string.Join(" <- ", messages)}";
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is AggregateException { InnerExceptions.Count: > 1 } many)
            {
                foreach (var inner in many.InnerExceptions) yield return inner;
                yield break;
            }
            yield return x;
        }
    }
}
