using System.Security.Cryptography;
using Audit.Api.Features.Templates;
using Audit.Api.Infrastructure;
using Audit.Api.Notifications;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain.Audits;
using Audit.Domain.Calendar;
using Audit.Domain.CaseFiles;
using Audit.Domain.Grading;
using Audit.Domain.Notifications;
using Audit.Domain.Rounds;
using Audit.Domain.Teams;
using Audit.Domain.Templates;
using Audit.Domain.Users;
using Audit.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Audit.Api.Features.Rounds;

/// <summary>A team's share of a round's plan: its case files in scope, those skipped as recently audited, those taken.</summary>
public sealed record DraftTeam(Guid TeamId, string Name, ServiceArea ServiceArea, int InScope, int SkippedRecentlyAudited, int Taken);

/// <summary>
/// A round worked out in full and not saved: the round, the newest version of its template, the workflow, the case
/// files (sampled or listed) and who grades each. <see cref="RoundOpener.SaveAsync"/> saves exactly this.
/// </summary>
public sealed record RoundDraft(
    Round Round,
    Template Template,
    WorkflowDefinition Definition,
    IReadOnlyList<CaseFile> CaseFiles,
    IReadOnlyList<GraderPair> Assignments,
    IReadOnlyList<DraftTeam> Teams,
    int SkippedRecentlyAudited,
    int? Seed)
{
    /// <summary>The case files taken for a re-audit a team manager asked for, on top of the sample, and the requests they fulfil.</summary>
    public IReadOnlyList<(Guid RequestId, Guid CaseFileId)> Reaudits { get; init; } = [];

    public bool IsReaudit(Guid caseFileId) => Reaudits.Any(r => r.CaseFileId == caseFileId);
}

/// <summary>
/// The one way a round is planned and opened, by the principal social worker's request or by a recurring plan.
/// <see cref="PlanAsync"/> works out the whole plan and writes nothing (the preview shows it); <see cref="SaveAsync"/>
/// saves that plan: one audit each, and the graders told, in the caller's unit of work and its one SaveChanges.
/// </summary>
public sealed class RoundOpener(
    AuditDbContext db,
    AuditWorkflow workflow,
    WorkflowRegistryHolder registry,
    IOptions<WorkflowOptions> options,
    Notifier notifier,
    TimeProvider clock,
    CouncilCalendar calendar)
{
    /// <param name="request">A request that has passed the round request's validator.</param>
    /// <param name="openedBy">The principal social worker who planned the round (for a recurring plan, who made the plan).</param>
    public async Task<RoundPlanned> OpenAsync(IRoundRequest request, string openedBy, CancellationToken cancellationToken) =>
        await SaveAsync(await PlanAsync(request, openedBy, cancellationToken), cancellationToken);

    /// <summary>
    /// Works the plan out: the newest version of the template (a retired one refused), the workflow, the grader pools,
    /// the case files listed or drawn with the seed (one picked when the request has none), and who grades what.
    /// Reads only: nothing is added to the unit of work.
    /// </summary>
    public async Task<RoundDraft> PlanAsync(IRoundRequest request, string openedBy, CancellationToken cancellationToken)
    {
        var template = await TemplateVersions.NewestForNewRoundsAsync(db, request.TemplateId!.Value, cancellationToken);
        var definition = await registry.LatestAsync(db, request.Workflow ?? options.Value.Default, cancellationToken)
            ?? throw new InvalidFieldException("workflow", $"There is no workflow named '{request.Workflow}'.");
        var auditors = await PoolAsync(request.Auditors ?? [request.Auditor!], GraderRole.Auditor, request.Auditors is null ? "auditor" : "auditors", cancellationToken);
        var youngAssessors = await YoungAssessorsAsync(request, template, cancellationToken);

        var round = new Round(Guid.CreateVersion7(), request.Name!, template.Id, request.DueOn!.Value, openedBy, clock.GetUtcNow(), calendar);
        IReadOnlyList<Guid> ids;
        IReadOnlyList<DraftTeam> teams;
        IReadOnlyList<(Guid RequestId, Guid CaseFileId)> reaudits = [];
        int? seed = null;
        if (request.Sample is { } sample)
        {
            var rule = new SampleRule(
                sample.PerTeam!.Value,
                sample.ServiceAreas ?? [],
                sample.Teams ?? [],
                sample.ExcludeAuditedWithinMonths!.Value,
                sample.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue));
            (ids, teams, reaudits) = await SampleAsync(rule, cancellationToken);
            round.RecordSample(rule);
            seed = rule.Seed;
        }
        else
        {
            ids = request.CaseFileIds!;
            teams = [];
        }

        var caseFiles = await db.CaseFiles.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var unknown = ids.Where(id => !caseFiles.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidFieldException("caseFileIds", $"There is no case file {string.Join(", ", unknown)}.");
        }

        if (request.Sample is null)
        {
            teams = await ListedByTeamAsync(ids.Select(id => caseFiles[id]).ToList(), cancellationToken);
        }

        var pairs = GraderAssignment.Assign(ids.Select(id => (id, caseFiles[id].TeamId)).ToList(), auditors, youngAssessors, request.YoungAssessors is null ? "youngAssessor" : "youngAssessors");
        var secondMarking = request.SecondMarkingPercent ?? 0;
        round.RecordSecondMarking(secondMarking);
        if (secondMarking > 0)
        {
            pairs = SecondMarking.Assign(seed ?? SecondMarking.SeedOf(ids), secondMarking, pairs, caseFiles.ToDictionary(c => c.Key, c => c.Value.TeamId), auditors);
        }
        return new RoundDraft(round, template, definition, ids.Select(id => caseFiles[id]).ToList(), pairs, teams, teams.Sum(t => t.SkippedRecentlyAudited), seed)
        {
            Reaudits = reaudits,
        };
    }

    /// <summary>Saves exactly the plan: the round, one audit per case file with its graders, and each grader told.</summary>
    public async Task<RoundPlanned> SaveAsync(RoundDraft draft, CancellationToken cancellationToken)
    {
        var round = draft.Round;
        var caseFiles = draft.CaseFiles.ToDictionary(c => c.Id);
        db.Rounds.Add(round);
        var audits = draft.Assignments
            .Select(pair => workflow.Start(round.Id, draft.Template, caseFiles[pair.CaseFileId], Assignments(pair), draft.Definition, round.DueOn))
            .ToList();
        db.Audits.AddRange(audits);
        await FulfilReauditsAsync(draft, audits, cancellationToken);
        foreach (var grader in draft.Assignments.Select(p => p.Auditor).Concat(draft.Assignments.Select(p => p.YoungAssessor).OfType<string>()).GroupBy(g => g))
        {
            notifier.Notify(
                [grader.Key],
                NotificationKind.Assignment,
                $"You have {grader.Count()} case file(s) to grade in \"{round.Name}\", due {round.DueOn:d MMMM yyyy}.",
                roundId: round.Id);
        }

        foreach (var second in draft.Assignments.Select(p => p.SecondAuditor).OfType<string>().GroupBy(g => g))
        {
            notifier.Notify(
                [second.Key],
                NotificationKind.Assignment,
                $"You have {second.Count()} case file(s) to grade blind, as second auditor, in \"{round.Name}\", due {round.DueOn:d MMMM yyyy}.",
                roundId: round.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new RoundPlanned(round.Id, audits.Select(a => a.Id).ToList(), round.SampleSeed);
    }

    /// <summary>Each re-audit request taken is fulfilled by its case file's new audit, and the audit's history says why it is in the round.</summary>
    private async Task FulfilReauditsAsync(RoundDraft draft, IReadOnlyList<CaseFileAudit> audits, CancellationToken ct)
    {
        if (draft.Reaudits.Count == 0)
        {
            return;
        }

        var ids = draft.Reaudits.Select(r => r.RequestId).ToList();
        var requests = await db.ReauditRequests.Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var audit in audits.Where(a => draft.IsReaudit(a.CaseFileId)))
        {
            foreach (var request in requests.Where(r => r.CaseFileId == audit.CaseFileId))
            {
                request.Fulfil(draft.Round.Id, audit.Id, now);
            }

            audit.RecordTransition(draft.Round.CreatedBy, ReauditTrigger, audit.State, audit.State, "In this round for the re-audit a team manager asked for when closing a follow-up action.", now);
        }
    }

    /// <summary>The history line of an audit that is in its round for a re-audit.</summary>
    public const string ReauditTrigger = "reauditRequested";

    private static List<Assignment> Assignments(GraderPair pair)
    {
        List<Assignment> assignments = [new(pair.Auditor, GraderRole.Auditor)];
        if (pair.YoungAssessor is not null)
        {
            assignments.Add(new(pair.YoungAssessor, GraderRole.YoungAssessor));
        }

        if (pair.SecondAuditor is not null)
        {
            assignments.Add(new(pair.SecondAuditor, GraderRole.SecondAuditor));
        }

        return assignments;
    }

    private async Task<IReadOnlyList<PoolMember>> YoungAssessorsAsync(IRoundRequest request, Template template, CancellationToken ct)
    {
        var named = request.YoungAssessors ?? (string.IsNullOrWhiteSpace(request.YoungAssessor) ? [] : [request.YoungAssessor]);
        var field = request.YoungAssessors is null ? "youngAssessor" : "youngAssessors";
        if (template.Requires(GraderRole.YoungAssessor) && named.Count == 0)
        {
            throw new InvalidFieldException(field, "This template is graded by a young assessor too: name one, or a pool.");
        }

        if (!template.Requires(GraderRole.YoungAssessor) && named.Count > 0)
        {
            throw new InvalidFieldException(field, "This template does not ask for a young assessor.");
        }

        return await PoolAsync(named, GraderRole.YoungAssessor, field, ct);
    }

    /// <summary>The named people (matched without regard to case), each of whom must hold the role the grader role asks for.</summary>
    private async Task<IReadOnlyList<PoolMember>> PoolAsync(IReadOnlyList<string> named, GraderRole role, string field, CancellationToken ct)
    {
        var userNames = UserNames.Canonical(named, field);
        var members = await db.Staff.AsNoTracking().Where(s => userNames.Contains(s.UserName)).ToListAsync(ct);
        foreach (var name in userNames)
        {
            var member = members.SingleOrDefault(m => m.UserName == name) ?? throw new InvalidFieldException(field, $"There is no user '{name}'.");
            member.EnsureMayGradeAs(role, field);
        }

        return userNames.Select(name => new PoolMember(name, members.Single(m => m.UserName == name).TeamId)).ToList();
    }

    /// <summary>Hand-picked case files counted by team: nothing is skipped, every one listed is taken.</summary>
    private async Task<IReadOnlyList<DraftTeam>> ListedByTeamAsync(IReadOnlyList<CaseFile> caseFiles, CancellationToken ct)
    {
        var teamIds = caseFiles.Select(c => c.TeamId).Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).OrderBy(t => t.Name).ToListAsync(ct);
        return teams.Select(t =>
        {
            var taken = caseFiles.Count(c => c.TeamId == t.Id);
            return new DraftTeam(t.Id, t.Name, t.ServiceArea, taken, 0, taken);
        }).ToList();
    }

    /// <summary>Candidates per team in scope, skipping files audited within the window, then the seeded draw.</summary>
    private async Task<(IReadOnlyList<Guid> Sample, IReadOnlyList<DraftTeam> Teams, IReadOnlyList<(Guid RequestId, Guid CaseFileId)> Reaudits)> SampleAsync(SampleRule rule, CancellationToken ct)
    {
        var teams = (await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct)).Where(rule.Covers).ToList();
        var unknownTeams = rule.Teams.Where(id => teams.All(t => t.Id != id)).ToList();
        if (unknownTeams.Count > 0)
        {
            var names = await db.Teams.AsNoTracking().Where(t => unknownTeams.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
            var which = string.Join(", ", unknownTeams.Select(id => names.GetValueOrDefault(id, id.ToString())));
            throw new InvalidFieldException("sample.teams", $"These teams are not in the service areas chosen: {which}.");
        }

        var teamIds = teams.Select(t => t.Id).ToList();
        var cutoff = clock.GetUtcNow().AddMonths(-rule.ExcludeAuditedWithinMonths);
        var inScope = await db.CaseFiles.AsNoTracking()
            .Where(c => teamIds.Contains(c.TeamId))
            .Select(c => new { c.Id, c.TeamId, Recent = db.Audits.Any(a => a.CaseFileId == c.Id && a.CreatedAt > cutoff) })
            .ToListAsync(ct);
        var byTeam = inScope.Where(c => !c.Recent).ToLookup(c => c.TeamId, c => c.Id);
        var drawn = Sampler.Draw(rule, teams.Select(t => (t.Id, (IReadOnlyList<Guid>)byTeam[t.Id].ToList())));

        // Re-audits asked for and due by today, of case files in the teams sampled: taken on top of the sample, recent or not.
        var today = calendar.Today(clock.GetUtcNow());
        var reaudits = (await db.ReauditRequests.AsNoTracking()
                .Where(r => r.FulfilledByAuditId == null && r.DueOn <= today)
                .Join(db.CaseFiles, r => r.CaseFileId, c => c.Id, (r, c) => new { r.Id, r.CaseFileId, c.TeamId })
                .Where(x => teamIds.Contains(x.TeamId))
                .ToListAsync(ct))
            .OrderBy(x => x.CaseFileId).ThenBy(x => x.Id)
            .Select(x => (x.Id, x.CaseFileId))
            .ToList();
        var sample = drawn.Concat(reaudits.Select(r => r.CaseFileId).Distinct().Where(id => !drawn.Contains(id))).ToList();
        if (sample.Count == 0)
        {
            throw new InvalidFieldException("sample", "No case file fits the sample rule: every one in scope was audited within the window.");
        }

        if (sample.Count > PlanRound.MaxCaseFiles)
        {
            throw new InvalidFieldException("sample.perTeam", $"The sample would hold {sample.Count} case files; a round has at most {PlanRound.MaxCaseFiles}.");
        }

        var taken = sample.ToHashSet();
        var counts = teams
            .Select(t => new DraftTeam(
                t.Id,
                t.Name,
                t.ServiceArea,
                inScope.Count(c => c.TeamId == t.Id),
                inScope.Count(c => c.TeamId == t.Id && c.Recent),
                inScope.Count(c => c.TeamId == t.Id && taken.Contains(c.Id))))
            .ToList();
        return (sample, counts, reaudits);
    }
}
