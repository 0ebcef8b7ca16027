using System.Globalization;
using Microsoft.Extensions.Configuration;
using Specwright.Core.Errors;

namespace Specwright.Core.Options;

/// <summary>
/// Reads client options from a configuration section (<c>ApiKey</c>, <c>BaseUrl</c>, <c>MaxRetries</c>,
/// <c>Timeout</c> as a TimeSpan or seconds). Read by hand, so it stays trimming/AOT safe; a bad value
/// names its configuration path.
/// </summary>
public static class OptionsConfiguration
{
    public static void Bind(IConfiguration section, SpecwrightClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        if (section["ApiKey"] is { Length: > 0 } key) options.ApiKey = key;
        if (section["BaseUrl"] is { Length: > 0 } url)
            options.BaseUrl = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : throw Bad(section, "BaseUrl", url, "an absolute URL");
        if (section["MaxRetries"] is { Length: > 0 } retries)
            options.MaxRetries = int.TryParse(retries, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : throw Bad(section, "MaxRetries", retries, "an integer");
        if (section["Timeout"] is { Length: > 0 } timeout)
            options.Timeout = TimeSpan.TryParse(timeout, CultureInfo.InvariantCulture, out var t) && timeout.Contains(':') ? t
                : double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s)
                : throw Bad(section, "Timeout", timeout, "a TimeSpan (00:03:00) or seconds");
    }

    private static ConfigurationException Bad(IConfiguration section, string name, string value, string expected)
    {
        var path = section is IConfigurationSection s ? $"{s.Path}:{name}" : name;
        var shown = name == "ApiKey" ? "***" : value;
        return new ConfigurationException($"Configuration '{path}' must be {expected}, got '{shown}'.");
    }
}
