using Audit.Api.Auth;
using Audit.Api.Features.Audits;
using Audit.Api.Infrastructure;
using Audit.Domain.Grading;
using Audit.Workflows.Catalogue;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Audit.Api.Pages.Audits;

/// <summary>
/// One audit as the caller may see it: the minimised view for a young assessor, the whole audit for staff. Grading
/// starts here when the view permits it; the way to raise a concern is always here.
/// </summary>
public sealed class ReviewModel(ISender sender, ICurrentUser user) : PageModel
{
    public AuditView Audit { get; private set; } = null!;

    public bool PlainWords { get; private set; }

    public bool MayGrade { get; private set; }

    public bool HasDraft { get; private set; }

    public bool MayEditExtract { get; private set; }

    public GradingView? MyGrading { get; private set; }

    public string Heading => PlainWords
        ? $"Review: {AuditWords.Of(Audit.CaseFile.ServiceArea)}"
        : $"Audit of {Audit.CaseFile.Reference}";

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Audit = await sender.Send(new GetAudit(id), ct);
        PlainWords = Permissions.SeesMinimised(user);
        var me = user.UserName ?? "";
        MayGrade = Audit.PermittedTriggers.Contains(Triggers.SubmitGrading);
        if (MayGrade)
        {
            HasDraft = (await sender.Send(new GetGradingDraft(id), ct)).Version > 0;
        }

        MyGrading = Audit.Gradings.FirstOrDefault(g => g.Grader == me);
        SecondMarking = Audit.Assignments.Any(a => a.UserName == me && a.Role == Domain.Grading.GraderRole.SecondAuditor);
        MayEditExtract = Audit.MayEditExtract;
        MaySeeTheRecord = Permissions.MaySeeTheRecord(user);
        MayModerate = Audit.PermittedTriggers.Contains(Triggers.Moderate);
    }

    public bool MaySeeTheRecord { get; private set; }

    /// <summary>The caller grades this audit blind, as its second auditor.</summary>
    public bool SecondMarking { get; private set; }

    public bool MayModerate { get; private set; }

    /// <summary>Where a criterion stands in the template, so that grades read in the template's order.</summary>
    public int Position(Guid id) => Audit.Criteria.FirstOrDefault(c => c.Id == id)?.Position ?? int.MaxValue;

    public string Criterion(Guid id) => Audit.Criteria.FirstOrDefault(c => c.Id == id)?.Title ?? "A criterion no longer in the template";
}
