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
}
