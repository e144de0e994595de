using Audit.Api.Auth;
using Audit.Api.Features.Dashboard;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Actions;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Reports;

/// <summary>
/// The annual report for the Corporate Parenting Board, for a template (every version of it) and a financial year,
/// April to March: <see cref="Year"/> is the year it starts in (2025 is April 2025 to March 2026); by default the last
/// complete one. A service manager's report covers their own service's teams.
/// </summary>
public sealed record GetBoardReport(Guid? TemplateId, int? Year = null) : IRequest<BoardReportDto>
{
    /// <summary>How many examples of what changed each principle's theme shows.</summary>
    public const int ExamplesPerPrinciple = 3;

    /// <summary>The year asked for, or the year the last complete financial year began.</summary>
    public int YearStarting(TimeProvider clock) => Year ?? LastCompleteYear(clock);

    public static int LastCompleteYear(TimeProvider clock)
    {
        var today = clock.GetUtcNow().UtcDateTime;
        return today.Month >= 4 ? today.Year - 1 : today.Year - 2;
    }
}

/// <summary>How much young assessors took part: audits made final in the year that a young assessor graded, and how many young assessors (no names).</summary>
public sealed record YoungAssessorInvolvement(int Audits, int GradedByYoungAssessor, decimal? Percent, int YoungAssessors);

/// <summary>The grader agreement the board sees: overall and by principle, without graders' names.</summary>
public sealed record BoardAgreement(AgreementFigures Overall, IReadOnlyList<CriterionAgreement> Principles);

/// <summary>The participation app's evidence for a service area over the year: the three-views report's months added up.</summary>
public sealed record BoardVoice(
    ServiceArea ServiceArea,
    int Children,
    int WithAccount,
    decimal? WithAccountPercent,
    int Statements,
    int StatementsBeforeReview,
    int ContributedToReview,
    decimal? ContributedPercent,
    GraderShare Auditor,
    GraderShare YoungAssessor);

/// <summary>One example of what changed, with nothing that identifies a child or a worker.</summary>
public sealed record BoardExample(ServiceArea ServiceArea, Grade Found, string WhatChanged, string ClosedIn);

/// <summary>"You said, we did" for one principle: how many actions were closed in the year, and the latest few examples.</summary>
public sealed record BoardTheme(int Position, string Principle, int Closed, IReadOnlyList<BoardExample> Examples);

public sealed record BoardReportDto(
    Guid TemplateId,
    string Template,
    int Year,
    string Label,
    DateOnly From,
    DateOnly To,
    DashboardDto Headline,
    TrendDto Trend,
    BoardAgreement Agreement,
    YoungAssessorInvolvement YoungAssessors,
    IReadOnlyList<BoardVoice> Voice,
    IReadOnlyList<BoardTheme> Themes);

internal sealed class GetBoardReportValidator : AbstractValidator<GetBoardReport>
{
    public GetBoardReportValidator()
    {
        RuleFor(x => x.TemplateId).NotEmpty().WithMessage("Select a template.");
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("Enter the year the financial year starts in, for example 2025.");
    }
}

/// <summary>
/// Composes the existing reports over the year (the dashboard's grid and its trend by quarter, the agreement report,
/// the three views) and adds what none of them answers, each counted in SQL: the young assessors' involvement and the
/// themes of "You said, we did" (closed actions counted by principle, with the latest few as examples).
/// </summary>
internal sealed class GetBoardReportHandler(AuditDbContext db, ICurrentUser user, ISender sender, TimeProvider clock)
    : IRequestHandler<GetBoardReport, BoardReportDto>
{
    public async ValueTask<BoardReportDto> Handle(GetBoardReport request, CancellationToken cancellationToken)
    {
        var year = request.YearStarting(clock);
        var (from, to) = (new DateOnly(year, 4, 1), new DateOnly(year + 1, 4, 1));
        var (fromText, toText) = (from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var headline = await sender.Send(new GetDashboard(request.TemplateId, fromText, toText), cancellationToken);
        var trend = await sender.Send(new GetDashboardTrend(request.TemplateId, fromText, toText, By: "quarter"), cancellationToken);
        var agreement = await sender.Send(new GetAgreement(request.TemplateId, from, to), cancellationToken);
        var views = await sender.Send(new GetThreeViews(request.TemplateId, from, to), cancellationToken);

        var scope = await DashboardScope.OpenAsync(db, user, new GetDashboard(request.TemplateId, fromText, toText), cancellationToken);
        var youngAssessors = await YoungAssessorsAsync(scope, cancellationToken);
        var themes = await ThemesAsync(scope, cancellationToken);

        var voice = views.Rows
            .GroupBy(r => r.ServiceArea)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var (children, account, contributed) = (g.Sum(r => r.Children), g.Sum(r => r.WithAccount), g.Sum(r => r.ContributedToReview));
                return new BoardVoice(
                    g.Key,
                    children,
                    account,
                    GetThreeViewsHandler.Percent(account, children),
                    g.Sum(r => r.Statements),
                    g.Sum(r => r.StatementsBeforeReview),
                    contributed,
                    GetThreeViewsHandler.Percent(contributed, children),
                    Added(g.Select(r => r.Auditor)),
                    Added(g.Select(r => r.YoungAssessor)));
            })
            .ToList();

        return new BoardReportDto(
            headline.TemplateId,
            headline.Template,
            year,
            $"April {year} to March {year + 1}",
            from,
            to,
            headline,
            trend,
            new BoardAgreement(agreement.Overall, agreement.Criteria),
            youngAssessors,
            voice,
            themes);
    }

    private static GraderShare Added(IEnumerable<GraderShare> shares)
    {
        var list = shares.ToList();
        var (good, total) = (list.Sum(s => s.GoodOrBetter), list.Sum(s => s.Total));
        return new GraderShare(good, total, GetThreeViewsHandler.Percent(good, total));
    }

    /// <summary>The audits the headline counts, and how many of them a young assessor graded; the young assessors counted once each.</summary>
    private async Task<YoungAssessorInvolvement> YoungAssessorsAsync(DashboardScope scope, CancellationToken ct)
    {
        var audits = scope.Audits().Select(a => a.AuditId);
        var byYoungAssessors = db.Gradings.Where(g => g.Role == GraderRole.YoungAssessor && audits.Contains(g.AuditId));
        var total = await audits.CountAsync(ct);
        var graded = await byYoungAssessors.Select(g => g.AuditId).Distinct().CountAsync(ct);
        var people = await byYoungAssessors.Select(g => g.Grader).Distinct().CountAsync(ct);
        return new YoungAssessorInvolvement(total, graded, GetThreeViewsHandler.Percent(graded, total), people);
    }

    /// <summary>
    /// Actions on the template's criteria closed in the year, in the teams the caller's reports cover
    /// (<see cref="Permissions.ReportedTeams"/>), counted by principle (the criterion's position); the examples are the
    /// latest <see cref="GetBoardReport.ExamplesPerPrinciple"/> of each, chosen in SQL, with identifiers taken out.
    /// </summary>
    private async Task<IReadOnlyList<BoardTheme>> ThemesAsync(DashboardScope scope, CancellationToken ct)
    {
        var lineage = scope.Template.LineageId;
        var versions = db.Templates.Where(t => t.LineageId == lineage).Select(t => t.Id);
        var (start, end) = (scope.FromAt!.Value, scope.ToAt!.Value);
        var closed = db.Actions.Where(a => a.Status == ActionStatus.Closed && a.ClosedAt >= start && a.ClosedAt < end);
        if (Permissions.ReportedTeams(db.Teams, user) is { } teams)
        {
            closed = closed.Where(a => teams.Contains(a.TeamId));
        }

        var positioned =
            from action in closed
            join criterion in db.Criteria on action.CriterionId equals criterion.Id
            where versions.Contains(criterion.TemplateId)
            select new { Action = action, criterion.Position };

        var counts = await positioned.GroupBy(x => x.Position).Select(g => new { Position = g.Key, Closed = g.Count() })
            .ToDictionaryAsync(x => x.Position, x => x.Closed, ct);

        var latest =
            from x in positioned
            where positioned.Count(o => o.Position == x.Position && o.Action.ClosedAt > x.Action.ClosedAt) < GetBoardReport.ExamplesPerPrinciple
            join team in db.Teams on x.Action.TeamId equals team.Id
            join audit in db.Audits on x.Action.AuditId equals audit.Id
            join caseFile in db.CaseFiles on audit.CaseFileId equals caseFile.Id
            select new
            {
                x.Position,
                team.ServiceArea,
                x.Action.FinalGrade,
                WhatChanged = x.Action.WhatChanged ?? "",
                ClosedAt = x.Action.ClosedAt!.Value,
                x.Action.Id,
                caseFile.Reference,
                caseFile.AllocatedWorker,
            };
        var examples = (await latest.ToListAsync(ct))
            .GroupBy(x => x.Position)
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(x => x.ClosedAt).ThenBy(x => x.Id).Take(GetBoardReport.ExamplesPerPrinciple)
                    .Select(x => new BoardExample(
                        x.ServiceArea,
                        x.FinalGrade,
                        GetYouSaidWeDidHandler.WithoutIdentifiers(x.WhatChanged, x.Reference, x.AllocatedWorker),
                        ReportPeriod.Label(DateOnly.FromDateTime(x.ClosedAt.UtcDateTime))))
                    .ToList());

        return scope.Template.Criteria
            .OrderBy(c => c.Position)
            .Where(c => counts.ContainsKey(c.Position))
            .Select(c => new BoardTheme(c.Position, c.Title, counts[c.Position], examples.GetValueOrDefault(c.Position, [])))
            .ToList();
    }
}
