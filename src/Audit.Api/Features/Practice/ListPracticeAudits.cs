using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Practice;

/// <summary>The audits of the case files the caller holds whose grades are final, newest first.</summary>
public sealed record ListPracticeAudits(int Skip = 0, int Take = ListPracticeAudits.DefaultTake) : IRequest<Paged<PracticeAuditSummary>>
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;
}

internal sealed class ListPracticeAuditsValidator : AbstractValidator<ListPracticeAudits>
{
    public ListPracticeAuditsValidator()
    {
        RuleFor(x => x.Skip).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Take).InclusiveBetween(1, ListPracticeAudits.MaxTake);
    }
}

internal sealed class ListPracticeAuditsHandler(AuditDbContext db, ICurrentUser user) : IRequestHandler<ListPracticeAudits, Paged<PracticeAuditSummary>>
{
    public async ValueTask<Paged<PracticeAuditSummary>> Handle(ListPracticeAudits request, CancellationToken cancellationToken)
    {
        var rows =
            from audit in db.Audits.AsNoTracking().FinalOnFilesHeldBy(db.CaseFiles, user)
            join caseFile in db.CaseFiles on audit.CaseFileId equals caseFile.Id
            join template in db.Templates on audit.TemplateId equals template.Id
            orderby audit.FinalisedAt descending, audit.Id
            select new
            {
                audit.Id,
                caseFile.Reference,
                template.Name,
                FinalisedAt = audit.FinalisedAt!.Value,
                audit.FinalOverall,
                Criteria = db.FinalGrades.Count(g => g.AuditId == audit.Id),
                MeetingTarget = db.FinalGrades.Count(g => g.AuditId == audit.Id && g.Grade >= template.Target.AtLeast),
                Reflections = db.Reflections.Count(r => r.AuditId == audit.Id),
            };
        var (total, page) = await rows.PageAsync(request.Skip, request.Take, cancellationToken);
        return new Paged<PracticeAuditSummary>(
            [.. page.Select(x => new PracticeAuditSummary(x.Id, x.Reference, x.Name, x.FinalisedAt, x.FinalOverall, x.Criteria, x.MeetingTarget, x.Reflections))],
            total);
    }
}
