using Specwright.Core.Internal;

namespace Specwright.Core.Http;

/// <summary>
/// The facts of one operation, generated from the spec as one object (<c>&lt;Service&gt;Spec.Operations.&lt;Op&gt;.Info</c>)
/// and carried on each of its requests: the key handler, the retry handler and telemetry read it there instead
/// of looking the operation up again; the generated method reads its attempt-timeout rule.
/// </summary>
public sealed record OperationInfo(string Id)
{
    /// <summary>False for <c>security: []</c>: sent without the key, and usable with none configured.</summary>
    public bool RequiresApiKey { get; init; } = true;

    /// <summary>
    /// For a spec with several security schemes, when this operation takes more than the API key: its ways to authenticate, each a
    /// list of scheme names sent together (<c>[["adminKey"], ["ApiKeyAuth", "otp"]]</c>; an empty way: no credentials). The first way
    /// whose every scheme has a credential is sent. Null: the API key alone, as <see cref="RequiresApiKey"/> says.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>>? Security { get; init; }

    /// <summary>
    /// The error statuses after which this operation may be retried: the vendor's retryable statuses, narrowed
    /// for a billed, non-idempotent call to those the spec says were refused before any work
    /// (<c>x-specwright-retry.billedPostRetryStatuses</c>).
    /// </summary>
    public IReadOnlyList<int> RetryableStatuses { get; init; } = [];

    /// <summary>Credits the call costs (<c>x-specwright-credits</c>), when the spec says.</summary>
    public int? CreditCost { get; init; }

    /// <summary>The attempt timeout's floor taken from a parameter (<c>x-specwright-attempt-timeout</c>), when the spec gives one.</summary>
    public AttemptTimeoutRule? AttemptTimeout { get; init; }

    /// <summary>The HTTP method, upper case.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>The path template below the base URL, e.g. <c>/runs/{id}</c>.</summary>
    public string Path { get; init; } = "/";

    /// <summary>The spec's one-line summary, when it has one.</summary>
    public string? Summary { get; init; }

    /// <summary>The path, query and header parameters, in the spec's order (path-level ones first).</summary>
    public IReadOnlyList<OperationParameter> Parameters { get; init; } = [];

    /// <summary>The success answer's media type when it is not JSON (<c>text/event-stream</c>, <c>application/pdf</c>); null for JSON or no body.</summary>
    public string? ResponseMediaType { get; init; }

    /// <summary>
    /// The 3xx status this operation documents as its answer, when it documents no 2xx: such a response that arrives with no
    /// <c>Location</c> to follow is the call's result rather than an error.
    /// </summary>
    public int? RedirectAnswer { get; init; }

    /// <summary>The request body, or null when the operation takes none.</summary>
    public OperationBody? Body { get; init; }

    public override string ToString() => Id;
}

/// <summary>Where a parameter goes in the request.</summary>
public enum ParameterLocation
{
    Path,
    Query,
    Header,
}

/// <summary>One parameter of an operation, as the spec declares it (<paramref name="Type"/> is the schema's JSON type).</summary>
public sealed record OperationParameter(string Name, ParameterLocation In, bool Required, string Type = "string", string? Description = null)
{
    /// <summary>What the spec's schema allows for the value (range, length, pattern, enum); null when it says nothing.</summary>
    public ValueConstraints? Constraints { get; init; }

    /// <summary>
    /// Checks a value as text against the parameter's type and <see cref="Constraints"/>, before anything is sent: the raw call and the
    /// CLI's flags refuse what the server would.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not of the parameter's type, or is outside what the spec allows; the message names the parameter.</exception>
    public void Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        double? number = null;
        if (Type == "integer")
            number = long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, invariant, out var whole) ? whole
                : throw new ArgumentException($"'{Name}' must be a whole number, got '{value}'.", Name);
        else if (Type == "number")
            number = double.TryParse(value, System.Globalization.NumberStyles.Float, invariant, out var real) ? real
                : throw new ArgumentException($"'{Name}' must be a number, got '{value}'.", Name);
        else if (Type == "boolean" && value is not ("true" or "false"))
            throw new ArgumentException($"'{Name}' must be true or false, got '{value}'.", Name);
        if (Constraints is not { } c) return;
        if (c.Enum is { Count: > 0 } allowed && !allowed.Contains(value, StringComparer.Ordinal))
            throw new ArgumentException($"'{Name}' must be one of {string.Join(", ", allowed)}; got '{value}'.", Name);
        if (number is { } n) Checks.Between(n, c.Minimum, c.Maximum, Name, c.ExclusiveMinimum, c.ExclusiveMaximum);
        if (Type != "array" && Type != "object")
        {
            Checks.Length(value, c.MinLength, c.MaxLength, Name);
            if (c.Pattern is { } pattern) Checks.Pattern(value, pattern, Name);
        }
    }
}

/// <summary>The constraints of a parameter's schema that can be checked on its text before sending.</summary>
public sealed record ValueConstraints
{
    /// <summary><c>minimum</c>.</summary>
    public double? Minimum { get; init; }

    /// <summary><c>maximum</c>.</summary>
    public double? Maximum { get; init; }

    /// <summary>The minimum itself is refused (3.0's <c>exclusiveMinimum: true</c>, or 3.1's number).</summary>
    public bool ExclusiveMinimum { get; init; }

    /// <summary>The maximum itself is refused.</summary>
    public bool ExclusiveMaximum { get; init; }

    /// <summary><c>minLength</c>.</summary>
    public int? MinLength { get; init; }

    /// <summary><c>maxLength</c>.</summary>
    public int? MaxLength { get; init; }

    /// <summary><c>pattern</c>, an ECMA regular expression.</summary>
    public string? Pattern { get; init; }

    /// <summary><c>enum</c>, the values as text.</summary>
    public IReadOnlyList<string>? Enum { get; init; }
}

/// <summary>An operation's request body: whether it must be sent, and the spec's description.</summary>
public sealed record OperationBody(bool Required, string? Description = null)
{
    /// <summary>The media types it may be sent as, in the spec's order (<c>application/json</c>, <c>multipart/form-data</c>, <c>image/*</c>).</summary>
    public IReadOnlyList<string> MediaTypes { get; init; } = ["application/json"];
}
