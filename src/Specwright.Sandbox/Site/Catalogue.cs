using System.Globalization;

namespace Specwright.Sandbox.Site;

/// <summary>The fixture shop's products: Product A ($19.99), Product B ($29.99), … as in the docs' examples.</summary>
public static class Catalogue
{
    public static Product At(int index)
    {
        var letters = Letters(index);
        var price = 19.99m + 10m * (index % 20);
        return new Product(
            $"Product {letters}",
            "$" + price.ToString("0.00", CultureInfo.InvariantCulture),
            $"product-{letters.ToLowerInvariant()}",
            $"Product {letters} is item {index + 1} of the sandbox catalogue.");
    }

    public static IEnumerable<Product> Range(int start, int count) => Enumerable.Range(start, count).Select(At);

    public static int? IndexOfSlug(string slug)
    {
        if (!slug.StartsWith("product-", StringComparison.Ordinal)) return null;
        var letters = slug["product-".Length..].ToUpperInvariant();
        if (letters.Length == 0 || !letters.All(char.IsAsciiLetterUpper)) return null;
        var n = 0;
        foreach (var c in letters) n = n * 26 + (c - 'A' + 1);
        return n - 1;
    }

    // Spreadsheet-style column letters: 0 -> A, 25 -> Z, 26 -> AA.
    private static string Letters(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }
}
