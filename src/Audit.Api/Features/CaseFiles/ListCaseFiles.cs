using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.CaseFiles;

/// <summary>
/// Case files by reference, filtered by team, service area and stage, and by a part of the reference
/// (<paramref name="Reference"/> matches anywhere in it, <c>%</c>, <c>_</c> and <c>\</c> literally). One page of them
/// with the total the filters match.
/// </summary>
public sealed record ListCaseFiles(
    Guid? TeamId = null,
    ServiceArea? ServiceArea = null,
    Stage? Stage = null,
    string? Reference = null,
    int Skip = 0,
    int Take = ListCaseFiles.DefaultTake)
    : IRequest<Paged<CaseFileDto>>
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;
    public const int MaxReferenceLength = 50;
}

internal sealed class ListCaseFilesValidator : AbstractValidator<ListCaseFiles>
{
    public ListCaseFilesValidator()
    {
        RuleFor(x => x.Skip).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Take).InclusiveBetween(1, ListCaseFiles.MaxTake);
        RuleFor(x => x.ServiceArea).IsInEnum();
        RuleFor(x => x.Stage).IsInEnum();
        RuleFor(x => x.Reference).MaximumLength(ListCaseFiles.MaxReferenceLength)
            .WithMessage($"A reference is at most {ListCaseFiles.MaxReferenceLength} characters.");
    }
}

internal sealed class ListCaseFilesHandler(AuditDbContext db, AccessLog accessLog) : IRequestHandler<ListCaseFiles, Paged<CaseFileDto>>
{
    private const char LikeEscape = '\\';

    public async ValueTask<Paged<CaseFileDto>> Handle(ListCaseFiles request, CancellationToken cancellationToken)
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

        if (request.Stage is { } stage)
        {
            query = query.Where(c => c.Stage == stage);
        }

        if (!string.IsNullOrWhiteSpace(request.Reference))
        {
            var pattern = "%" + EscapeLike(request.Reference.Trim()) + "%";
            // SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE does the same on its "C" collation.
            query = db.Database.IsNpgsql()
                ? query.Where(c => EF.Functions.ILike(c.Reference, pattern, LikeEscape.ToString()))
                : query.Where(c => EF.Functions.Like(c.Reference, pattern, LikeEscape.ToString()));
        }

        var (total, caseFiles) = await query
            .Join(db.Teams, c => c.TeamId, t => t.Id, (c, t) => new { c, TeamName = t.Name })
            .OrderBy(x => x.c.Reference)
            .Select(x => new CaseFileDto(
                x.c.Id, x.c.Reference, x.c.TeamId, x.TeamName, x.c.ServiceArea, x.c.Stage, x.c.AllocatedWorker, x.c.ChildAgeBand,
                x.c.RedactedExtract, x.c.RedactedExtract != null && x.c.ExtractClearedBy != null,
                db.Audits.Where(a => a.CaseFileId == x.c.Id).OrderByDescending(a => a.CreatedAt).Select(a => (DateTimeOffset?)a.CreatedAt).FirstOrDefault(),
                x.c.WorkerUserName))
            .PageAsync(request.Skip, request.Take, cancellationToken);
        accessLog.Record(AccessViews.CaseFileList, caseFiles.Select(c => (c.Id, (Guid?)null)));
        await db.SaveChangesAsync(cancellationToken);
        return new Paged<CaseFileDto>(caseFiles, total);
    }

    /// <summary>What was typed, matched as it is: the escape character and LIKE's wildcards each escaped.</summary>
    internal static string EscapeLike(string text) => text
        .Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("%", @"\%", StringComparison.Ordinal)
        .Replace("_", @"\_", StringComparison.Ordinal);
}
