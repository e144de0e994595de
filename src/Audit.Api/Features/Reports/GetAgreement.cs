using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Reports;

/// <summary>
/// Do the graders agree? Over the audits of a template whose grades became final in [<see cref="From"/>,
/// <see cref="To"/>), each dates as UTC days and each optional.
/// </summary>
public sealed record GetAgreement(Guid? TemplateId, DateOnly? From, DateOnly? To) : IRequest<AgreementReport>;

/// <summary>
/// The report: overall, by criterion and by auditor-and-young-assessor pair, each <c>{pairs, exactAgreement,
/// weightedKappa}</c> (see <see cref="AgreementFigures"/>), and how each grader's grades sit against the moderated grades.
/// </summary>
public sealed record AgreementReport(
    Guid TemplateId,
    string Template,
    DateOnly? From,
    DateOnly? To,
    AgreementFigures Overall,
    IReadOnlyList<CriterionAgreement> Criteria,
    IReadOnlyList<PairAgreement> Pairs,
    IReadOnlyList<GraderAgainstModeration> Graders,
    SecondMarkingAgreement SecondMarking);

/// <summary>
/// Blind second marking: the auditor's grades against the second auditor's, over the audits counted that a second
/// auditor graded, overall (<see cref="Pairs"/>, <see cref="ExactAgreement"/>, <see cref="WeightedKappa"/>) and by criterion.
/// </summary>
public sealed record SecondMarkingAgreement(int Pairs, decimal? ExactAgreement, decimal? WeightedKappa, IReadOnlyList<CriterionAgreement> Criteria);

/// <param name="Reaudit">In the report's criteria: of the files re-audited in the period, how many went up on this criterion (null in the second-marking section).</param>
public sealed record CriterionAgreement(Guid CriterionId, int Position, string Criterion, int Pairs, decimal? ExactAgreement, decimal? WeightedKappa, ReauditShare? Reaudit = null);

public sealed record PairAgreement(
    string Auditor,
    string AuditorName,
    string YoungAssessor,
    string YoungAssessorName,
    int Pairs,
    decimal? ExactAgreement,
    decimal? WeightedKappa);

/// <summary>Which way a grader's grades sit against the moderator's, when they do so consistently.</summary>
public enum Leaning
{
    Above = 1,
    Below = 2,
}

/// <summary>
/// One grader's grades on the criteria a moderator graded: how many, and the mean of (grader's points − moderated points).
/// <see cref="Leaning"/> is set when the grader sits consistently above or below: see <see cref="GetAgreementHandler.Leans"/>.
/// </summary>
public sealed record GraderAgainstModeration(string Grader, string Name, GraderRole Role, int Grades, decimal MeanDifference, Leaning? Leaning);

internal sealed class GetAgreementValidator : AbstractValidator<GetAgreement>
{
    public GetAgreementValidator()
    {
        RuleFor(x => x.TemplateId).NotEmpty().WithMessage("Select a template.");
        RuleFor(x => x.To)
            .Must((request, to) => request.From is not { } from || to is not { } until || until > from)
            .WithMessage("The end date must be after the start date.");
    }
}

/// <remarks>
/// <para>
/// Period: an audit counts when its grades became final (<c>FinalisedAt</c>, set by the workflow's
/// <c>finaliseGrades</c>), as on the dashboard and the other reports.
/// </para>
/// <para>
/// Pairs: one SQL query joins, for every audit counted, the auditor's grading to the young assessor's and their
/// criterion grades criterion by criterion, and counts them grouped by criterion, auditor, young assessor and the
/// two grades. Overall, by criterion and by pair are sums of those counts; kappa is worked out from them in memory.
/// </para>
/// <para>
/// Blind second marking: a second query does the same for the auditor's grading against the second auditor's. The
/// second auditor's grades are in no other figure (not the pairs, not the graders against the moderator).
/// </para>
/// </remarks>
internal sealed class GetAgreementHandler(AuditDbContext db, ICurrentUser user)
    : IRequestHandler<GetAgreement, AgreementReport>
{
    /// <summary>A grader leans when the mean of their differences from the moderator is half a point or more.</summary>
    public const decimal LeaningMean = 0.5m;

    /// <summary>...over at least this many moderated grades.</summary>
    public const int LeaningMinimum = 5;

    public static Leaning? Leans(decimal meanDifference, int grades) =>
        grades < LeaningMinimum || Math.Abs(meanDifference) < LeaningMean ? null
        : meanDifference > 0 ? Leaning.Above
        : Leaning.Below;

    public async ValueTask<AgreementReport> Handle(GetAgreement request, CancellationToken cancellationToken)
    {
        var template = await db.Templates.AsNoTracking().Include(t => t.Criteria)
            .SingleOrDefaultAsync(t => t.Id == request.TemplateId, cancellationToken)
            ?? throw new NotFoundException("Template", request.TemplateId!.Value);

        var counted = AuditsFinalIn(template.Id, request.From, request.To);

        var cells = await (
            from auditor in db.Gradings
            where auditor.Role == GraderRole.Auditor && counted.Contains(auditor.AuditId)
            join youngAssessor in db.Gradings.Where(g => g.Role == GraderRole.YoungAssessor) on auditor.AuditId equals youngAssessor.AuditId
            join auditorGrade in db.Set<CriterionGrade>() on auditor.Id equals auditorGrade.GradingId
            join youngAssessorGrade in db.Set<CriterionGrade>()
                on new { GradingId = youngAssessor.Id, auditorGrade.CriterionId } equals new { youngAssessorGrade.GradingId, youngAssessorGrade.CriterionId }
            group auditorGrade by new
            {
                auditorGrade.CriterionId,
                Auditor = auditor.Grader,
                YoungAssessor = youngAssessor.Grader,
                AuditorGrade = auditorGrade.Grade,
                YoungAssessorGrade = youngAssessorGrade.Grade,
            }
            into cell
            select new
            {
                cell.Key.CriterionId,
                cell.Key.Auditor,
                cell.Key.YoungAssessor,
                cell.Key.AuditorGrade,
                cell.Key.YoungAssessorGrade,
                Count = cell.Count(),
            }).ToListAsync(cancellationToken);

        var againstModeration = await (
            from moderated in db.Set<ModeratedGrade>()
            where counted.Contains(moderated.AuditId)
            join grading in db.Gradings.Where(g => g.Role != GraderRole.SecondAuditor) on moderated.AuditId equals grading.AuditId
            join grade in db.Set<CriterionGrade>()
                on new { GradingId = grading.Id, moderated.CriterionId } equals new { grade.GradingId, grade.CriterionId }
            group new { Difference = (int)grade.Grade - (int)moderated.Grade } by new { grading.Grader, grading.Role } into byGrader
            select new { byGrader.Key.Grader, byGrader.Key.Role, Grades = byGrader.Count(), Sum = byGrader.Sum(x => x.Difference) })
            .ToListAsync(cancellationToken);

        var secondCells = await (
            from auditor in db.Gradings
            where auditor.Role == GraderRole.Auditor && counted.Contains(auditor.AuditId)
            join second in db.Gradings.Where(g => g.Role == GraderRole.SecondAuditor) on auditor.AuditId equals second.AuditId
            join auditorGrade in db.Set<CriterionGrade>() on auditor.Id equals auditorGrade.GradingId
            join secondGrade in db.Set<CriterionGrade>()
                on new { GradingId = second.Id, auditorGrade.CriterionId } equals new { secondGrade.GradingId, secondGrade.CriterionId }
            group auditorGrade by new { auditorGrade.CriterionId, AuditorGrade = auditorGrade.Grade, SecondGrade = secondGrade.Grade } into cell
            select new { cell.Key.CriterionId, cell.Key.AuditorGrade, cell.Key.SecondGrade, Count = cell.Count() })
            .ToListAsync(cancellationToken);
        var secondOverall = AgreementFigures.Of(secondCells.Select(c => new GradePairCount(c.AuditorGrade, c.SecondGrade, c.Count)));
        var secondMarking = new SecondMarkingAgreement(
            secondOverall.Pairs,
            secondOverall.ExactAgreement,
            secondOverall.WeightedKappa,
            [.. template.Criteria.OrderBy(c => c.Position).Select(criterion =>
            {
                var figures = AgreementFigures.Of(secondCells.Where(c => c.CriterionId == criterion.Id).Select(c => new GradePairCount(c.AuditorGrade, c.SecondGrade, c.Count)));
                return new CriterionAgreement(criterion.Id, criterion.Position, criterion.Title, figures.Pairs, figures.ExactAgreement, figures.WeightedKappa);
            })]);

        var people = cells.SelectMany(c => new[] { c.Auditor, c.YoungAssessor }).Concat(againstModeration.Select(g => g.Grader)).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => people.Contains(s.UserName))
            .ToDictionaryAsync(s => s.UserName, s => s.DisplayName, cancellationToken);
        string NameOf(string userName) => names.GetValueOrDefault(userName, userName);

        var reaudits = await ReauditFigures.ByPositionAsync(db, db.FinalGrades.Where(f => counted.Contains(f.AuditId)), cancellationToken);
        var criteria = template.Criteria.OrderBy(c => c.Position).Select(criterion =>
        {
            var figures = AgreementFigures.Of(cells.Where(c => c.CriterionId == criterion.Id).Select(c => new GradePairCount(c.AuditorGrade, c.YoungAssessorGrade, c.Count)));
            return new CriterionAgreement(
                criterion.Id, criterion.Position, criterion.Title, figures.Pairs, figures.ExactAgreement, figures.WeightedKappa, reaudits.GetValueOrDefault(criterion.Position, ReauditShare.None));
        }).ToList();

        var pairs = cells
            .GroupBy(c => (c.Auditor, c.YoungAssessor))
            .Select(pair =>
            {
                var figures = AgreementFigures.Of(pair.Select(c => new GradePairCount(c.AuditorGrade, c.YoungAssessorGrade, c.Count)));
                return new PairAgreement(
                    pair.Key.Auditor, NameOf(pair.Key.Auditor), pair.Key.YoungAssessor, NameOf(pair.Key.YoungAssessor),
                    figures.Pairs, figures.ExactAgreement, figures.WeightedKappa);
            })
            .OrderBy(p => p.AuditorName, StringComparer.Ordinal).ThenBy(p => p.YoungAssessorName, StringComparer.Ordinal)
            .ToList();

        var graders = againstModeration
            .Select(g =>
            {
                var mean = Math.Round((decimal)g.Sum / g.Grades, 2);
                return new GraderAgainstModeration(g.Grader, NameOf(g.Grader), g.Role, g.Grades, mean, Leans((decimal)g.Sum / g.Grades, g.Grades));
            })
            .OrderBy(g => g.Leaning is null).ThenByDescending(g => Math.Abs(g.MeanDifference)).ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToList();

        return new AgreementReport(
            template.Id,
            template.Name,
            request.From,
            request.To,
            AgreementFigures.Of(cells.Select(c => new GradePairCount(c.AuditorGrade, c.YoungAssessorGrade, c.Count))),
            criteria,
            pairs,
            graders,
            secondMarking);
    }

    /// <summary>
    /// The ids of the caller's audits of the template whose grades became final in the period (<c>FinalisedAt</c>, the
    /// moment the dashboard and the other reports count), as a query to nest.
    /// </summary>
    private IQueryable<Guid> AuditsFinalIn(Guid templateId, DateOnly? from, DateOnly? to)
    {
        var start = from is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MinValue;
        var end = to is { } t ? new DateTimeOffset(t.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MaxValue;
        return db.Audits
            .Where(a => a.TemplateId == templateId && a.FinalisedAt >= start && a.FinalisedAt < end)
            .AgreementVisibleTo(db.Teams, user)
            .Select(a => a.Id);
    }
}
