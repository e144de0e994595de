using System.Linq.Expressions;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Actions;
using Audit.Domain.Audits;
using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;
using Audit.Domain.Templates;
using Audit.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Workflows;

/// <summary>An audit with everything its rules and its view need, loaded in a fixed number of queries.</summary>
public sealed record AuditAggregate(CaseFileAudit Audit, Template Template, CaseFile CaseFile, Team Team, IReadOnlyList<FollowUpAction> Actions)
{
    /// <summary>
    /// The audit as its rules need it: without its history, whose next line is chained on from the head and length
    /// kept on the audit. The history the caller sees is then the lines this request adds.
    /// </summary>
    public static Task<AuditAggregate> LoadAsync(AuditDbContext db, Guid id, CancellationToken ct) => LoadAsync(db, id, withHistory: false, ct);

    /// <summary>The audit with its whole history, to show it or check its chain.</summary>
    public static Task<AuditAggregate> LoadWithHistoryAsync(AuditDbContext db, Guid id, CancellationToken ct) => LoadAsync(db, id, withHistory: true, ct);

    private static async Task<AuditAggregate> LoadAsync(AuditDbContext db, Guid id, bool withHistory, CancellationToken ct)
    {
        // One connection for the request's reads and its write, rather than one taken from the pool for each query.
        await db.Database.OpenConnectionAsync(ct);
        var audit = await (withHistory ? AuditWithHistory(db, id, ct) : AuditAlone(db, id, ct)) ?? throw new NotFoundException("Audit", id);
        await foreach (var _ in GradingsOf(db, id).WithCancellation(ct))
        {
            // Loaded into the change tracker, which fixes them up on the audit.
        }

        // Final grades are written once, with the moment they became final: before it there are none to read.
        if (audit.FinalisedAt is not null)
        {
            await db.Entry(audit).Collection(a => a.FinalGrades).LoadAsync(ct);
        }

        var template = await TemplateVersionCache.GetAsync(db, audit.TemplateId, ct);
        var held = await CaseFileAndTeam(db, audit.CaseFileId, audit.TeamId, ct);

        // Actions are raised once, all together, and the audit notes when: before that there are none to read.
        var actions = audit.ActionsRaisedAt is null ? [] : await ActionsOf(db, id).ToListAsync(ct);
        return new AuditAggregate(audit, template, held.CaseFile, held.Team, actions);
    }

    // Every grading loads an audit: its queries are compiled once rather than translated from their expressions each time.
    // The audit with its small collections in one query (a handful of rows); its gradings, whose grades carry long
    // evidence, in a second rather than multiplied into it.
    private static readonly Func<AuditDbContext, Guid, CancellationToken, Task<CaseFileAudit?>> AuditAlone = EF.CompileAsyncQuery(
        (AuditDbContext db, Guid id, CancellationToken ct) => db.Audits.Include(a => a.Moderation).Include(a => a.Concerns).AsSingleQuery().SingleOrDefault(a => a.Id == id));

    private static readonly Func<AuditDbContext, Guid, CancellationToken, Task<CaseFileAudit?>> AuditWithHistory = EF.CompileAsyncQuery(
        (AuditDbContext db, Guid id, CancellationToken ct) => db.Audits.Include(a => a.Moderation).Include(a => a.Concerns).Include(a => a.History).AsSplitQuery().SingleOrDefault(a => a.Id == id));

    private static readonly Func<AuditDbContext, Guid, IAsyncEnumerable<AuditGrading>> GradingsOf = EF.CompileAsyncQuery(
        (AuditDbContext db, Guid id) => db.Gradings.Include(g => g.Grades).Where(g => g.AuditId == id));

    private static readonly Func<AuditDbContext, Guid, Guid, CancellationToken, Task<CaseFileAndTeamRow>> CaseFileAndTeam = EF.CompileAsyncQuery(
        (AuditDbContext db, Guid caseFileId, Guid teamId, CancellationToken ct) => (
                from caseFile in db.CaseFiles.Where(c => c.Id == caseFileId)
                from team in db.Teams.Where(t => t.Id == teamId)
                select new CaseFileAndTeamRow(caseFile, team))
            .Single());

    private static readonly Func<AuditDbContext, Guid, IAsyncEnumerable<FollowUpAction>> ActionsOf = EF.CompileAsyncQuery<AuditDbContext, Guid, FollowUpAction>(
        (AuditDbContext db, Guid id) => db.Actions.Where(a => a.AuditId == id).OrderBy(a => a.RaisedAt));

    private sealed record CaseFileAndTeamRow(CaseFile CaseFile, Team Team);

    /// <summary>
    /// Many audits as their rules need them (no history), tracked, in the same fixed number of queries as one: what the
    /// timer runner fires a batch of timers against. Their gradings (with their grades and final grades) are loaded only
    /// for the audits <paramref name="needsGradings"/> picks (all when it is null): a timer whose effects read none
    /// (an escalation, a notification) need not track a dozen rows of evidence per audit.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, AuditAggregate>> LoadManyAsync(AuditDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct, Func<CaseFileAudit, bool>? needsGradings = null)
    {
        var keys = ids.ToList();
        var audits = await KeyedBy(db, db.Audits, a => a.Id, keys)
            .Include(a => a.Moderation)
            .Include(a => a.Concerns)
            .AsSingleQuery()
            .ToListAsync(ct);
        var graded = needsGradings is null ? keys : audits.Where(needsGradings).Select(a => a.Id).ToList();
        if (graded.Count > 0)
        {
            await KeyedBy(db, db.Gradings, g => g.AuditId, graded).Include(g => g.Grades).LoadAsync(ct);
        }

        var finalised = audits.Where(a => a.FinalisedAt is not null && graded.Contains(a.Id)).Select(a => a.Id).ToList();
        if (finalised.Count > 0)
        {
            await KeyedBy(db, db.FinalGrades, f => f.AuditId, finalised).LoadAsync(ct);
        }

        var caseFileIds = audits.Select(a => a.CaseFileId).Distinct().ToList();
        // Only read: not tracked.
        var caseFiles = await db.CaseFiles.AsNoTracking().Where(c => caseFileIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var teamIds = audits.Select(a => a.TeamId).Distinct().ToList();
        var teams = await db.Teams.Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var raised = audits.Where(a => a.ActionsRaisedAt is not null).Select(a => a.Id).ToList();
        List<FollowUpAction> actions = raised.Count == 0
            ? []
            : await KeyedBy(db, db.Actions, a => a.AuditId, raised).OrderBy(a => a.RaisedAt).ToListAsync(ct);
        var actionsOf = actions.ToLookup(a => a.AuditId);
        var templates = new Dictionary<Guid, Template>();
        foreach (var templateId in audits.Select(a => a.TemplateId).Distinct())
        {
            templates[templateId] = await TemplateVersionCache.GetAsync(db, templateId, ct);
        }

        return audits.ToDictionary(
            a => a.Id,
            a => new AuditAggregate(a, templates[a.TemplateId], caseFiles[a.CaseFileId], teams[a.TeamId], actionsOf[a.Id].ToList()));
    }

    /// <summary>
    /// The rows whose <paramref name="key"/> is one of <paramref name="keys"/>. On PostgreSQL they are joined to
    /// <c>unnest(@keys)</c> rather than filtered by <c>= ANY(@keys)</c>, which over a timer batch's 500 keys took
    /// PostgreSQL 15 about eight times as long (33 ms against 4 ms for the audits; bench/README.md, "Several instances");
    /// EF composes the includes and the council filter on top as on any query. On SQLite, <c>Contains</c> as anywhere.
    /// </summary>
    private static IQueryable<T> KeyedBy<T>(AuditDbContext db, DbSet<T> set, Expression<Func<T, Guid>> key, List<Guid> keys)
        where T : class
    {
        var property = ((MemberExpression)key.Body).Member.Name;
        if (db.Database.IsSqlite())
        {
            return set.Where(row => keys.Contains(EF.Property<Guid>(row, property)));
        }

        var type = set.EntityType;
        var table = type.GetTableName()!;
        var column = type.FindProperty(property)!.GetColumnName();

        // Over raw SQL, EF reads a complex property's columns by their default names (Workflow_Name), not the table's.
        var complexColumns = type.GetComplexProperties()
            .SelectMany(c => c.ComplexType.GetProperties().Select(p => (Column: p.GetColumnName(), Default: $"{c.Name}_{p.Name}")))
            .Where(c => c.Column != c.Default)
            .Select(c => $", t.\"{c.Column}\" AS \"{c.Default}\"");

        // The table and the column names are the model's, never input; the keys travel as a parameter.
#pragma warning disable EF1003
        return set.FromSqlRaw("SELECT t.*" + string.Concat(complexColumns) + " FROM \"" + table + "\" AS t JOIN unnest({0}) AS k(key) ON t.\"" + column + "\" = k.key", keys.ToArray());
#pragma warning restore EF1003
    }

    /// <summary>What the workflow's guards read about the audit as it now stands.</summary>
    public AuditFacts Facts() => AuditFacts.Of(Audit, Template, Actions);
}
