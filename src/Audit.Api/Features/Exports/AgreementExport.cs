using Audit.Api.Features.Reports;
using Audit.Api.Pages.Audits;

namespace Audit.Api.Features.Exports;

/// <summary>One line of the agreement report, flat: which figure it is and the columns that figure fills (the rest empty).</summary>
internal sealed record AgreementRow(
    string Figure,
    string? Principle = null,
    string? Auditor = null,
    string? YoungAssessor = null,
    int? Pairs = null,
    decimal? ExactAgreement = null,
    decimal? WeightedKappa = null,
    string? Grader = null,
    string? Role = null,
    int? ModeratedGrades = null,
    decimal? MeanDifference = null,
    string? Leaning = null);

/// <summary>
/// The agreement report (<c>agreement</c>), from the same request as <c>GET /api/reports/agreement</c>: one row for the
/// overall figures, one per principle, one per auditor and young assessor pair (pairs, exact agreement, weighted
/// kappa), then one per grader set against the moderated grades (grades, mean difference in points, leaning).
/// </summary>
internal static class AgreementExport
{
    public const string OverallFigure = "Overall";
    public const string PrincipleFigure = "Principle";
    public const string PairFigure = "Auditor and young assessor";
    public const string GraderFigure = "Grader against moderated grades";

    public static readonly IReadOnlyList<ExportColumn<AgreementRow>> Columns =
    [
        new("Figure", r => r.Figure),
        new("Principle", r => r.Principle),
        new("Auditor", r => r.Auditor),
        new("Young assessor", r => r.YoungAssessor),
        new("Pairs graded by both", r => r.Pairs),
        new("Exact agreement (%)", r => r.ExactAgreement),
        new("Weighted kappa", r => r.WeightedKappa),
        new("Grader", r => r.Grader),
        new("Grader's role", r => r.Role),
        new("Moderated grades", r => r.ModeratedGrades),
        new("Average difference from the moderator (points)", r => r.MeanDifference),
        new("Consistently above or below", r => r.Leaning),
    ];

    public static IEnumerable<AgreementRow> Rows(AgreementReport report)
    {
        yield return new AgreementRow(OverallFigure, Pairs: report.Overall.Pairs, ExactAgreement: report.Overall.ExactAgreement, WeightedKappa: report.Overall.WeightedKappa);
        foreach (var criterion in report.Criteria)
        {
            yield return new AgreementRow(PrincipleFigure, Principle: criterion.Criterion, Pairs: criterion.Pairs, ExactAgreement: criterion.ExactAgreement, WeightedKappa: criterion.WeightedKappa);
        }

        foreach (var pair in report.Pairs)
        {
            yield return new AgreementRow(PairFigure, Auditor: pair.AuditorName, YoungAssessor: pair.YoungAssessorName, Pairs: pair.Pairs, ExactAgreement: pair.ExactAgreement, WeightedKappa: pair.WeightedKappa);
        }

        foreach (var grader in report.Graders)
        {
            yield return new AgreementRow(
                GraderFigure,
                Grader: grader.Name,
                Role: AuditWords.Of(grader.Role),
                ModeratedGrades: grader.Grades,
                MeanDifference: grader.MeanDifference,
                Leaning: grader.Leaning switch
                {
                    Leaning.Above => "Consistently above",
                    Leaning.Below => "Consistently below",
                    _ => "No",
                });
        }
    }

    public static string FileName(GetAgreement request) => ExportNames.Of("agreement", ExportNames.Period(request.From, request.To));
}
