using Microsoft.AspNetCore.Http;
using Specwright.Sandbox.Accounts;

namespace Specwright.Sandbox.WebScrape;

/// <summary>An authenticated, admitted call to a webscrape.ai operation.</summary>
internal sealed record ApiCall(HttpContext Http, string RequestId, Account Account, string OperationId, IReadOnlyDictionary<string, string> RouteValues)
{
    /// <summary>The JSON body, checked against the operation's schema by the host.</summary>
    public System.Text.Json.Nodes.JsonObject Body { get; init; } = [];

    public static ApiCall From(Hosting.OperationCall call) =>
        new(call.Http, call.RequestId, call.Account<Account>(), call.OperationId, call.RouteValues)
        {
            Body = call.Body as System.Text.Json.Nodes.JsonObject ?? [],
        };

    public CancellationToken Aborted => Http.RequestAborted;

    public string Route(string name) => RouteValues[name];

    /// <summary>Refuses a call that would spend credits when the account may not spend.</summary>
    public void RequireSpendingAllowed()
    {
        // Only where the spec documents 403 (scrape, smartscraper); a read-only key may still dispatch.
        if (Account.ReadOnly && Spec.SpecDocuments.DocumentedStatuses(Spec.SpecDocuments.WebScrape, OperationId).Contains(403)) throw new WebScrapeError("forbidden", "this key may not perform this action");
        if (!Account.EmailVerified) throw new WebScrapeError("email_verification_required", "verify your email address before spending credits");
        if (Account.DeletionScheduledFor is { } when)
            throw new WebScrapeError("account_deletion_pending", "account deletion is pending; cancel it to spend credits",
                WebScrapeError.DetailsOf(new Specwright.WebScrape.AccountDeletionPendingDetails { DeletionScheduledFor = when },
                    Specwright.WebScrape.WebScrapeJsonContext.Default.AccountDeletionPendingDetails));
    }
}
