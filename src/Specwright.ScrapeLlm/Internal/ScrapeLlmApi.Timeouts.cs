using Specwright.Core.Http;

namespace Specwright.ScrapeLlm;

// Handwritten partial of the generated ScrapeLlmApi.
internal partial class ScrapeLlmApi
{
    /// <summary>Time allowed beyond the provider timeout for the server to answer and the bytes to arrive.</summary>
    internal static readonly TimeSpan AnswerMargin = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A synchronous scrape holds the connection while the server waits up to <c>timeout</c> seconds for the
    /// AI provider (300 by default, up to 600), so its attempt must be allowed at least that long.
    /// </summary>
    protected override void PrepareRequest(string operationId, HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Get || operationId == ScrapeLlmSpec.Operations.GetJob.Id) return;
        var seconds = ProviderTimeoutSeconds(request.RequestUri) ?? ScrapeLlmSpec.Parameters.Timeout.Default;
        request.Options.Set(RequestOptionKeys.MinimumAttemptTimeout, TimeSpan.FromSeconds(seconds) + AnswerMargin);
    }

    private static double? ProviderTimeoutSeconds(Uri? uri)
    {
        var query = uri?.OriginalString.Split('?', 2) is [_, var q] ? q : null;
        if (query is null) return null;
        foreach (var pair in query.Split('&'))
            if (pair.Split('=', 2) is [var name, var value] && name == ScrapeLlmSpec.Parameters.Timeout.Name
                && double.TryParse(Uri.UnescapeDataString(value), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s))
                return s;
        return null;
    }
}
