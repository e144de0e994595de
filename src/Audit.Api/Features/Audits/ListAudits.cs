using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using Audit.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Audits;

/// <summary>
/// Audits the caller may see. With <c>Mine</c>, those assigned to the caller to grade. Graders only ever see their
/// own; managers see their teams'; the principal social worker sees all.
/// </summary>
public sealed record ListAudits(bool Mine, string? State, int Skip = 0, int Take = ListAudits.DefaultTake) : IRequest<Paged<AuditSummary>>
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;
}

public sealed record AuditSummary(
    Guid Id,
    string State,
    Guid RoundId,
    string Round,
    DateOnly DueOn,
    Guid CaseFileId,
    ServiceArea ServiceArea,
    string? Reference,
    IReadOnlyList<GraderRole> MyRoles,
    bool Submitted);

internal sealed class ListAuditsValidator : AbstractValidator<ListAudits>
{
    public ListAuditsValidator()
    {
        RuleFor(x => x.Skip).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Take).InclusiveBetween(1, ListAudits.MaxTake);
        RuleFor(x => x.State).MaximumLength(100);
    }
}

internal sealed class ListAuditsHandler(AuditDbContext db, AccessLog accessLog, ICurrentUser user) : IRequestHandler<ListAudits, Paged<AuditSummary>>
{
    public async ValueTask<Paged<AuditSummary>> Handle(ListAudits request, CancellationToken cancellationToken)
    {
        var me = user.UserName ?? "";
        var query = db.Audits.AsNoTracking().VisibleTo(db.Teams, user);
        if (request.Mine)
        {
            query = query.Where(a => a.Assignments.Any(x => x.UserName == me));
        }

        if (!string.IsNullOrWhiteSpace(request.State))
        {
            query = query.Where(a => a.State == request.State);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .Join(db.Rounds, a => a.RoundId, r => r.Id, (a, r) => new { a, r })
            .Join(db.CaseFiles, x => x.a.CaseFileId, c => c.Id, (x, c) => new
            {
                x.a.Id,
                x.a.State,
                RoundId = x.r.Id,
                Round = x.r.Name,
                x.r.DueOn,
                x.a.CaseFileId,
                x.a.ServiceArea,
                c.Reference,
                MyRoles = x.a.Assignments.Where(s => s.UserName == me).Select(s => s.Role).ToList(),
                MyGradings = db.Gradings.Count(g => g.AuditId == x.a.Id && g.Grader == me),
            })
            .OrderBy(x => x.DueOn).ThenBy(x => x.Id)
            .Skip(request.Skip)
            .Take(request.Take)
            .ToListAsync(cancellationToken);

        accessLog.Record(AccessViews.AuditList, rows.Select(x => (x.CaseFileId, (Guid?)x.Id)));
        await db.SaveChangesAsync(cancellationToken);
        var minimised = Permissions.SeesMinimised(user);
        return new Paged<AuditSummary>(
            rows
                .Select(x => new AuditSummary(
                    x.Id, x.State, x.RoundId, x.Round, x.DueOn, x.CaseFileId, x.ServiceArea, minimised ? null : x.Reference, x.MyRoles,
                    x.MyRoles.Count > 0 && x.MyGradings >= x.MyRoles.Count))
                .ToList(),
            total);
    }
}
