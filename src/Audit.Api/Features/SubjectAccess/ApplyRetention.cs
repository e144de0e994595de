using System.Text.Json;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain.CaseFiles;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.SubjectAccess;

/// <summary>Bound from the "Retention" section.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Case files whose audits all closed more than this many years ago are pseudonymised. Set it to the council's retention schedule.</summary>
    public int Years { get; set; } = 7;
}

/// <summary>Pseudonymises the case files past retention, or with <paramref name="DryRun"/> lists them and changes nothing.</summary>
public sealed record ApplyRetention(bool DryRun) : IRequest<RetentionRun>;

public sealed record RetentionCandidate(Guid CaseFileId, string Reference, DateTimeOffset LastClosedAt);

public sealed record RetentionRun(Guid RunId, bool DryRun, DateTimeOffset At, DateTimeOffset ClosedBefore, IReadOnlyList<RetentionCandidate> CaseFiles);

/// <summary>
/// A case file is past retention when it has audits, every one has reached a final state of its workflow, and the
/// newest of them closed (its last history line) before the cut-off. Its reference, worker, worker's sign-in and
/// extract are replaced; its audits, grades and actions stay for the statistics. Each changed case file gets its
/// change record, and the run itself one more, dry or not.
/// </summary>
internal sealed class ApplyRetentionHandler(AuditDbContext db, WorkflowRegistryHolder workflows, RetentionOptions options, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ApplyRetention, RetentionRun>
{
    public async ValueTask<RetentionRun> Handle(ApplyRetention request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutOff = now.AddYears(-options.Years);
        var audits = await db.Audits.AsNoTracking()
            .Join(db.CaseFiles.Where(c => !c.Reference.StartsWith(CaseFile.PseudonymPrefix)), a => a.CaseFileId, c => c.Id, (a, c) => new
            {
                a.CaseFileId,
                c.Reference,
                a.State,
                WorkflowName = a.Workflow.Name,
                WorkflowVersion = a.Workflow.Version,
                ClosedAt = db.History.Where(h => h.AuditId == a.Id && h.Sequence == a.HistoryLength).Select(h => (DateTimeOffset?)h.At).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var candidates = audits
            .GroupBy(a => (a.CaseFileId, a.Reference))
            .Where(file => file.All(a => a.ClosedAt is not null && workflows.FindOrLoad(db, a.WorkflowName, a.WorkflowVersion)?.IsFinal(a.State) == true))
            .Select(file => new RetentionCandidate(file.Key.CaseFileId, file.Key.Reference, file.Max(a => a.ClosedAt!.Value)))
            .Where(c => c.LastClosedAt < cutOff)
            .OrderBy(c => c.LastClosedAt)
            .ToList();

        var run = new RetentionRun(Guid.NewGuid(), request.DryRun, now, cutOff, candidates);
        if (!request.DryRun && candidates.Count > 0)
        {
            var ids = candidates.Select(c => c.CaseFileId).ToList();
            foreach (var caseFile in await db.CaseFiles.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken))
            {
                caseFile.Pseudonymise();
            }
        }

        db.ChangeRecords.Add(new ChangeRecord
        {
            At = now,
            UserName = user.UserName ?? "system",
            Entity = "RetentionRun",
            EntityKey = run.RunId.ToString(),
            Operation = request.DryRun ? "DryRun" : "Applied",

            // The case files a run pseudonymised, by key, in the change records' own shape; a dry run changes none.
            Changes = request.DryRun || candidates.Count == 0
                ? null
                : JsonSerializer.Serialize(new { modified = new Dictionary<string, IEnumerable<Guid>> { [nameof(CaseFile)] = candidates.Select(c => c.CaseFileId) } }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }
}
