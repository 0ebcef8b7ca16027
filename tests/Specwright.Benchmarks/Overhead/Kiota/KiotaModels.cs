using Microsoft.Kiota.Abstractions.Serialization;

// Models as Kiota's C# generator writes them for openapi/webscrape.yaml (no backing store): IParsable with
// field deserializer maps, AdditionalData, free-form JSON as UntypedNode. Kiota's generator cannot be
// installed here, so these are written by hand in its shape, for the three benchmarked operations only.
namespace Specwright.Benchmarks.Overhead.Kiota;

public class KiotaScrapeRequest : IParsable
{
    public string? WebsiteUrl { get; set; }
    public bool? Clean { get; set; }
    public bool? ExtractLinks { get; set; }

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
    {
        { "website_url", n => WebsiteUrl = n.GetStringValue() },
        { "clean", n => Clean = n.GetBoolValue() },
        { "extract_links", n => ExtractLinks = n.GetBoolValue() },
    };

    public void Serialize(ISerializationWriter writer)
    {
        writer.WriteStringValue("website_url", WebsiteUrl);
        writer.WriteBoolValue("clean", Clean);
        writer.WriteBoolValue("extract_links", ExtractLinks);
    }
}

public class KiotaSmartScraperRequest : IParsable
{
    public string? WebsiteUrl { get; set; }
    public string? UserPrompt { get; set; }

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
    {
        { "website_url", n => WebsiteUrl = n.GetStringValue() },
        { "user_prompt", n => UserPrompt = n.GetStringValue() },
    };

    public void Serialize(ISerializationWriter writer)
    {
        writer.WriteStringValue("website_url", WebsiteUrl);
        writer.WriteStringValue("user_prompt", UserPrompt);
    }
}

/// <summary>The fields every `completed` envelope has; <typeparamref name="T"/> is its data.</summary>
public abstract class KiotaEnvelope<T> : IAdditionalDataHolder, IParsable where T : IParsable
{
    public string? Status { get; set; }
    public string? RequestId { get; set; }
    public T? Data { get; set; }
    public int? CreditsUsed { get; set; }
    public int? CreditsRemaining { get; set; }
    public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

    protected abstract ParsableFactory<T> DataFactory { get; }

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
    {
        { "status", n => Status = n.GetStringValue() },
        { "request_id", n => RequestId = n.GetStringValue() },
        { "data", n => Data = n.GetObjectValue(DataFactory) },
        { "credits_used", n => CreditsUsed = n.GetIntValue() },
        { "credits_remaining", n => CreditsRemaining = n.GetIntValue() },
    };

    public void Serialize(ISerializationWriter writer)
    {
        writer.WriteStringValue("status", Status);
        writer.WriteStringValue("request_id", RequestId);
        writer.WriteObjectValue("data", Data);
        writer.WriteIntValue("credits_used", CreditsUsed);
        writer.WriteIntValue("credits_remaining", CreditsRemaining);
        writer.WriteAdditionalData(AdditionalData);
    }
}

public class KiotaScrapeEnvelope : KiotaEnvelope<KiotaScrapeData>
{
    protected override ParsableFactory<KiotaScrapeData> DataFactory => KiotaScrapeData.CreateFromDiscriminatorValue;
    public static KiotaScrapeEnvelope CreateFromDiscriminatorValue(IParseNode parseNode) => new();
}

public class KiotaSmartScraperEnvelope : KiotaEnvelope<KiotaSmartScraperData>
{
    protected override ParsableFactory<KiotaSmartScraperData> DataFactory => KiotaSmartScraperData.CreateFromDiscriminatorValue;
    public static KiotaSmartScraperEnvelope CreateFromDiscriminatorValue(IParseNode parseNode) => new();
}

public class KiotaRunEnvelope : KiotaEnvelope<KiotaRun>
{
    protected override ParsableFactory<KiotaRun> DataFactory => KiotaRun.CreateFromDiscriminatorValue;
    public static KiotaRunEnvelope CreateFromDiscriminatorValue(IParseNode parseNode) => new();
}

public class KiotaScrapeData : IAdditionalDataHolder, IParsable
{
    public string? RequestId { get; set; }
    public string? Html { get; set; }
    public string? Markdown { get; set; }
    public string? ContentType { get; set; }
    public bool? Cleaned { get; set; }
    public List<KiotaScrapeLink>? Links { get; set; }
    public KiotaPageMetadata? Metadata { get; set; }
    public int? LatencyMs { get; set; }
    public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

    public static KiotaScrapeData CreateFromDiscriminatorValue(IParseNode parseNode) => new();

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
    {
        { "request_id", n => RequestId = n.GetStringValue() },
        { "html", n => Html = n.GetStringValue() },
        { "markdown", n => Markdown = n.GetStringValue() },
        { "content_type", n => ContentType = n.GetStringValue() },
        { "cleaned", n => Cleaned = n.GetBoolValue() },
        { "links", n => Links = n.GetCollectionOfObjectValues(KiotaScrapeLink.CreateFromDiscriminatorValue)?.ToList() },
        { "metadata", n => Metadata = n.GetObjectValue(KiotaPageMetadata.CreateFromDiscriminatorValue) },
        { "latency_ms", n => LatencyMs = n.GetIntValue() },
    };

    public void Serialize(ISerializationWriter writer)
    {
        writer.WriteStringValue("request_id", RequestId);
        writer.WriteStringValue("html", Html);
        writer.WriteStringValue("markdown", Markdown);
        writer.WriteStringValue("content_type", ContentType);
        writer.WriteBoolValue("cleaned", Cleaned);
        writer.WriteCollectionOfObjectValues("links", Links);
        writer.WriteObjectValue("metadata", Metadata);
        writer.WriteIntValue("latency_ms", LatencyMs);
        writer.WriteAdditionalData(AdditionalData);
    }
}

public class KiotaScrapeLink : IAdditionalDataHolder, IParsable
{
    public string? Url { get; set; }
    public string? Text { get; set; }
    public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

    public static KiotaScrapeLink CreateFromDiscriminatorValue(IParseNode parseNode) => new();

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
    {
        { "url", n => Url = n.GetStringValue() },
        { "text", n => Text = n.GetStringValue() },
    };

    public void Serialize(ISerializationWriter writer)
    {
        writer.WriteStringValue("url", Url);
        writer.WriteStringValue("text", Text);
        writer.WriteAdditionalData(AdditionalData);
    }
}

public class KiotaPageMetadata : IAdditionalDataHolder, IParsable
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Language { get; set; }
    public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

    public static KiotaPageMetadata CreateFromDiscriminatorValue(IParseNode parseNode) => new();

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
    {
        { "title", n => Title = n.GetStringValue() },
        { "description", n => Description = n.GetStringValue() },
        { "language", n => Language = n.GetStringValue() },
    };

    public void Serialize(ISerializationWriter writer)
    {
        writer.WriteStringValue("title", Title);
        writer.WriteStringValue("description", Description);
        writer.WriteStringValue("language", Language);
        writer.WriteAdditionalData(AdditionalData);
    }
}

public class KiotaSmartScraperData : IAdditionalDataHolder, IParsable
{
    public string? RequestId { get; set; }
    public UntypedNode? Result { get; set; }
    public int? LatencyMs { get; set; }
    public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

    public static KiotaSmartScraperData CreateFromDiscriminatorValue(IParseNode parseNode) => new();

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
    {
        { "request_id", n => RequestId = n.GetStringValue() },
        { "result", n => Result = n.GetObjectValue(UntypedNode.CreateFromDiscriminatorValue) },
        { "latency_ms", n => LatencyMs = n.GetIntValue() },
    };

    public void Serialize(ISerializationWriter writer)
    {
        writer.WriteStringValue("request_id", RequestId);
        writer.WriteObjectValue("result", Result);
        writer.WriteIntValue("latency_ms", LatencyMs);
        writer.WriteAdditionalData(AdditionalData);
    }
}

public class KiotaRun : IAdditionalDataHolder, IParsable
{
    public string? Id { get; set; }
    public string? RecipeId { get; set; }
    public string? RunStatus { get; set; }
    public int? PagesExtracted { get; set; }
    public int? ItemsExtracted { get; set; }
    public int? CreditsUsed { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Error { get; set; }
    public KiotaRunResult? Result { get; set; }
    public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

    public static KiotaRun CreateFromDiscriminatorValue(IParseNode parseNode) => new();

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
    {
        { "id", n => Id = n.GetStringValue() },
        { "recipe_id", n => RecipeId = n.GetStringValue() },
        { "run_status", n => RunStatus = n.GetStringValue() },
        { "pages_extracted", n => PagesExtracted = n.GetIntValue() },
        { "items_extracted", n => ItemsExtracted = n.GetIntValue() },
        { "credits_used", n => CreditsUsed = n.GetIntValue() },
        { "created_at", n => CreatedAt = n.GetDateTimeOffsetValue() },
        { "started_at", n => StartedAt = n.GetDateTimeOffsetValue() },
        { "completed_at", n => CompletedAt = n.GetDateTimeOffsetValue() },
        { "error", n => Error = n.GetStringValue() },
        { "result", n => Result = n.GetObjectValue(KiotaRunResult.CreateFromDiscriminatorValue) },
    };

    public void Serialize(ISerializationWriter writer)
    {
        writer.WriteStringValue("id", Id);
        writer.WriteStringValue("recipe_id", RecipeId);
        writer.WriteStringValue("run_status", RunStatus);
        writer.WriteIntValue("pages_extracted", PagesExtracted);
        writer.WriteIntValue("items_extracted", ItemsExtracted);
        writer.WriteIntValue("credits_used", CreditsUsed);
        writer.WriteDateTimeOffsetValue("created_at", CreatedAt);
        writer.WriteDateTimeOffsetValue("started_at", StartedAt);
        writer.WriteDateTimeOffsetValue("completed_at", CompletedAt);
        writer.WriteStringValue("error", Error);
        writer.WriteObjectValue("result", Result);
        writer.WriteAdditionalData(AdditionalData);
    }
}

public class KiotaRunResult : IAdditionalDataHolder, IParsable
{
    public List<KiotaRunPage>? Pages { get; set; }
    public string? Mode { get; set; }
    public double? Drift { get; set; }
    public List<string>? Warnings { get; set; }
    public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

    public static KiotaRunResult CreateFromDiscriminatorValue(IParseNode parseNode) => new();

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
    {
        { "pages", n => Pages = n.GetCollectionOfObjectValues(KiotaRunPage.CreateFromDiscriminatorValue)?.ToList() },
        { "mode", n => Mode = n.GetStringValue() },
        { "drift", n => Drift = n.GetDoubleValue() },
        { "warnings", n => Warnings = n.GetCollectionOfPrimitiveValues<string>()?.ToList() },
    };

    public void Serialize(ISerializationWriter writer)
    {
        writer.WriteCollectionOfObjectValues("pages", Pages);
        writer.WriteStringValue("mode", Mode);
        writer.WriteDoubleValue("drift", Drift);
        writer.WriteCollectionOfPrimitiveValues("warnings", Warnings);
        writer.WriteAdditionalData(AdditionalData);
    }
}

public class KiotaRunPage : IAdditionalDataHolder, IParsable
{
    public List<UntypedNode>? Items { get; set; }
    public IDictionary<string, object> AdditionalData { get; set; } = new Dictionary<string, object>();

    public static KiotaRunPage CreateFromDiscriminatorValue(IParseNode parseNode) => new();

    public IDictionary<string, Action<IParseNode>> GetFieldDeserializers() => new Dictionary<string, Action<IParseNode>>
    {
        { "items", n => Items = n.GetCollectionOfObjectValues(UntypedNode.CreateFromDiscriminatorValue)?.ToList() },
    };

    public void Serialize(ISerializationWriter writer)
    {
        writer.WriteCollectionOfObjectValues("items", Items);
        writer.WriteAdditionalData(AdditionalData);
    }
}
