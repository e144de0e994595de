using System.Globalization;
using Audit.Api.Features.Reports;

namespace Audit.Api.Pages.Reports;

/// <summary>Re-audits in words, for the agreement page and the dashboard: did the grade go up after a re-audit?</summary>
public static class ReauditWords
{
    public const string Caption = "After a re-audit: did the grade go up?";

    public static readonly IReadOnlyList<string> Headings = ["Principle", "Files re-audited", "Grade went up", "Share that went up"];

    public const string Explained =
        "When a team manager closed a follow-up action they could ask for the case file to be audited again. For each file re-audited in this period, this compares the re-audit's final grade on each principle with the final grade of the audit that asked for it.";

    public const string NoneYet = "No case file asked for a re-audit was re-audited in this period.";

    public static IReadOnlyList<string> Row(string principle, ReauditShare share) =>
    [
        principle,
        share.Files.ToString(CultureInfo.InvariantCulture),
        share.Improved.ToString(CultureInfo.InvariantCulture),
        share.Percent is { } percent ? percent.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "No files",
    ];
}
