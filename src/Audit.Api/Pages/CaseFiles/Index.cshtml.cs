using Audit.Api.Features.CaseFiles;
using Audit.Api.Features.Teams;
using Audit.Api.Infrastructure;
using Audit.Api.Pages.Audits;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Audit.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.CaseFiles;

/// <summary>
/// The case files, 50 a page by reference, filtered by team, service area, stage and a part of the reference: the
/// same request as <c>GET /api/case-files</c>. The filters are a GET form, so a filtered page can be bookmarked and
/// each page link keeps them.
/// </summary>
[ServiceNavigationLink("Case files", CaseFilePaths.List, Order = 30, Roles = [Role.PrincipalSocialWorker])]
public sealed class CaseFilesModel(ISender sender, ICurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "teamId")]
    public Guid? TeamId { get; set; }

    [BindProperty(SupportsGet = true, Name = "serviceArea")]
    public ServiceArea? ServiceArea { get; set; }

    [BindProperty(SupportsGet = true, Name = "stage")]
    public Stage? Stage { get; set; }

    [BindProperty(SupportsGet = true, Name = "reference")]
    public string? Reference { get; set; }

    /// <summary>What the import page says it did, shown once as a success banner.</summary>
    [TempData]
    public string? Imported { get; set; }

    public IReadOnlyList<TeamDto> Teams { get; private set; } = [];

    public IReadOnlyList<CaseFileDto> CaseFiles { get; private set; } = [];

    public PaginationModel? Pagination { get; private set; }

    public bool MayImport => user.IsIn(Role.PrincipalSocialWorker);

    public bool Filtered => TeamId is not null || ServiceArea is not null || Stage is not null || !string.IsNullOrWhiteSpace(Reference);

    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        Teams = (await sender.Send(new ListTeams(), ct)).Items;
        ModelState.Remove("page");
        Explain("teamId", "Select a team from the list");
        Explain("serviceArea", "Select a service area from the list");
        Explain("stage", "Select a stage from the list");
        if (!ModelState.IsValid)
        {
            return;
        }

        var failed = false;
        var (list, pagination) = await PaginationModel.ReadAsync(
            pageNumber,
            async (skip, take) =>
            {
                var sent = await this.TrySendAsync(sender, new ListCaseFiles(TeamId, ServiceArea, Stage, Reference, skip, take), ct, FieldName);
                failed |= !sent.Succeeded;
                return sent.Value ?? new Paged<CaseFileDto>([], 0);
            },
            PageHref);
        if (!failed)
        {
            (CaseFiles, Pagination) = (list.Items, pagination);
        }
    }

    /// <summary>A page of the list with the filters as they are.</summary>
    public string PageHref(int page)
    {
        var pairs = new KeyValuePair<string, string?>[]
        {
            new("teamId", TeamId?.ToString()),
            new("serviceArea", ServiceArea?.ToString()),
            new("stage", Stage?.ToString()),
            new("reference", Reference?.Trim()),
            new("page", page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        return CaseFilePaths.List + QueryString.Create(pairs.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
    }

    public SelectModel TeamSelect => new(
        "teamId",
        "Team",
        [new("", "All teams"), .. Teams.Select(t => new SelectItem(t.Id.ToString(), $"{t.Name} ({AuditWords.Of(t.ServiceArea)})"))],
        TeamId?.ToString(),
        Error: ModelState.ErrorFor("teamId"));

    public SelectModel ServiceAreaSelect => new(
        "serviceArea",
        "Service area",
        [new("", "All service areas"), .. Enum.GetValues<ServiceArea>().Select(a => new SelectItem(a.ToString(), AuditWords.Of(a)))],
        ServiceArea?.ToString(),
        Error: ModelState.ErrorFor("serviceArea"));

    public SelectModel StageSelect => new(
        "stage",
        "Stage",
        [new("", "All stages"), .. Enum.GetValues<Stage>().Select(s => new SelectItem(s.ToString(), AuditWords.Of(s)))],
        Stage?.ToString(),
        Error: ModelState.ErrorFor("stage"));

    public InputModel ReferenceInput => new(
        "reference",
        "Reference",
        Reference,
        Hint: "All or part of it, for example CF-1000",
        Error: ModelState.ErrorFor("reference"),
        Width: "govuk-input--width-10",
        Spellcheck: false);

    private static string FieldName(string property) => property switch
    {
        nameof(ListCaseFiles.TeamId) => "teamId",
        nameof(ListCaseFiles.ServiceArea) => "serviceArea",
        nameof(ListCaseFiles.Stage) => "stage",
        nameof(ListCaseFiles.Reference) => "reference",
        _ => "",
    };

    /// <summary>A filter value that is not one of the choices (a link typed by hand) says so the GOV.UK way.</summary>
    private void Explain(string field, string message)
    {
        if (ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0)
        {
            entry.Errors.Clear();
            entry.Errors.Add(message);
        }
    }
}

public static class CaseFilePaths
{
    public const string List = "/case-files";
    public const string Import = "/case-files/import";
}
