using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Infrastructure;

/// <summary>One page of a list and how many items the whole list holds, so a page can say "1 to 25 of 340".</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total);

public static class PagedExtensions
{
    /// <summary>The header every list endpoint answers its total in; the body stays the plain array of the page's items.</summary>
    public const string TotalCountHeader = "X-Total-Count";

    /// <summary>A list that is never paged: all of it, its count the total.</summary>
    public static Paged<T> AllOf<T>(IReadOnlyList<T> items) => new(items, items.Count);

    /// <summary>Writes the total into <see cref="TotalCountHeader"/> and answers the page's items.</summary>
    public static IReadOnlyList<T> WithTotal<T>(this HttpResponse response, Paged<T> page)
    {
        response.Headers[TotalCountHeader] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return page.Items;
    }

    /// <summary>Counts the filtered query, then reads the one page of it: two statements, never the whole list.</summary>
    public static async Task<(int Total, List<T> Items)> PageAsync<T>(this IQueryable<T> ordered, int skip, int take, CancellationToken ct) =>
        (await ordered.CountAsync(ct), await ordered.Skip(skip).Take(take).ToListAsync(ct));
}
