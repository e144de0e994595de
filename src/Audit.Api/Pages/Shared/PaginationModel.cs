using Audit.Api.Infrastructure;

namespace Audit.Api.Pages;

/// <summary>
/// Where a paged list stands: page <paramref name="Page"/> (from 1) of <paramref name="Total"/> items,
/// <paramref name="PageSize"/> a page. <paramref name="HrefFor"/> gives a page's link, keeping the list's filters.
/// </summary>
public sealed record PaginationModel(int Page, int PageSize, int Total, Func<int, string> HrefFor)
{
    public const int DefaultPageSize = 50;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public int Skip => (Math.Clamp(Page, 1, PageCount) - 1) * PageSize;

    public int First => Total == 0 ? 0 : Skip + 1;

    public int Last => Math.Min(Skip + PageSize, Total);

    /// <summary>The page numbers to link, with null for a gap ("⋯"): the first, the last, and those beside the current.</summary>
    public IReadOnlyList<int?> Numbers()
    {
        var numbers = new List<int?>();
        for (var n = 1; n <= PageCount; n++)
        {
            if (n == 1 || n == PageCount || Math.Abs(n - Page) <= 1)
            {
                numbers.Add(n);
            }
            else if (numbers[^1] is not null)
            {
                numbers.Add(null);
            }
        }

        return numbers;
    }

    /// <summary>A page number read from the query string: 1 when missing or not a number.</summary>
    public static int PageFrom(int? page) => page is > 0 ? page.Value : 1;

    /// <summary>
    /// Reads page <paramref name="page"/> of a list through <paramref name="fetch"/> (skip, take), and where it stands;
    /// a page past the end reads the last page instead.
    /// </summary>
    public static async Task<(Paged<T> List, PaginationModel Pagination)> ReadAsync<T>(
        int? page, Func<int, int, Task<Paged<T>>> fetch, Func<int, string> hrefFor, int pageSize = DefaultPageSize)
    {
        var number = Math.Min(PageFrom(page), int.MaxValue / pageSize);
        var list = await fetch((number - 1) * pageSize, pageSize);
        var pagination = new PaginationModel(number, pageSize, list.Total, hrefFor);
        if (number > pagination.PageCount)
        {
            pagination = pagination with { Page = pagination.PageCount };
            list = await fetch(pagination.Skip, pageSize);
        }

        return (list, pagination);
    }
}
