using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.CaseFiles;

/// <summary>Who looked at a case file, newest first: the answer a council gives a family or an inspector who asks.</summary>
public sealed record GetAccessLog(Guid CaseFileId, int Skip = 0, int Take = GetAccessLog.DefaultTake) : IRequest<Paged<AccessRecordDto>>
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;
}

public sealed record AccessRecordDto(DateTimeOffset At, string UserName, Guid? AuditId, string View);

internal sealed class GetAccessLogValidator : AbstractValidator<GetAccessLog>
{
    public GetAccessLogValidator()
    {
        RuleFor(x => x.Skip).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Take).InclusiveBetween(1, GetAccessLog.MaxTake);
    }
}

internal sealed class GetAccessLogHandler(AuditDbContext db) : IRequestHandler<GetAccessLog, Paged<AccessRecordDto>>
{
    public async ValueTask<Paged<AccessRecordDto>> Handle(GetAccessLog request, CancellationToken cancellationToken)
    {
        if (!await db.CaseFiles.AnyAsync(c => c.Id == request.CaseFileId, cancellationToken))
        {
            throw new NotFoundException("Case file", request.CaseFileId);
        }

        var (total, items) = await db.AccessRecords.AsNoTracking()
            .Where(a => a.CaseFileId == request.CaseFileId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AccessRecordDto(a.At, a.UserName, a.AuditId, a.View))
            .PageAsync(request.Skip, request.Take, cancellationToken);
        return new Paged<AccessRecordDto>(items, total);
    }
}
