namespace Specwright.Sandbox.Faults;

/// <summary>Holds armed faults and hands each API call the one it should suffer, if any.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<Armed> _armed = [];

    /// <summary>Arms a fault; rules are consumed in the order they were armed.</summary>
    public void Arm(FaultRule rule)
    {
        Validate(rule);
        lock (_gate) _armed.Add(new Armed(rule, rule.Count ?? 1));
    }

    public void Clear()
    {
        lock (_gate) _armed.Clear();
    }

    public IReadOnlyList<FaultRule> Pending()
    {
        lock (_gate) return _armed.Select(a => a.Rule with { Count = a.Remaining }).ToList();
    }

    /// <summary>Takes one use of the first fault matching the service (<c>webscrape</c>, <c>scrapellm</c>, …) and operation.</summary>
    public FaultRule? Take(string service, string operationId)
    {
        lock (_gate)
        {
            var hit = _armed.FirstOrDefault(a => (a.Rule.Service is null || a.Rule.Service == service)
                                                 && (a.Rule.Operation is null || a.Rule.Operation == operationId));
            if (hit is null) return null;
            if (--hit.Remaining == 0) _armed.Remove(hit);
            return hit.Rule;
        }
    }

    private static void Validate(FaultRule rule)
    {
        if (!FaultRule.Kinds.Contains(rule.Kind))
            throw new ArgumentException($"kind must be one of: {string.Join(", ", FaultRule.Kinds)} (got '{rule.Kind}')");
        if (rule.Count is < 1) throw new ArgumentException($"count must be at least 1 (got {rule.Count})");
        if (rule.Kind == "status" && rule.Status is not (408 or 429 or 500 or 502 or 503 or 504))
            throw new ArgumentException($"a status fault needs status 408, 429, 500, 502, 503 or 504 (got {rule.Status?.ToString() ?? "none"})");
        if (rule.Kind == "error" && string.IsNullOrEmpty(rule.Code))
            throw new ArgumentException("an error fault needs a code (a documented error code of the service's spec)");
        if (rule.Service is not null && !FaultRule.Services.Contains(rule.Service))
            throw new ArgumentException($"service must be one of: {string.Join(", ", FaultRule.Services)} (got '{rule.Service}')");
        if (rule.Kind == "delay" && rule.DelayMs is not > 0)
            throw new ArgumentException("a delay fault needs delay_ms > 0");
    }

    private sealed class Armed(FaultRule rule, int remaining)
    {
        public FaultRule Rule { get; } = rule;
        public int Remaining { get; set; } = remaining;
    }
}
