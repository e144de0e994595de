using System.Globalization;
using Audit.Api.Auth;
using Audit.Api.Features.Dashboard;
using Audit.Api.Features.Templates;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Actions;
using Audit.Domain.Teams;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Reports;

/// <summary>
/// The monthly service report by team, for printing: for a template (every version of it) and a calendar month
/// (<c>YYYY-MM</c>, by default the last complete month), each team the caller sees on the dashboard
/// (<see cref="Permissions.DashboardTeams"/>) with the audits made final that month, the share good or better, each
/// principle's share against the target, the follow-up actions raised, closed and overdue, and the change from the
/// month before.
/// </summary>
public sealed record GetMonthlyReport(Guid? TemplateId, string? Month = null) : IRequest<MonthlyReportDto>
{
    public static DateOnly? ParseMonth(string? month) =>
        DateOnly.TryParseExact(month?.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The month asked for, or the last complete month before today.</summary>
    public DateOnly MonthStart(TimeProvider clock)
    {
        if (ParseMonth(Month) is { } asked)
        {
            return asked;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }
}

/// <summary>One principle's share in a team's month, and whether it meets the target (<see cref="Share.MeetsTarget"/>).</summary>
public sealed record MonthlyPrinciple(Guid CriterionId, int Position, string Title, Share Share);

/// <summary>
/// Follow-up actions in the month: raised in it, closed in it, and overdue at its end (due before the month ended,
/// not closed by then, and not cancelled).
/// </summary>
public sealed record MonthlyActions(int Raised, int Closed, int Overdue);

/// <summary>The change from the month before: in audits, and in the share good or better in percentage points (null when either month has no audits).</summary>
public sealed record MonthlyChange(int Audits, decimal? PercentagePoints);

public sealed record MonthlyTeam(
    Guid TeamId,
    string Team,
    ServiceArea ServiceArea,
    Share Share,
    Share Previous,
    MonthlyChange Change,
    IReadOnlyList<MonthlyPrinciple> Principles,
    MonthlyActions Actions);

public sealed record MonthlyReportDto(
    Guid TemplateId,
    string Template,
    TargetDto Target,
    string Month,
    string PreviousMonth,
    DateOnly From,
    DateOnly To,
    Share Overall,
    Share PreviousOverall,
    MonthlyChange Change,
    MonthlyActions Actions,
    IReadOnlyList<DashboardCriterion> Criteria,
    IReadOnlyList<MonthlyTeam> Teams);

internal sealed class GetMonthlyReportValidator : AbstractValidator<GetMonthlyReport>
{
    public GetMonthlyReportValidator()
    {
        RuleFor(x => x.TemplateId).NotEmpty().WithMessage("Select a template.");
        RuleFor(x => x.Month)
            .Must(month => GetMonthlyReport.ParseMonth(month) is { Year: >= 2000 and <= 2100 })
            .When(x => !string.IsNullOrWhiteSpace(x.Month))
            .WithMessage("Enter the month as a year and month, for example 2026-11.");
    }
}

/// <summary>
/// Composes the dashboard's requests (the grid for the overall share, the team comparison for each team's share, for
/// this month and the one before) and adds two SQL counts grouped by team: the principles' final grades and the
/// actions. Nothing is counted in memory.
/// </summary>
internal sealed class GetMonthlyReportHandler(AuditDbContext db, ICurrentUser user, ISender sender, TimeProvider clock)
    : IRequestHandler<GetMonthlyReport, MonthlyReportDto>
{
    public async ValueTask<MonthlyReportDto> Handle(GetMonthlyReport request, CancellationToken cancellationToken)
    {
        var start = request.MonthStart(clock);
        var (end, previousStart) = (start.AddMonths(1), start.AddMonths(-1));
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var grid = await sender.Send(new GetDashboard(request.TemplateId, Day(start), Day(end)), cancellationToken);
        var before = await sender.Send(new GetDashboard(request.TemplateId, Day(previousStart), Day(start)), cancellationToken);
        var teams = await sender.Send(new GetTeamComparison(request.TemplateId, Day(start), Day(end)), cancellationToken);
        var previousTeams = (await sender.Send(new GetTeamComparison(request.TemplateId, Day(previousStart), Day(start)), cancellationToken))
            .Teams.ToDictionary(t => t.TeamId);

        var scope = await DashboardScope.OpenAsync(db, user, new GetDashboard(request.TemplateId, Day(start), Day(end)), cancellationToken);
        var atLeast = scope.AtLeast;
        var target = scope.TargetPercent;
        var principles = await scope.Grades()
            .GroupBy(g => new { g.TeamId, g.Position })
            .Select(g => new { g.Key.TeamId, g.Key.Position, Total = g.Count(), GoodOrBetter = g.Count(x => x.Grade >= atLeast) })
            .ToListAsync(cancellationToken);

        var actions = await ActionsByTeamAsync(scope.Template.LineageId, start, end, cancellationToken);

        var rows = teams.Teams.Select(team =>
        {
            var share = Share.Of(team.GoodOrBetter, team.Total, target);
            var previous = previousTeams.TryGetValue(team.TeamId, out var p) ? Share.Of(p.GoodOrBetter, p.Total, target) : Share.Of(0, 0, target);
            var cells = grid.Criteria.Select(c =>
            {
                var count = principles.FirstOrDefault(x => x.TeamId == team.TeamId && x.Position == c.Position);
                return new MonthlyPrinciple(c.CriterionId, c.Position, c.Title, Share.Of(count?.GoodOrBetter ?? 0, count?.Total ?? 0, target));
            });
            return new MonthlyTeam(team.TeamId, team.Team, team.ServiceArea, share, previous, ChangeOf(share, previous), cells.ToList(), actions.GetValueOrDefault(team.TeamId, new MonthlyActions(0, 0, 0)));
        }).ToList();

        var totals = new MonthlyActions(rows.Sum(r => r.Actions.Raised), rows.Sum(r => r.Actions.Closed), rows.Sum(r => r.Actions.Overdue));
        return new MonthlyReportDto(
            grid.TemplateId,
            grid.Template,
            grid.Target,
            ReportPeriod.Label(start),
            ReportPeriod.Label(previousStart),
            start,
            end,
            grid.Overall,
            before.Overall,
            ChangeOf(grid.Overall, before.Overall),
            totals,
            grid.Criteria,
            rows);
    }

    private static MonthlyChange ChangeOf(Share now, Share before) =>
        new(now.Total - before.Total, now.Percent is { } a && before.Percent is { } b ? a - b : null);

    /// <summary>The actions of the template's audits in the teams the caller sees, counted by team in one grouped query.</summary>
    private async Task<Dictionary<Guid, MonthlyActions>> ActionsByTeamAsync(Guid lineageId, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var (startAt, endAt) = (DashboardScope.StartOf(start), DashboardScope.StartOf(end));
        var versions = db.Templates.Where(t => t.LineageId == lineageId).Select(t => t.Id);
        var visible = db.Teams.DashboardTeams(user).Select(t => t.Id);
        var counts = await (
                from action in db.Actions
                join audit in db.Audits on action.AuditId equals audit.Id
                where versions.Contains(audit.TemplateId) && visible.Contains(action.TeamId)
                group action by action.TeamId into team
                select new
                {
                    TeamId = team.Key,
                    Raised = team.Count(a => a.RaisedAt >= startAt && a.RaisedAt < endAt),
                    Closed = team.Count(a => a.Status == ActionStatus.Closed && a.ClosedAt >= startAt && a.ClosedAt < endAt),
                    Overdue = team.Count(a => a.Status != ActionStatus.Cancelled && a.RaisedAt < endAt && a.DueOn < end
                        && !(a.Status == ActionStatus.Closed && a.ClosedAt < endAt)),
                })
            .ToListAsync(ct);
        return counts.ToDictionary(c => c.TeamId, c => new MonthlyActions(c.Raised, c.Closed, c.Overdue));
    }
}
