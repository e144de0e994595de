using Audit.Api.Features.Reports;
using Audit.Api.Infrastructure;
using Audit.Domain.Teams;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Reports;

/// <summary>
/// "You said, we did": what changed for children after their case files were audited, by principle and service area,
/// written so that a board or young people can read it. The same request as <c>GET /api/reports/you-said-we-did</c>,
/// which leaves out everything that identifies a child or a worker; 50 a page.
/// </summary>
[ServiceNavigationLink("You said, we did", ReportPaths.YouSaidWeDid, Order = 75, Roles = [Role.PrincipalSocialWorker, Role.ServiceManager, Role.TeamManager])]
public sealed class YouSaidWeDidModel(ISender sender, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = ReportFilters.FromField)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = ReportFilters.ToField)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = ReportFilters.ServiceAreaField)]
    public ServiceArea? ServiceArea { get; set; }

    public ReportFilters Filters { get; private set; } = null!;

    public IReadOnlyList<YouSaidWeDidItem> Items { get; private set; } = [];

    public PaginationModel? Pagination { get; private set; }

    /// <summary>The items by principle, then by service area, in the order the report gives them.</summary>
    public IEnumerable<IGrouping<string, IGrouping<ServiceArea, YouSaidWeDidItem>>> Groups =>
        Items.GroupBy(i => i.Principle).Select(p => (IGrouping<string, IGrouping<ServiceArea, YouSaidWeDidItem>>)new Grouping(p.Key, p.GroupBy(i => i.ServiceArea).ToList()));

    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        Filters = new ReportFilters(From, To, clock);
        ModelState.Remove("page");
        if (ModelState.TryGetValue(ReportFilters.ServiceAreaField, out var area) && area.Errors.Count > 0)
        {
            area.Errors.Clear();
            area.Errors.Add("Select a service area from the list");
        }

        if (!Filters.Check(ModelState) || !ModelState.IsValid)
        {
            return;
        }

        var failed = false;
        var (list, pagination) = await PaginationModel.ReadAsync(
            pageNumber,
            async (skip, take) =>
            {
                var sent = await this.TrySendAsync(sender, new GetYouSaidWeDid(Filters.FromDate, Filters.ToDate, ServiceArea, skip, take), ct, ReportFilters.FieldName);
                failed |= !sent.Succeeded;
                return sent.Value ?? new Paged<YouSaidWeDidItem>([], 0);
            },
            PageHref);
        if (!failed)
        {
            (Items, Pagination) = (list.Items, pagination);
        }
    }

    public string PageHref(int page)
    {
        var pairs = Filters.Query()
            .Append(new(ReportFilters.ServiceAreaField, ServiceArea?.ToString()))
            .Append(new("page", page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return ReportPaths.YouSaidWeDid + QueryString.Create(pairs.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
    }

    private sealed class Grouping(string key, IReadOnlyList<IGrouping<ServiceArea, YouSaidWeDidItem>> areas) : IGrouping<string, IGrouping<ServiceArea, YouSaidWeDidItem>>
    {
        public string Key => key;

        public IEnumerator<IGrouping<ServiceArea, YouSaidWeDidItem>> GetEnumerator() => areas.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
