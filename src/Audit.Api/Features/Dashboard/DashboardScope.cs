using System.Globalization;
using System.Linq.Expressions;
using Audit.Api.Auth;
using Audit.Api.Features.Templates;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Reporting;
using Audit.Domain.Teams;
using Audit.Domain.Templates;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Dashboard;

/// <summary>The filters every dashboard view takes. Dates are <c>yyyy-MM-dd</c>, UTC; <c>To</c> is exclusive.</summary>
public abstract record DashboardFilter(Guid? TemplateId, string? From, string? To, string? ServiceArea, Guid? TeamId);

/// <summary>A share of audits (or of one criterion's final grades) good or better, with its 95% Wilson interval.</summary>
public sealed record Share(int GoodOrBetter, int Total, decimal? Percent, ConfidenceInterval? Ci, bool SmallSample, bool MeetsTarget)
{
    /// <summary>Fewer audits than this behind a share make it a small sample.</summary>
    public const int SmallSampleBelow = 10;

    public static Share Of(int goodOrBetter, int total, int targetPercent)
    {
        decimal? percent = total == 0 ? null : Math.Round(100m * goodOrBetter / total, 1, MidpointRounding.AwayFromZero);
        return new Share(goodOrBetter, total, percent, WilsonInterval.Of(goodOrBetter, total), total < SmallSampleBelow, percent >= targetPercent);
    }
}

/// <summary>Checks the filters; every dashboard request's validator derives from it.</summary>
internal abstract class DashboardFilterValidator<T> : AbstractValidator<T>
    where T : DashboardFilter
{
    protected DashboardFilterValidator()
    {
        RuleFor(x => x.TemplateId).NotEmpty();
        RuleFor(x => x.From).Must(BeADate!).When(x => !string.IsNullOrWhiteSpace(x.From)).WithMessage("Enter the from date as a date, for example 2026-04-01.");
        RuleFor(x => x.To).Must(BeADate!).When(x => !string.IsNullOrWhiteSpace(x.To)).WithMessage("Enter the to date as a date, for example 2027-04-01.");
        RuleFor(x => x.To)
            .Must((x, to) => DashboardScope.ParseDate(to)!.Value > DashboardScope.ParseDate(x.From)!.Value)
            .When(x => BeADate(x.From) && BeADate(x.To))
            .WithMessage("The to date must be after the from date (the to date itself is not included).");
        RuleFor(x => x.ServiceArea).Must(area => DashboardScope.ParseArea(area) is not null)
            .When(x => !string.IsNullOrWhiteSpace(x.ServiceArea))
            .WithMessage($"Choose a service area: one of {string.Join(", ", Enum.GetNames<ServiceArea>())}.");
    }

    private static bool BeADate(string? value) => DashboardScope.ParseDate(value) is not null;
}

/// <summary>
/// What a dashboard request counts: the final grades and the audits of every version of the template's lineage,
/// made final in <c>[from, to)</c>, in the service area and team asked for, and within what the caller may see
/// (<see cref="Permissions.DashboardTeams"/>). Criteria of other versions count as the requested version's
/// criterion at the same position. Everything stays an <see cref="IQueryable{T}"/>: the figures are counted in SQL.
/// </summary>
internal sealed class DashboardScope
{
    private readonly AuditDbContext _db;
    private readonly IQueryable<Guid> _versions;
    private readonly IQueryable<Guid>? _visibleTeams;

    private DashboardScope(AuditDbContext db, Template template, DashboardFilter filter, IQueryable<Guid>? visibleTeams)
    {
        _db = db;
        Template = template;
        _versions = db.Templates.Where(t => t.LineageId == template.LineageId).Select(t => t.Id);
        _visibleTeams = visibleTeams;
        From = ParseDate(filter.From);
        To = ParseDate(filter.To);
        Area = ParseArea(filter.ServiceArea);
        TeamId = filter.TeamId;
    }

    /// <summary>The version asked for: its criteria are the rows, its target the target.</summary>
    public Template Template { get; }

    public DateOnly? From { get; }
    public DateOnly? To { get; }
    public ServiceArea? Area { get; }
    public Guid? TeamId { get; }

    public Grade AtLeast => Template.Target.AtLeast;
    public int TargetPercent => Template.Target.Percent;

    public DateTimeOffset? FromAt => From is { } from ? StartOf(from) : null;
    public DateTimeOffset? ToAt => To is { } to ? StartOf(to) : null;

    public static async Task<DashboardScope> OpenAsync(AuditDbContext db, ICurrentUser user, DashboardFilter filter, CancellationToken ct)
    {
        var template = await db.Templates.AsNoTracking().Include(t => t.Criteria).SingleOrDefaultAsync(t => t.Id == filter.TemplateId, ct)
            ?? throw new NotFoundException("Template", filter.TemplateId!.Value);
        var visible = Permissions.SeesEveryTeamOnTheDashboard(user) ? null : db.Teams.DashboardTeams(user).Select(t => t.Id);
        return new DashboardScope(db, template, filter, visible);
    }

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static ServiceArea? ParseArea(string? value) =>
        !string.IsNullOrWhiteSpace(value) && !int.TryParse(value, out _) && Enum.TryParse<ServiceArea>(value.Trim(), ignoreCase: true, out var area) && Enum.IsDefined(area)
            ? area
            : null;

    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The teams whose figures the caller sees, in the service area and team asked for.</summary>
    public IQueryable<Team> Teams()
    {
        var teams = _db.Teams.AsQueryable();
        if (_visibleTeams is not null)
        {
            var visible = _visibleTeams;
            teams = teams.Where(t => visible.Contains(t.Id));
        }

        if (Area is { } area)
        {
            teams = teams.Where(t => t.ServiceArea == area);
        }

        if (TeamId is { } teamId)
        {
            teams = teams.Where(t => t.Id == teamId);
        }

        return teams;
    }

    /// <summary>
    /// The position of every criterion of every version of the template. Grades counted by criterion (straight off the
    /// final-grade index, no join per grade) are then added up by position over the few counted rows.
    /// </summary>
    public async Task<Dictionary<Guid, int>> PositionsAsync(CancellationToken ct)
    {
        var versions = _versions;
        return await _db.Criteria.Where(c => versions.Contains(c.TemplateId)).ToDictionaryAsync(c => c.Id, c => c.Position, ct);
    }

    /// <summary>Final grades that count, each with the position of its criterion in its own version.</summary>
    public IQueryable<PositionedGrade> Grades() =>
        FinalGrades().Join(
            _db.Criteria,
            f => f.CriterionId,
            c => c.Id,
            (f, c) => new PositionedGrade { FinalisedAt = f.FinalisedAt, Position = c.Position, ServiceArea = f.ServiceArea, Grade = f.Grade, TeamId = f.TeamId });

    /// <summary>The final grades that count: the template's versions, the period, the area and team, what the caller may see.</summary>
    public IQueryable<FinalGrade> FinalGrades()
    {
        var versions = _versions;
        var grades = _db.FinalGrades.Where(f => versions.Contains(f.TemplateId));
        if (FromAt is { } fromAt)
        {
            grades = grades.Where(f => f.FinalisedAt >= fromAt);
        }

        if (ToAt is { } toAt)
        {
            grades = grades.Where(f => f.FinalisedAt < toAt);
        }

        if (Area is { } area)
        {
            grades = grades.Where(f => f.ServiceArea == area);
        }

        if (TeamId is { } teamId)
        {
            grades = grades.Where(f => f.TeamId == teamId);
        }

        if (_visibleTeams is not null)
        {
            var visible = _visibleTeams;
            grades = grades.Where(f => visible.Contains(f.TeamId));
        }

        return grades;
    }

    /// <summary>Audits whose grades are final and that have an overall grade: the overall share counts these.</summary>
    public IQueryable<FinalAudit> Audits()
    {
        var versions = _versions;
        var audits = _db.Audits.Where(a => versions.Contains(a.TemplateId) && a.FinalisedAt != null && a.FinalOverall != null);
        if (FromAt is { } fromAt)
        {
            audits = audits.Where(a => a.FinalisedAt >= fromAt);
        }

        if (ToAt is { } toAt)
        {
            audits = audits.Where(a => a.FinalisedAt < toAt);
        }

        if (Area is { } area)
        {
            audits = audits.Where(a => a.ServiceArea == area);
        }

        if (TeamId is { } teamId)
        {
            audits = audits.Where(a => a.TeamId == teamId);
        }

        if (_visibleTeams is not null)
        {
            var visible = _visibleTeams;
            audits = audits.Where(a => visible.Contains(a.TeamId));
        }

        return audits.Select(a => new FinalAudit { FinalisedAt = a.FinalisedAt!.Value, TeamId = a.TeamId, Overall = a.FinalOverall!.Value, AuditId = a.Id });
    }

    /// <summary>The service areas the grid has columns for: the one asked for, or all.</summary>
    public IReadOnlyList<ServiceArea> Areas() => Area is { } area ? [area] : Enum.GetValues<ServiceArea>();
}

/// <summary>A final grade as the dashboard counts it.</summary>
internal sealed class PositionedGrade
{
    public DateTimeOffset FinalisedAt { get; init; }
    public int Position { get; init; }
    public ServiceArea ServiceArea { get; init; }
    public Grade Grade { get; init; }
    public Guid TeamId { get; init; }
}

/// <summary>An audit's overall final grade as the dashboard counts it.</summary>
internal sealed class FinalAudit
{
    public DateTimeOffset FinalisedAt { get; init; }
    public Guid TeamId { get; init; }
    public Grade Overall { get; init; }
    public Guid AuditId { get; init; }
}

/// <summary>A row with the index of the period it falls in.</summary>
internal sealed class InPeriod<T>
{
    public int Period { get; init; }
    public T Row { get; init; } = default!;
}

internal static class Periods
{
    /// <summary>
    /// Tags each row with the index of the period its moment falls in, as a SQL <c>CASE</c> over the periods' starts
    /// (ascending), so that the rows can be grouped by period in the database. Rows before the first start are in period 0.
    /// </summary>
    public static IQueryable<InPeriod<T>> InPeriods<T>(this IQueryable<T> rows, Expression<Func<T, DateTimeOffset>> at, IReadOnlyList<DateTimeOffset> starts)
    {
        var row = at.Parameters[0];
        Expression period = Expression.Constant(starts.Count - 1);
        for (var i = starts.Count - 1; i >= 1; i--)
        {
            period = Expression.Condition(Expression.LessThan(at.Body, Expression.Constant(starts[i])), Expression.Constant(i - 1), period);
        }

        var tagged = Expression.MemberInit(
            Expression.New(typeof(InPeriod<T>)),
            Expression.Bind(typeof(InPeriod<T>).GetProperty(nameof(InPeriod<T>.Period))!, period),
            Expression.Bind(typeof(InPeriod<T>).GetProperty(nameof(InPeriod<T>.Row))!, row));
        return rows.Select(Expression.Lambda<Func<T, InPeriod<T>>>(tagged, row));
    }
}
