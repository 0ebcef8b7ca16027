using System.Reflection;
using Specwright.Core.Http;
using Specwright.Generator.Model;

namespace Specwright.SpecCheck;

/// <summary>
/// A Prism mock (started on first use) and the SDK's client of it. A request that stops Prism fails alone: Prism and the
/// client start again for the operations after it.
/// </summary>
internal sealed class MockedClient(SdkSurface sdk, string prism, string spec, MockedClient.Mode mode, string? baseUrl) : IAsyncDisposable
{
    public enum Mode
    {
        /// <summary>Prism with --errors, answering the spec's examples.</summary>
        Strict,
        /// <summary>Prism without --errors: it answers an example that breaks the spec instead of refusing it.</summary>
        Lenient,
        /// <summary>Prism with --errors, answering values made from the schemas.</summary>
        FromSchema,
        /// <summary>Strict, through <see cref="FormArrayProxy"/>.</summary>
        FormArrays,
    }

    private PrismMock? _mock;
    private FormArrayProxy? _proxy;
    private IOperationClient? _client;
    private Dictionary<string, List<(object Target, MethodInfo Method)>> _methods = [];

    public async Task<string?> RunAsync(OperationCall call, ApiOperation operation)
    {
        if (_mock is null)
        {
            _mock = await PrismMock.StartAsync(prism, spec, strict: mode != Mode.Lenient, dynamic: mode == Mode.FromSchema);
            _proxy = mode == Mode.FormArrays ? new FormArrayProxy(_mock.BaseUrl) : null;
            _client = sdk.CreateClient(baseUrl is not null ? new Uri(baseUrl) : _proxy?.BaseUrl ?? _mock.BaseUrl);
            _methods = sdk.Methods(_client);
        }
        var failure = _methods.TryGetValue(operation.Id, out var found)
            ? await call.RunAsync(operation, found)
            : "no public method is marked [SpecOperation] with this operation alone";
        if (_mock.HasExited)
        {
            failure = $"Prism stopped on this request ({_mock.ExitReason()})";
            await DisposeAsync();
        }
        return failure;
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _client = null;
        _proxy?.Dispose();
        _proxy = null;
        if (_mock is not null) await _mock.DisposeAsync();
        _mock = null;
    }
}
