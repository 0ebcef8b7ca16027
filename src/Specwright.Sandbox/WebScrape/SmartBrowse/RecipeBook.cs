using System.Collections.Concurrent;

namespace Specwright.Sandbox.WebScrape.SmartBrowse;

/// <summary>The recipes every sandbox starts with, and any added through the control API. Recipes are shared by all keys.</summary>
public sealed class RecipeBook
{
    /// <summary>The docs' example recipe: 3 pages of 29 items (87), drift 0.02.</summary>
    public const string Catalogue = "m3Yc2tFvN8q";
    /// <summary>Pagination stalls after page 4 of 5: completes with drift 0.31 and a warning.</summary>
    public const string Drifted = "Dr1ftW4rn5x";
    /// <summary>Fails on its first page: "target page did not load within timeout".</summary>
    public const string Failing = "F4iLs0nLdQ2";
    /// <summary>20 pages of one minute each: hits the 15-minute hard timeout and fails.</summary>
    public const string TooSlow = "S1owTa5kR9z";

    private readonly ConcurrentDictionary<string, Recipe> _recipes = new(StringComparer.Ordinal);

    public RecipeBook()
    {
        Put(new Recipe { Id = Catalogue, Name = "Sandbox shop catalogue", Pages = 3, ItemsPerPage = 29, Drift = 0.02 });
        Put(new Recipe { Id = Drifted, Name = "Catalogue after a redesign", Pages = 5, ItemsPerPage = 10, StallAfterPages = 4, Drift = 0.31 });
        Put(new Recipe { Id = Failing, Name = "Login-walled report", Pages = 1, FailAfterPages = 0 });
        Put(new Recipe { Id = TooSlow, Name = "Very long crawl", Pages = 20, ItemsPerPage = 5, PageDuration = TimeSpan.FromMinutes(1) });
    }

    public Recipe? Find(string id) => _recipes.TryGetValue(id, out var r) ? r : null;

    public IReadOnlyList<Recipe> All() => _recipes.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();

    public void Put(Recipe recipe) => _recipes[recipe.Id] = recipe;
}
