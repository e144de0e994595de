using Audit.Api.Auth;
using Audit.Api.Features.Evidence;
using Audit.Api.Infrastructure;
using Audit.Api.Pages.CaseFiles;
using Audit.Api.Pages.Reports;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Evidence;

/// <summary>
/// The principal social worker uploads the participation app's monthly export (Mind of My Own, say): the same request
/// as <c>POST /api/evidence/import</c>, under the same permission. A file with faults is shown again with every fault
/// (line, column, problem) and nothing imported; a good one comes back to this page saying what it did. The page
/// takes files as large as the API does (see <see cref="PageSetup"/>).
/// </summary>
[Authorize(Policy = Permissions.PrincipalSocialWorker)]
public sealed class ImportEvidenceModel(ISender sender) : PageModel
{
    public const string FileField = "file";

    public IReadOnlyList<ImportFault> Faults { get; private set; } = [];

    public string? FileName { get; private set; }

    /// <summary>What the last good import did, shown once as a success banner.</summary>
    [TempData]
    public string? Imported { get; set; }

    public FileUploadModel Upload => new(
        FileField,
        "Upload a CSV file",
        Hint: $"The app's monthly export, one row for each child and month. Its first line names the columns: {string.Join(", ", ImportEvidenceHandler.Columns)}. A child's month already here is updated.",
        Error: ModelState.ErrorFor(FileField),
        Accept: ".csv,text/csv");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        ModelState.Remove(FileField);
        if (file is null)
        {
            ModelState.AddModelError(FileField, "Select a CSV file to import");
            return Page();
        }

        FileName = Path.GetFileName(file.FileName);
        if (file.Length == 0)
        {
            ModelState.AddModelError(FileField, "The selected file is empty. Nothing was imported");
            return Page();
        }

        try
        {
            await using var csv = file.OpenReadStream();
            var imported = await this.TrySendAsync(sender, new ImportEvidence(csv), ct);
            if (imported.Value is not { } result)
            {
                return Page();
            }

            Imported = ImportModel.Summary(result);
            return Redirect(ReportPaths.ImportEvidence);
        }
        catch (ImportRejectedException rejected)
        {
            Faults = rejected.Faults;
            var problems = Faults.Count == 1 ? "1 problem" : $"{Faults.Count} problems";
            ModelState.AddModelError(FileField, $"The file was not imported because it has {problems}. Correct the file and upload it again");
            return Page();
        }
    }
}
