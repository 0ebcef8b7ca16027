using System.Text.Json;
using Specwright.Core.Errors;
using Specwright.Core.Http;

namespace Specwright.Ittybit.Internal;

/// <summary>
/// The one place Ittybit errors are decoded. The body is <c>{"kind": "...", "message": "..."}</c>; the kind picks
/// the exception (an unknown kind is kept in <see cref="ApiException.ErrorCode"/> on the base type). A body
/// without a kind (a proxy's page) is typed by its status where the spec gives that status one kind.
/// </summary>
internal sealed class IttybitErrorDecoder : ErrorDecoder
{
    public static readonly IttybitErrorDecoder Instance = new();

    public override ApiException Decode(ResponseContext response)
    {
        Error? body = null;
        try
        {
            body = JsonSerializer.Deserialize(response.Body.Span, IttybitJsonContext.Default.Error);
        }
        catch (JsonException)
        {
        }
        var kind = body?.Kind.Value is { Length: > 0 } k ? k : null;
        return IttybitErrorFactory.Create(new ApiErrorInfo
        {
            StatusCode = response.StatusCode,
            ErrorCode = kind ?? IttybitErrorFactory.CodeForStatus(response.StatusCode),
            ErrorMessage = body?.Message,
            RetryAfter = response.RetryAfter,
            BodyExcerpt = kind is null ? response.BodyExcerpt() : null,
            OperationId = response.OperationId,
            Headers = response.Response.Headers,
        });
    }
}
