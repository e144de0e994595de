using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Teams;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.CaseFiles;

public sealed record ListCaseFiles(Guid? TeamId, ServiceArea? ServiceArea, int Skip = 0, int Take = ListCaseFiles.DefaultTake)
    : IRequest<IReadOnlyList<CaseFileDto>>
{
    public const int DefaultTake = 200;
    public const int MaxTake = 1000;
}

internal sealed class ListCaseFilesValidator : AbstractValidator<ListCaseFiles>
{
    public ListCaseFilesValidator()
    {
        RuleFor(x => x.Skip).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Take).InclusiveBetween(1, ListCaseFiles.MaxTake);
        RuleFor(x => x.ServiceArea).IsInEnum();
    }
}

internal sealed class ListCaseFilesHandler(AuditDbContext db, AccessLog accessLog) : IRequestHandler<ListCaseFiles, IReadOnlyList<CaseFileDto>>
{
    public async ValueTask<IReadOnlyList<CaseFileDto>> Handle(ListCaseFiles request, CancellationToken cancellationToken)
    {
        var query = db.CaseFiles.AsNoTracking();
        if (request.TeamId is { } teamId)
        {
            query = query.Where(c => c.TeamId == teamId);
        }

        if (request.ServiceArea is { } area)
        {
            query = query.Where(c => c.ServiceArea == area);
        }

        var caseFiles = await query
            .OrderBy(c => c.Reference)
            .Skip(request.Skip)
            .Take(request.Take)
            .Join(db.Teams, c => c.TeamId, t => t.Id, (c, t) => new CaseFileDto(
                c.Id, c.Reference, c.TeamId, t.Name, c.ServiceArea, c.Stage, c.AllocatedWorker, c.ChildAgeBand, c.RedactedExtract, c.RedactedExtract != null && c.ExtractClearedBy != null))
            .ToListAsync(cancellationToken);
        accessLog.Record(AccessViews.CaseFileList, caseFiles.Select(c => (c.Id, (Guid?)null)));
        await db.SaveChangesAsync(cancellationToken);
        return caseFiles;
    }
}
