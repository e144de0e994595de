using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.CaseFiles;

/// <summary>Who looked at a case file, newest first: the answer a council gives a family or an inspector who asks.</summary>
public sealed record GetAccessLog(Guid CaseFileId) : IRequest<Paged<AccessRecordDto>>;

public sealed record AccessRecordDto(DateTimeOffset At, string UserName, Guid? AuditId, string View);

internal sealed class GetAccessLogHandler(AuditDbContext db) : IRequestHandler<GetAccessLog, Paged<AccessRecordDto>>
{
    public async ValueTask<Paged<AccessRecordDto>> Handle(GetAccessLog request, CancellationToken cancellationToken)
    {
        if (!await db.CaseFiles.AnyAsync(c => c.Id == request.CaseFileId, cancellationToken))
        {
            throw new NotFoundException("Case file", request.CaseFileId);
        }

        return PagedExtensions.AllOf(await db.AccessRecords.AsNoTracking()
            .Where(a => a.CaseFileId == request.CaseFileId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AccessRecordDto(a.At, a.UserName, a.AuditId, a.View))
            .ToListAsync(cancellationToken));
    }
}
