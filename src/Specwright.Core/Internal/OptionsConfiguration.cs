using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Specwright.Core.Errors;
using Specwright.Core.Options;

namespace Specwright.Core.Internal;

/// <summary>
/// Reads client options from a configuration section (<c>ApiKey</c>, <c>BaseUrl</c>, <c>MaxRetries</c>,
/// <c>Timeout</c> and <c>MaxRetryAfter</c> as a TimeSpan or seconds, <c>RateLimit:RequestsPerMinute</c> and <c>RateLimit:MaxConcurrentRequests</c>). Read by hand, so it stays trimming/AOT safe; a bad value
/// names its configuration path.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // for generated code; not part of the API a caller uses
public static class OptionsConfiguration
{
    public static void Bind(IConfiguration section, SpecwrightClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        if (section["ApiKey"] is { Length: > 0 } key) options.ApiKey = key;
        if (section["BaseUrl"] is { Length: > 0 } url)
            options.BaseUrl = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : throw Bad(section, "BaseUrl", url, "an absolute URL");
        if (section["MaxRetries"] is { Length: > 0 })
            options.MaxRetries = Int(section, "MaxRetries");
        if (section["Timeout"] is { Length: > 0 } timeout) options.Timeout = Duration(section, "Timeout", timeout);
        if (section["MaxRetryAfter"] is { Length: > 0 } maxRetryAfter) options.MaxRetryAfter = Duration(section, "MaxRetryAfter", maxRetryAfter);
        var limit = section.GetSection("RateLimit");
        int? perMinute = Int(limit, "RequestsPerMinute"), concurrent = Int(limit, "MaxConcurrentRequests");
        if (perMinute is not null || concurrent is not null)
            options.RateLimit = new ClientRateLimit { RequestsPerMinute = perMinute, MaxConcurrentRequests = concurrent };
    }

    private static TimeSpan Duration(IConfiguration section, string name, string text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t) && text.Contains(':') ? t
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s)
        : throw Bad(section, name, text, "a TimeSpan (00:03:00) or seconds");

    private static int? Int(IConfiguration section, string name) =>
        section[name] is not { Length: > 0 } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw Bad(section, name, text, "an integer");

    private static ConfigurationException Bad(IConfiguration section, string name, string value, string expected)
    {
        var path = section is IConfigurationSection s ? $"{s.Path}:{name}" : name;
        var shown = name == "ApiKey" ? "***" : value;
        return new ConfigurationException($"Configuration '{path}' must be {expected}, got '{shown}'.");
    }
}
