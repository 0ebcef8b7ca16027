using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.ScrapeLlm;
using Specwright.ScrapeLlm;
using Ops = Specwright.ScrapeLlm.ScrapeLlmSpec.Operations;

namespace Specwright.Sandbox.Simulations;

/// <summary>ScrapeLLM in the sandbox: its dialect and its simulation, plugged into the generated module.</summary>
internal static partial class ScrapeLlmModule
{
    static partial void CreateSimulation(SandboxState state, ref IScrapeLlmSimulation? simulation) => simulation = new ScrapeLlmSimulation(state);

    static partial void CreateDialect(SandboxState state, ref ServiceDialect? dialect) => dialect = new ScrapeLlmDialect(state);
}

/// <summary>Every ScrapeLLM operation: a synchronous answer and a job per scraper, and the job poll.</summary>
internal sealed class ScrapeLlmSimulation(SandboxState state) : IScrapeLlmSimulation
{
    private readonly ScrapeLlmHandlers _h = state.ScrapeLlmHandlers;

    private Task<Reply> Ask(OperationCall c, ScraperId scraper, Specwright.Core.Http.OperationInfo op, IReadOnlyList<string> unsupported) =>
        _h.AskAsync(c.Http, c.Account<Sandbox.Accounts.Account>(), scraper, unsupported, op.CreditCost ?? 0);

    private Task<Reply> Submit(OperationCall c, ScraperId scraper, Specwright.Core.Http.OperationInfo op, IReadOnlyList<string> unsupported) =>
        _h.SubmitAsync(c.Http, c.Account<Sandbox.Accounts.Account>(), scraper, unsupported, op.CreditCost ?? 0);

    public Task<Reply> ScrapeChatgptAsync(OperationCall c) => Ask(c, ScraperId.Chatgpt, Ops.ScrapeChatgpt.Info, Ops.ScrapeChatgpt.UnsupportedCountries);
    public Task<Reply> SubmitChatgptJobAsync(OperationCall c) => Submit(c, ScraperId.Chatgpt, Ops.SubmitChatgptJob.Info, Ops.ScrapeChatgpt.UnsupportedCountries);
    public Task<Reply> ScrapePerplexityAsync(OperationCall c) => Ask(c, ScraperId.Perplexity, Ops.ScrapePerplexity.Info, Ops.ScrapePerplexity.UnsupportedCountries);
    public Task<Reply> SubmitPerplexityJobAsync(OperationCall c) => Submit(c, ScraperId.Perplexity, Ops.SubmitPerplexityJob.Info, Ops.ScrapePerplexity.UnsupportedCountries);
    public Task<Reply> ScrapeGeminiAsync(OperationCall c) => Ask(c, ScraperId.Gemini, Ops.ScrapeGemini.Info, Ops.ScrapeGemini.UnsupportedCountries);
    public Task<Reply> SubmitGeminiJobAsync(OperationCall c) => Submit(c, ScraperId.Gemini, Ops.SubmitGeminiJob.Info, Ops.ScrapeGemini.UnsupportedCountries);
    public Task<Reply> ScrapeGrokAsync(OperationCall c) => Ask(c, ScraperId.Grok, Ops.ScrapeGrok.Info, Ops.ScrapeGrok.UnsupportedCountries);
    public Task<Reply> SubmitGrokJobAsync(OperationCall c) => Submit(c, ScraperId.Grok, Ops.SubmitGrokJob.Info, Ops.ScrapeGrok.UnsupportedCountries);
    public Task<Reply> ScrapeCopilotAsync(OperationCall c) => Ask(c, ScraperId.Copilot, Ops.ScrapeCopilot.Info, Ops.ScrapeCopilot.UnsupportedCountries);
    public Task<Reply> SubmitCopilotJobAsync(OperationCall c) => Submit(c, ScraperId.Copilot, Ops.SubmitCopilotJob.Info, Ops.ScrapeCopilot.UnsupportedCountries);
    public Task<Reply> ScrapeGoogleAiModeAsync(OperationCall c) => Ask(c, ScraperId.GoogleAiMode, Ops.ScrapeGoogleAiMode.Info, Ops.ScrapeGoogleAiMode.UnsupportedCountries);
    public Task<Reply> SubmitGoogleAiModeJobAsync(OperationCall c) => Submit(c, ScraperId.GoogleAiMode, Ops.SubmitGoogleAiModeJob.Info, Ops.ScrapeGoogleAiMode.UnsupportedCountries);
    public Task<Reply> ScrapeAmazonRufusAsync(OperationCall c) => Ask(c, ScraperId.AmazonRufus, Ops.ScrapeAmazonRufus.Info, Ops.ScrapeAmazonRufus.UnsupportedCountries);
    public Task<Reply> SubmitAmazonRufusJobAsync(OperationCall c) => Submit(c, ScraperId.AmazonRufus, Ops.SubmitAmazonRufusJob.Info, Ops.ScrapeAmazonRufus.UnsupportedCountries);
    public Task<Reply> GetJobAsync(OperationCall c) => _h.GetJobAsync(c.Route("job_id"));
}
