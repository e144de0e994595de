using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.CaseFiles;
using Audit.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.CaseFiles;

public sealed record ExtractBody(string? Text);

/// <summary>An auditor or the PSW writes the redacted extract young assessors will read. It starts uncleared.</summary>
public sealed record PrepareExtract(Guid CaseFileId, string? Text) : IRequest<ExtractDto>;

/// <summary>An auditor or the PSW has checked the extract holds nothing identifying; young assessors may now see it.</summary>
public sealed record ClearExtract(Guid CaseFileId) : IRequest<ExtractDto>;

public sealed record ExtractDto(Guid CaseFileId, string? Text, bool Cleared, string? ClearedBy, DateTimeOffset? ClearedAt);

internal sealed class PrepareExtractValidator : AbstractValidator<PrepareExtract>
{
    public PrepareExtractValidator() => RuleFor(x => x.Text).NotEmpty().MaximumTrimmedLength(CaseFile.MaxExtractLength);
}

internal sealed class ExtractHandlers(AuditDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<PrepareExtract, ExtractDto>, IRequestHandler<ClearExtract, ExtractDto>
{
    public async ValueTask<ExtractDto> Handle(PrepareExtract request, CancellationToken cancellationToken)
    {
        var caseFile = await EditableAsync(request.CaseFileId, cancellationToken);
        caseFile.PrepareExtract(request.Text!);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(caseFile);
    }

    public async ValueTask<ExtractDto> Handle(ClearExtract request, CancellationToken cancellationToken)
    {
        var caseFile = await EditableAsync(request.CaseFileId, cancellationToken);
        caseFile.ClearExtract(user.UserName!, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(caseFile);
    }

    /// <summary>The PSW may edit any extract; an auditor only one for a case file they are auditing.</summary>
    private async Task<CaseFile> EditableAsync(Guid id, CancellationToken ct)
    {
        var caseFile = await db.CaseFiles.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Case file", id);
        var me = user.UserName;
        var auditing = await db.Audits.AnyAsync(a => a.CaseFileId == id && a.Assignments.Any(x => x.UserName == me && x.Role == Domain.Grading.GraderRole.Auditor), ct);
        return Permissions.MayEditExtract(user, auditing)
            ? caseFile
            : throw new ForbiddenException("Only the case file's auditor or the principal social worker prepares its extract.");
    }

    private static ExtractDto ToDto(CaseFile c) => new(c.Id, c.RedactedExtract, c.ExtractIsCleared, c.ExtractClearedBy, c.ExtractClearedAt);
}
