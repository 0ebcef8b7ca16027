using Specwright.Sandbox.Hosting;
using Specwright.WebScrape;

namespace Specwright.Sandbox.WebScrape;

/// <summary>Dispatch, poll and usage of SmartBrowse runs. Polling and usage are free.</summary>
internal sealed class SmartBrowseHandlers(SandboxState state)
{
    public Task<Reply> DispatchAsync(ApiCall call)
    {
        call.RequireSpendingAllowed();
        var recipe = state.Recipes.Find(call.Route("id")) ?? throw WebScrapeError.NotFound("recipe not found");
        var run = state.Runs.Dispatch(recipe, call.Account);
        var seen = state.Runs.Observe(run);
        return Task.FromResult(Envelopes.Dispatched(call.RequestId, new SmartBrowseDispatch
        {
            RunId = run.Id,
            RecipeId = recipe.Id,
            RunStatus = seen.RunStatus,
            PollUrl = $"/v1/smartbrowse/runs/{run.Id}",
            CreatedAt = run.CreatedAt,
        }));
    }

    public Task<Reply> GetRunAsync(ApiCall call)
    {
        var run = state.Runs.Find(call.Route("id"), call.Account) ?? throw WebScrapeError.NotFound("run not found");
        var seen = state.Runs.Observe(run);
        return Task.FromResult(Envelopes.Run(call.RequestId, seen, call.Account.Balance));
    }

    public Task<Reply> UsageAsync(ApiCall call) =>
        Task.FromResult(Envelopes.Usage(call.RequestId, state.Runs.Usage(call.Account), call.Account.Balance));
}
