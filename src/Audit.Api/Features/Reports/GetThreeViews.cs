using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Reports;

/// <summary>
/// Three views of each principle, per service area and month: the child's own voice from the participation app
/// beside the auditor's and the young assessor's grades. The children are the case files whose audits (of
/// <paramref name="TemplateId"/>) had their grades made final in the month; their app evidence is that month's.
/// </summary>
public sealed record GetThreeViews(Guid? TemplateId, DateOnly? From = null, DateOnly? To = null, ServiceArea? ServiceArea = null) : IRequest<ThreeViewsDto>;

/// <summary>How many of <paramref name="Total"/> grades were at or above the template's target grade, and the share in percent (one decimal).</summary>
public sealed record GraderShare(int GoodOrBetter, int Total, decimal? Percent);

public sealed record CriterionViews(Guid CriterionId, string Criterion, GraderShare Auditor, GraderShare YoungAssessor);

public sealed record ThreeViewsRow(
    string Period,
    ServiceArea ServiceArea,
    int Children,
    int WithAccount,
    decimal? WithAccountPercent,
    int Statements,
    int StatementsBeforeReview,
    int ContributedToReview,
    decimal? ContributedPercent,
    GraderShare Auditor,
    GraderShare YoungAssessor,
    IReadOnlyList<CriterionViews> Criteria);

public sealed record ThreeViewsDto(Guid TemplateId, string Template, Grade GoodOrBetter, DateOnly From, DateOnly To, IReadOnlyList<ThreeViewsRow> Rows);

internal sealed class GetThreeViewsValidator : AbstractValidator<GetThreeViews>
{
    public GetThreeViewsValidator()
    {
        RuleFor(x => x.TemplateId).NotEmpty().WithMessage("Choose a template.");
        RuleFor(x => x.ServiceArea).IsInEnum();
        this.ForDates(x => x.From, x => x.To);
    }
}

internal sealed class GetThreeViewsHandler(AuditDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<GetThreeViews, ThreeViewsDto>
{
    public async ValueTask<ThreeViewsDto> Handle(GetThreeViews request, CancellationToken cancellationToken)
    {
        var template = await db.Templates.AsNoTracking().Include(t => t.Criteria).SingleOrDefaultAsync(t => t.Id == request.TemplateId, cancellationToken)
            ?? throw new NotFoundException("Template", request.TemplateId!.Value);
        var atLeast = template.Target.AtLeast;
        var period = ReportPeriod.Of(request.From, request.To, clock);

        var audits = Reported.FinalisedAudits(db, user, period, request.ServiceArea).Where(a => a.TemplateId == template.Id);
        var placed = audits.Select(period.InMonths((CaseFileAudit a) => new
        {
            Period = ReportPeriod.MonthOf(a.FinalisedAt),
            a.ServiceArea,
            a.CaseFileId,
            AuditId = a.Id,
        }));

        // The child's own voice: each audited case file once per month and area, with that month's app evidence.
        var children = placed.Select(p => new { p.Period, p.ServiceArea, p.CaseFileId }).Distinct();
        var voices = await (
                from child in children
                join e in db.ParticipationEvidence on new { child.CaseFileId, Month = child.Period } equals new { e.CaseFileId, e.Month } into evidence
                from e in evidence.DefaultIfEmpty()
                group e by new { child.Period, child.ServiceArea } into g
                select new
                {
                    g.Key.Period,
                    g.Key.ServiceArea,
                    Children = g.Count(),
                    WithAccount = g.Count(x => x != null && x.HasAccount),
                    Statements = g.Sum(x => x == null ? 0 : x.Statements),
                    StatementsBeforeReview = g.Sum(x => x == null ? 0 : x.StatementsBeforeReview),
                    Contributed = g.Count(x => x != null && x.ContributedToReview),
                })
            .ToListAsync(cancellationToken);

        // The graders' views: each grader's own grades (not the final ones, not a blind second auditor's), counted per month, area, role and criterion.
        var grades = await (
                from p in placed
                join grading in db.Gradings.Where(g => g.Role != GraderRole.SecondAuditor) on p.AuditId equals grading.AuditId
                join grade in db.Set<CriterionGrade>() on grading.Id equals grade.GradingId
                group grade.Grade by new { p.Period, p.ServiceArea, grading.Role, grade.CriterionId } into g
                select new { g.Key.Period, g.Key.ServiceArea, g.Key.Role, g.Key.CriterionId, Total = g.Count(), GoodOrBetter = g.Count(x => x >= atLeast) })
            .ToListAsync(cancellationToken);

        var criteria = template.Criteria.OrderBy(c => c.Position).ToList();
        GraderShare ShareOf(string month, ServiceArea area, GraderRole role, Guid? criterionId)
        {
            var counted = grades.Where(x => x.Period == month && x.ServiceArea == area && x.Role == role && (criterionId is null || x.CriterionId == criterionId)).ToList();
            var (good, total) = (counted.Sum(x => x.GoodOrBetter), counted.Sum(x => x.Total));
            return new GraderShare(good, total, Percent(good, total));
        }

        var rows = voices
            .OrderBy(v => v.Period, StringComparer.Ordinal)
            .ThenBy(v => v.ServiceArea)
            .Select(v => new ThreeViewsRow(
                v.Period,
                v.ServiceArea,
                v.Children,
                v.WithAccount,
                Percent(v.WithAccount, v.Children),
                v.Statements,
                v.StatementsBeforeReview,
                v.Contributed,
                Percent(v.Contributed, v.Children),
                ShareOf(v.Period, v.ServiceArea, GraderRole.Auditor, null),
                ShareOf(v.Period, v.ServiceArea, GraderRole.YoungAssessor, null),
                criteria
                    .Select(c => new CriterionViews(c.Id, c.Title, ShareOf(v.Period, v.ServiceArea, GraderRole.Auditor, c.Id), ShareOf(v.Period, v.ServiceArea, GraderRole.YoungAssessor, c.Id)))
                    .ToList()))
            .ToList();

        return new ThreeViewsDto(template.Id, template.Name, atLeast, period.From, period.To, rows);
    }

    internal static decimal? Percent(int part, int total) => total == 0 ? null : Math.Round(100m * part / total, 1);
}

/// <summary>What the reports count from, limited to what the caller may see.</summary>
internal static class Reported
{
    /// <summary>
    /// Audits whose grades became final in the period (<see cref="CaseFileAudit.FinalisedAt"/>, the moment the dashboard
    /// counts too): an audit counts in the period this falls in.
    /// </summary>
    public static IQueryable<CaseFileAudit> FinalisedAudits(AuditDbContext db, ICurrentUser user, ReportPeriod period, ServiceArea? serviceArea)
    {
        var (start, end) = (period.Start, period.End);
        var audits = db.Audits.AsNoTracking()
            .Where(a => a.FinalisedAt >= start && a.FinalisedAt < end);
        if (serviceArea is { } area)
        {
            audits = audits.Where(a => a.ServiceArea == area);
        }

        return Permissions.ReportedTeams(db.Teams, user) is { } teams ? audits.Where(a => teams.Contains(a.TeamId)) : audits;
    }
}
