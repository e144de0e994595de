using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Audits;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Practice;

public sealed record WriteReflectionBody(string? Text);

/// <summary>
/// The allocated worker writes, or rewrites, their reflection on one final grade of an audit of their case file. The
/// team manager reads it with the follow-up action on that criterion; the audit's history records that it was written.
/// </summary>
public sealed record WriteReflection(Guid AuditId, Guid CriterionId, string? Text) : IRequest<PracticeAudit>;

internal sealed class WriteReflectionValidator : AbstractValidator<WriteReflection>
{
    public WriteReflectionValidator() => RuleFor(x => x.Text)
        .NotEmpty().WithMessage("Write your reflection.")
        .MaximumTrimmedLength(Reflection.MaxTextLength).WithMessage($"A reflection is at most {Reflection.MaxTextLength} characters.");
}

internal sealed class WriteReflectionHandler(AuditDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<WriteReflection, PracticeAudit>
{
    public async ValueTask<PracticeAudit> Handle(WriteReflection request, CancellationToken cancellationToken)
    {
        var audit = await db.Audits
            .FinalOnFilesHeldBy(db.CaseFiles, user)
            .Include(a => a.FinalGrades)
            .SingleOrDefaultAsync(a => a.Id == request.AuditId, cancellationToken)
            ?? throw new NotFoundException("Audit", request.AuditId);
        var criterion = await db.Criteria.SingleOrDefaultAsync(c => c.Id == request.CriterionId && c.TemplateId == audit.TemplateId, cancellationToken)
            ?? throw new NotFoundException("Criterion", request.CriterionId);
        var existing = await db.Reflections.SingleOrDefaultAsync(r => r.AuditId == audit.Id && r.CriterionId == criterion.Id, cancellationToken);

        var reflection = Reflection.Write(audit, existing, criterion, user.UserName!, request.Text!, clock.GetUtcNow());
        if (existing is null)
        {
            db.Reflections.Add(reflection);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await GetPracticeAuditHandler.ReadAsync(db, user, audit.Id, cancellationToken);
    }
}
