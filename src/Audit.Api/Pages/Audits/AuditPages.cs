using System.Text.RegularExpressions;
using Audit.Api.Auth;
using Audit.Api.Features.Audits;
using Audit.Api.Infrastructure;
using Audit.Domain.Grading;
using Audit.Workflows.Catalogue;
using Mediator;

namespace Audit.Api.Pages.Audits;

/// <summary>The audit pages' paths, in one place, so that links and redirects agree.</summary>
public static class AuditPaths
{
    public const string List = "/audits";

    public static string Review(Guid id) => $"/audits/{id}";

    public static string Question(Guid id, int number, bool returnToCheck = false) =>
        $"/audits/{id}/grade/{number}{(returnToCheck ? "?returnTo=check" : "")}";

    public static string Overall(Guid id, bool returnToCheck = false) => $"/audits/{id}/grade/overall{(returnToCheck ? "?returnTo=check" : "")}";

    public static string Check(Guid id) => $"/audits/{id}/grade/check";

    public static string Done(Guid id) => $"/audits/{id}/grade/done";

    public static string Concern(Guid id) => $"/audits/{id}/concern";

    public static string ConcernSent(Guid id) => $"/audits/{id}/concern/sent";

    public static string Extract(Guid id) => $"/audits/{id}/extract";

    public static string ExtractPreview(Guid id) => $"/audits/{id}/extract/preview";
}

/// <summary>The link to the safeguarding concern page, worded for the reader.</summary>
public sealed record ConcernLinkModel(Guid AuditId, bool PlainWords)
{
    public string Text => PlainWords ? "I am worried about this child's safety" : "Raise a safeguarding concern";
}

/// <summary>
/// What the grading pages share: the caller's draft and the audit as the caller may see it, loaded through the same
/// requests as the API. The draft is asked for first, so a person who may see the audit but does not grade it is
/// refused (403) and one who may not see it finds nothing (404).
/// </summary>
public sealed record GradingContext(AuditView Audit, GradingDraftView Draft, bool PlainWords, string Me)
{
    public static async Task<GradingContext> LoadAsync(ISender sender, ICurrentUser user, Guid auditId, CancellationToken ct)
    {
        var draft = await sender.Send(new GetGradingDraft(auditId), ct);
        var audit = await sender.Send(new GetAudit(auditId), ct);
        return new GradingContext(audit, draft, Permissions.SeesMinimised(user), user.UserName ?? "");
    }

    /// <summary>Whether the caller may still submit their grading: the view says so.</summary>
    public bool MayGrade => Audit.PermittedTriggers.Contains(Triggers.SubmitGrading);

    /// <summary>The caller's own submitted grading in the role they draft in, if it is in.</summary>
    public GradingView? Submitted => Audit.Gradings.FirstOrDefault(g => g.Grader == Me && g.Role == Draft.Role);

    public int Count => Audit.Criteria.Count;

    public DraftGradeView? DraftFor(Guid criterionId) => Draft.Grades.FirstOrDefault(g => g.CriterionId == criterionId);

    /// <summary>The draft as it stands with one criterion's answer replaced.</summary>
    public IReadOnlyList<DraftGradeInput> DraftWith(Guid criterionId, Grade? grade, string? evidence) =>
        [.. Audit.Criteria.Select(c => c.Id == criterionId
                ? new DraftGradeInput(c.Id, grade, evidence)
                : DraftFor(c.Id) is { } kept ? new DraftGradeInput(c.Id, kept.Grade, kept.Evidence) : null)
            .OfType<DraftGradeInput>()];

    public IReadOnlyList<DraftGradeInput> DraftAsItIs() =>
        [.. Draft.Grades.Select(g => new DraftGradeInput(g.CriterionId, g.Grade, g.Evidence))];
}

public static partial class GradeField
{
    /// <summary>A grade as a form posts it (its name), or null when none or not a grade.</summary>
    public static Grade? Parse(string? value) =>
        Enum.TryParse<Grade>(value, ignoreCase: false, out var grade) && Enum.IsDefined(grade) && !value!.Any(char.IsAsciiDigit) ? grade : null;

    /// <summary>The question number (from 1) a request path like <c>Grades[2].Evidence</c> is about, and which part.</summary>
    public static (int Number, string Part)? QuestionOf(string path) =>
        GradePath().Match(path) is { Success: true } match
            ? (int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) + 1, match.Groups["part"].Value.ToLowerInvariant())
            : null;

    [GeneratedRegex(@"^grades\[(?<index>\d+)\](?:\.(?<part>\w+))?", RegexOptions.IgnoreCase)]
    private static partial Regex GradePath();
}
