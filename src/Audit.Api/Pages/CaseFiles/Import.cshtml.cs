using Audit.Api.Auth;
using Audit.Api.Features.CaseFiles;
using Audit.Api.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.CaseFiles;

/// <summary>
/// The principal social worker uploads the case-management system's CSV export: the same request as
/// <c>POST /api/case-files/import</c>, under the same permission. A file with faults is shown again with every fault
/// (line, column, problem) and nothing imported; a good one goes back to the list saying what it did. The page takes
/// files as large as the API does (see <see cref="PageSetup"/>).
/// </summary>
[Authorize(Policy = Permissions.PrincipalSocialWorker)]
public sealed class ImportModel(ISender sender) : PageModel
{
    public const string FileField = "file";

    public IReadOnlyList<ImportFault> Faults { get; private set; } = [];

    public string? FileName { get; private set; }

    public FileUploadModel Upload => new(
        FileField,
        "Upload a CSV file",
        Hint: $"The case-management system's export. Its first line names the columns: {string.Join(", ", ImportCaseFilesHandler.Columns)}. A case file already here is updated by its reference.",
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
            var imported = await this.TrySendAsync(sender, new ImportCaseFiles(csv), ct);
            if (imported.Value is not { } result)
            {
                return Page();
            }

            TempData[nameof(CaseFilesModel.Imported)] = Summary(result);
            return Redirect(CaseFilePaths.List);
        }
        catch (ImportRejectedException rejected)
        {
            Faults = rejected.Faults;
            var problems = Faults.Count == 1 ? "1 problem" : $"{Faults.Count} problems";
            ModelState.AddModelError(FileField, $"The file was not imported because it has {problems}. Correct the file and upload it again");
            return Page();
        }
    }

    /// <summary>"42 rows imported: 2 added, 1 updated, 39 unchanged".</summary>
    public static string Summary(ImportResult result) =>
        $"{(result.Rows == 1 ? "1 row" : $"{result.Rows} rows")} imported: {result.Added} added, {result.Updated} updated, {result.Unchanged} unchanged";
}
