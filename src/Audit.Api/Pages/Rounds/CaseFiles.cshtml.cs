using Audit.Api.Features.CaseFiles;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Audit.Api.Pages.Rounds;

/// <summary>
/// Hand-picking case files: search by reference within the round's scope and tick them. Those picked so far stay
/// listed, ticked, whatever the search, so that a search never drops them.
/// </summary>
public sealed class CaseFilesModel(ISender sender) : RoundStepModel(sender)
{
    public const int MaxResults = 50;

    /// <summary>The case files ticked among the search results.</summary>
    [BindProperty]
    public List<Guid> CaseFileIds { get; set; } = [];

    /// <summary>The case files picked before, still ticked unless unticked.</summary>
    [BindProperty]
    public List<Guid> Picked { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    /// <summary>Set by the "Search" button: keep the ticks and search again, without going on.</summary>
    [BindProperty]
    public bool Searching { get; set; }

    public IReadOnlyList<CaseFileDto> PickedFiles { get; private set; } = [];

    public IReadOnlyList<CaseFileDto> Found { get; private set; } = [];

    public int FoundTotal { get; private set; }

    protected override RoundStep ThisStep => RoundStep.CaseFiles;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Answers.CaseFileIds = [.. Picked.Concat(CaseFileIds).Distinct()];
        if (Searching)
        {
            Save();
            var query = new Dictionary<string, string?> { ["search"] = Search, ["change"] = Change ? "true" : null };
            return Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(RoundPaths.Of(RoundStep.CaseFiles), query.Where(q => q.Value is not null)));
        }

        if (await SaveAndGoOnAsync(ct) is { } next)
        {
            return next;
        }

        if (Answers.CaseFileIds.Count == 0 && ModelState.ErrorFor(RoundFields.CaseFileIds) is not null)
        {
            ModelState.Remove(RoundFields.CaseFileIds);
            ModelState.AddModelError(RoundFields.CaseFileIds, "Select at least one case file.");
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>
    /// The case files in the round's scope (one team or one service area narrows the request), those picked first,
    /// then those whose reference holds the search.
    /// </summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = await Sender.Send(
            new ListCaseFiles(
                TeamId: Answers.Teams.Count == 1 ? Answers.Teams[0] : null,
                ServiceArea: Answers.ServiceAreas.Count == 1 ? Answers.ServiceAreas[0] : null,
                Take: ListCaseFiles.MaxTake),
            ct);
        var inScope = scope.Items
            .Where(c => (Answers.Teams.Count == 0 || Answers.Teams.Contains(c.TeamId)) && (Answers.ServiceAreas.Count == 0 || Answers.ServiceAreas.Contains(c.ServiceArea)))
            .ToList();
        var picked = Answers.CaseFileIds.ToHashSet();
        PickedFiles = [.. inScope.Where(c => picked.Contains(c.Id))];
        if (string.IsNullOrWhiteSpace(Search))
        {
            Found = [];
            return;
        }

        var matches = inScope.Where(c => !picked.Contains(c.Id) && c.Reference!.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        FoundTotal = matches.Count;
        Found = [.. matches.Take(MaxResults)];
    }
}
