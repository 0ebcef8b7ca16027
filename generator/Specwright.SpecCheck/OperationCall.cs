using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Specwright.Core.Errors;
using Specwright.Generator.Model;

namespace Specwright.SpecCheck;

/// <summary>One operation called through its public method, with arguments made from the spec, and its answer read to the end.</summary>
internal sealed class OperationCall(SdkSurface sdk, Samples samples)
{
    /// <summary>What the last failure was (<see cref="Outcome.Passed"/> when there was none).</summary>
    public Outcome LastOutcome { get; private set; }

    /// <summary>
    /// Samples from the schemas alone, not the spec's examples: for a request Prism refused when made from a vendor's
    /// example that breaks its own schema (Twilio's <c>VoiceFallbackUrl: ""</c> for a <c>format: uri</c>).
    /// </summary>
    public bool FromSchemaOnly { get; set; }

    /// <summary>
    /// Null when the call went through and its answer was read; else what went wrong, on one line.
    /// <see cref="AnswerBrokeSpec"/> tells when Prism accepted the request but its own answer broke the spec.
    /// </summary>
    /// <remarks>The first of <paramref name="candidates"/> whose every parameter the spec gives a value for is called.</remarks>
    public async Task<string?> RunAsync(ApiOperation operation, IReadOnlyList<(object Target, MethodInfo Method)> candidates)
    {
        LastOutcome = Outcome.Passed;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var disposables = new List<IDisposable>();
        try
        {
            object?[]? arguments = null;
            var (target, method) = candidates[0];
            var reasons = new List<string>();
            foreach (var candidate in candidates)
            {
                try
                {
                    arguments = candidate.Method.GetParameters().Select(p => Argument(operation, p, timeout.Token, disposables)).ToArray();
                    (target, method) = candidate;
                    break;
                }
                catch (MissingArgumentException e)
                {
                    reasons.Add(e.Message);
                }
            }
            if (arguments is null) return string.Join("; ", reasons);
            var result = method.Invoke(target, arguments);
            if (result is Task task)
            {
                await task;
                result = method.ReturnType.IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
            }
            await DrainAsync(result, timeout.Token);
            return null;
        }
        catch (Exception e)
        {
            var error = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            LastOutcome = Classify(operation, error);
            return Describe(error);
        }
        finally
        {
            foreach (var d in disposables) d.Dispose();
        }
    }

    private object? Argument(ApiOperation operation, ParameterInfo parameter, CancellationToken cancellationToken, List<IDisposable> disposables)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        var name = parameter.Name!;
        var content = operation.Body?.Content.FirstOrDefault();
        if (type == typeof(CancellationToken)) return cancellationToken;
        if (operation.Parameters.FirstOrDefault(p => ArgumentNames.Same(p.Name, name)) is { } specParameter)
            return Value(samples.Parameter(specParameter, FromSchemaOnly), type, name);
        if (type == typeof(Stream)) return Track(new MemoryStream(Encoding.UTF8.GetBytes("spec-check upload")), disposables);
        if (type.Name == "FileParameter" && type.Assembly == sdk.Assembly)
            return Activator.CreateInstance(type, Track(new MemoryStream(Encoding.UTF8.GetBytes("spec-check file")), disposables), "sample.txt", "text/plain");
        // The operation's options object (optional parameters and fields): before the body, which is also an SDK class.
        if (type.Name.EndsWith("Options", StringComparison.Ordinal) && type.Assembly == sdk.Assembly && type.GetConstructor(Type.EmptyTypes) is not null)
            return Options(operation, content, type, disposables);
        if (content is not null && samples.HasProperty(content, name) && !IsModel(type))
            return Value(samples.Property(content, name, FromSchemaOnly), type, name);
        if (content is not null && (IsModel(type) || type == typeof(JsonElement) || type.IsArray || type.IsGenericType
            || ArgumentNames.Same(operation.Body!.Name ?? "body", name)))
            return Value(samples.Body(content, FromSchemaOnly), type, name);
        if (parameter.HasDefaultValue) return parameter.DefaultValue;
        throw new MissingArgumentException($"spec-check has no value for the parameter '{name}' ({type.Name}) of {parameter.Member.Name}");
    }

    /// <summary>An options object with each property the spec has a sample for: optional parameters, and optional fields of a spread body.</summary>
    private object Options(ApiOperation operation, ApiContent? content, Type type, List<IDisposable> disposables)
    {
        var options = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (operation.Parameters.FirstOrDefault(p => ArgumentNames.Same(p.Name, property.Name)) is { } specParameter)
                property.SetValue(options, Value(samples.Parameter(specParameter, FromSchemaOnly), propertyType, property.Name));
            else if (propertyType.Name == "FileParameter" && propertyType.Assembly == sdk.Assembly)
                property.SetValue(options, Activator.CreateInstance(propertyType, Track(new MemoryStream(Encoding.UTF8.GetBytes("spec-check file")), disposables), "sample.txt", "text/plain"));
            else if (content is not null && samples.HasProperty(content, property.Name))
                property.SetValue(options, Value(samples.Property(content, property.Name, FromSchemaOnly), propertyType, property.Name));
            else if (IsModel(propertyType) && propertyType.Name.EndsWith("Parameters", StringComparison.Ordinal))
                property.SetValue(options, Parameters(operation, propertyType));
        }
        return options;
    }

    /// <summary>An object query parameter spread into its fields (Typesense's <c>searchParameters</c>): the object's sample.</summary>
    private object? Parameters(ApiOperation operation, Type type) =>
        operation.Parameters.FirstOrDefault(p => ArgumentNames.Same(p.Name, type.Name)) is { } specParameter
            ? Value(samples.Parameter(specParameter, FromSchemaOnly), type, type.Name)
            : null;

    private bool IsModel(Type type) => type.Assembly == sdk.Assembly && type.IsClass;

    /// <summary>The first of <paramref name="samples"/> that reads as <paramref name="type"/>.</summary>
    private object? Value(IEnumerable<JsonNode?> samples, Type type, string name)
    {
        InvalidOperationException? first = null;
        foreach (var sample in samples)
        {
            try
            {
                return Value(sample, type, name);
            }
            catch (InvalidOperationException e)
            {
                first ??= e;
            }
        }
        return first is null ? null : throw first;
    }

    private object? Value(JsonNode? sample, Type type, string name)
    {
        if (sample is null) return null;
        if (type == typeof(string)) return sample is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : sample.ToJsonString();
        try
        {
            return JsonSerializer.Deserialize(sample.ToJsonString(), type, sdk.Json);
        }
        catch (JsonException) when (sample is JsonValue text && text.GetValueKind() == JsonValueKind.String && Parses(text.GetValue<string>(), type) is { } parsed)
        {
            // A vendor's example written as text of the value (a boolean's "true", an object's JSON in a string).
            return parsed;
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"spec-check's sample for '{name}' ({sample.ToJsonString()}) does not read as {type.Name}: {e.Message}", e);
        }
    }

    public enum Outcome
    {
        Passed,
        Failed,
        /// <summary>Prism refused the request (4xx with violations).</summary>
        Refused,
        /// <summary>Prism refused only for its form-array defect.</summary>
        PrismFormArrayDefect,
        /// <summary>Prism took the request; its own answer broke the spec.</summary>
        AnswerBrokeSpec,
    }

    private sealed class MissingArgumentException(string message) : Exception(message);

    private object? Parses(string text, Type type)
    {
        try
        {
            return JsonSerializer.Deserialize(text, type, sdk.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T Track<T>(T disposable, List<IDisposable> disposables) where T : IDisposable
    {
        disposables.Add(disposable);
        return disposable;
    }

    /// <summary>Reads what a call returned to its end: a response's value, one item of a pageable, every event of a stream, every byte of a download.</summary>
    private static async Task DrainAsync(object? value, CancellationToken cancellationToken)
    {
        for (var depth = 0; value is not null && depth < 4; depth++)
        {
            var type = value.GetType();
            if (type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)) is { } items)
            {
                // A pageable asks for its first page only; a stream of events is read to its end.
                var max = type.Name.StartsWith("AsyncPageable", StringComparison.Ordinal) ? 1 : int.MaxValue;
                await (Task)typeof(OperationCall).GetMethod(nameof(EnumerateAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(items.GetGenericArguments()[0]).Invoke(null, [value, max, cancellationToken])!;
            }
            else if (type.GetProperty("Stream")?.GetValue(value) is Stream stream)
            {
                await stream.CopyToAsync(Stream.Null, cancellationToken);
            }
            var inner = type.Name.StartsWith("ApiResponse", StringComparison.Ordinal) ? type.GetProperty("Value")?.GetValue(value) : null;
            (value as IDisposable)?.Dispose();
            value = inner;
        }
    }

    private static async Task EnumerateAsync<T>(IAsyncEnumerable<T> items, int max, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in items.WithCancellation(cancellationToken))
            if (++count >= max) break;
    }

    /// <summary>The failure on one line: for a refused request, Prism's violations (where and what).</summary>
    private static string Describe(Exception e) =>
        (Violations(e) is { Count: > 0 } violations && e is ApiException api
            ? $"HTTP {api.StatusCode}: " + string.Join("; ", violations)
            : $"{e.GetType().Name}: {e.Message}").ReplaceLineEndings(" ");

    /// <summary>
    /// Prism's validation messages in an error answer (<c>validation: [{location, message}]</c>), read from the exception's
    /// body excerpt (which may be cut short, so by pattern rather than as JSON).
    /// </summary>
    private static List<string>? Violations(Exception e) =>
        e is ApiException { ResponseBody: { } body } && body.Contains("stoplight.io/prism/errors#", StringComparison.Ordinal)
            ? System.Text.RegularExpressions.Regex.Matches(body, "\"message\":\"((?:[^\"\\\\]|\\\\.)*)\"").Select(m => m.Groups[1].Value.Replace("\\\"", "\"")).ToList()
            : null;

    private static Outcome Classify(ApiOperation operation, Exception e)
    {
        if (e is not ApiException { ResponseBody: { } body } api || !body.Contains("stoplight.io/prism/errors#", StringComparison.Ordinal)) return Outcome.Failed;
        // Prism took the request and refused its own answer: a 500 of violations (an invalid request is a 4xx, never answered).
        if (api.StatusCode == 500 && body.Contains("prism/errors#VIOLATIONS", StringComparison.Ordinal)) return Outcome.AnswerBrokeSpec;
        if (api.StatusCode != 422) return Outcome.Failed;
        // Prism reads an exploded form array (Tags=a&Tags=b, OpenAPI's default for form bodies) as one value:
        // stoplightio/prism#2473, open. The SDK's repeated keys are what the spec says; every other check passed.
        var form = operation.Body?.Content.FirstOrDefault()?.MediaType is "application/x-www-form-urlencoded" or "multipart/form-data";
        return form && Violations(e) is { Count: > 0 } found && found.All(v => System.Text.RegularExpressions.Regex.IsMatch(v, @"^Request body property \S+ must be array$"))
            ? Outcome.PrismFormArrayDefect
            : Outcome.Refused;
    }
}
