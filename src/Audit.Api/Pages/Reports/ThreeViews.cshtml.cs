using Audit.Api.Auth;
using Audit.Api.Features.Reports;
using Audit.Api.Features.Templates;
using Audit.Api.Infrastructure;
using Audit.Domain.Teams;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Reports;

/// <summary>
/// Three views of each principle: the child's own voice from the participation app beside the auditor's and the
/// young assessor's grades, by month and service area. The same request as <c>GET /api/reports/three-views</c>; the
/// filters are a GET form, so a view can be bookmarked. A service manager sees their own service alone.
/// </summary>
[ServiceNavigationLink("Three views", ReportPaths.ThreeViews, Order = 70, Roles = [Role.PrincipalSocialWorker, Role.ServiceManager])]
public sealed class ThreeViewsModel(ISender sender, ICurrentUser user, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "templateId")]
    public Guid? TemplateId { get; set; }

    [BindProperty(SupportsGet = true, Name = ReportFilters.FromField)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = ReportFilters.ToField)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = ReportFilters.ServiceAreaField)]
    public ServiceArea? ServiceArea { get; set; }

    public IReadOnlyList<TemplateDto> Templates { get; private set; } = [];

    public ThreeViewsDto? Report { get; private set; }

    public ReportFilters Filters { get; private set; } = null!;

    public bool MayImport => user.IsIn(Role.PrincipalSocialWorker);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filters = new ReportFilters(From, To, clock);
        Templates = (await sender.Send(new ListTemplates(), ct)).Items;
        if (ModelState.TryGetValue(ReportFilters.ServiceAreaField, out var area) && area.Errors.Count > 0)
        {
            area.Errors.Clear();
            area.Errors.Add("Select a service area from the list");
        }

        if (ModelState.TryGetValue("templateId", out var template) && template.Errors.Count > 0)
        {
            template.Errors.Clear();
            template.Errors.Add("Select a template from the list");
        }

        TemplateId ??= Templates.Count > 0 ? Templates[0].Id : null;
        if (!Filters.Check(ModelState) || !ModelState.IsValid || TemplateId is null)
        {
            return;
        }

        var sent = await this.TrySendAsync(sender, new GetThreeViews(TemplateId, Filters.FromDate, Filters.ToDate, ServiceArea), ct, ReportFilters.FieldName);
        Report = sent.Value;
    }

    public SelectModel TemplateSelect => new(
        "templateId",
        "Template",
        Templates.Select(t => new SelectItem(t.Id.ToString(), t.Name)).ToList(),
        TemplateId?.ToString(),
        Error: ModelState.ErrorFor("templateId"));

    /// <summary>"3 of 5 (60%)", or "None" when there is nothing to count.</summary>
    public static string ShareText(int part, int total, decimal? percent) =>
        total == 0 ? "None" : $"{part} of {total} ({percent?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}%)";

    public static string ShareText(GraderShare share) =>
        share.Total == 0 ? "No grades" : ShareText(share.GoodOrBetter, share.Total, share.Percent);
}
