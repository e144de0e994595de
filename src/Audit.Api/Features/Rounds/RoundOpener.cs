using System.Security.Cryptography;
using Audit.Api.Infrastructure;
using Audit.Api.Notifications;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain.Audits;
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

/// <summary>
/// The one way a round is opened, by the principal social worker's request or by a recurring plan: the template and
/// workflow, the graders, the case files listed or sampled, one audit each, and the graders told, in the caller's
/// unit of work and its one SaveChanges.
/// </summary>
public sealed class RoundOpener(
    AuditDbContext db,
    AuditWorkflow workflow,
    WorkflowRegistryHolder registry,
    IOptions<WorkflowOptions> options,
    Notifier notifier,
    TimeProvider clock)
{
    /// <param name="request">A request that has passed <c>PlanRoundValidator</c>.</param>
    /// <param name="openedBy">The principal social worker who planned the round (for a recurring plan, who made the plan).</param>
    public async Task<RoundPlanned> OpenAsync(PlanRound request, string openedBy, CancellationToken cancellationToken)
    {
        var template = await db.Templates.Include(t => t.Criteria).SingleOrDefaultAsync(t => t.Id == request.TemplateId, cancellationToken)
            ?? throw new InvalidFieldException("templateId", $"There is no template {request.TemplateId}.");
        var definition = await registry.LatestAsync(db, request.Workflow ?? options.Value.Default, cancellationToken)
            ?? throw new InvalidFieldException("workflow", $"There is no workflow named '{request.Workflow}'.");
        var auditors = await PoolAsync(request.Auditors ?? [request.Auditor!], Role.Auditor, request.Auditors is null ? "auditor" : "auditors", cancellationToken);
        var youngAssessors = await YoungAssessorsAsync(request, template, cancellationToken);

        var round = new Round(Guid.CreateVersion7(), request.Name!, template.Id, request.DueOn!.Value, openedBy, clock.GetUtcNow());
        IReadOnlyList<Guid> ids;
        if (request.Sample is { } sample)
        {
            var rule = new SampleRule(
                sample.PerTeam!.Value,
                sample.ServiceAreas ?? [],
                sample.Teams ?? [],
                sample.ExcludeAuditedWithinMonths!.Value,
                sample.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue));
            ids = await SampleAsync(rule, cancellationToken);
            round.RecordSample(rule);
        }
        else
        {
            ids = request.CaseFileIds!;
        }

        var caseFiles = await db.CaseFiles.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var unknown = ids.Where(id => !caseFiles.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidFieldException("caseFileIds", $"There is no case file {string.Join(", ", unknown)}.");
        }

        var pairs = GraderAssignment.Assign(ids.Select(id => (id, caseFiles[id].TeamId)).ToList(), auditors, youngAssessors);
        db.Rounds.Add(round);
        var audits = pairs
            .Select(pair => workflow.Start(round.Id, template, caseFiles[pair.CaseFileId], Assignments(pair), definition, round.DueOn))
            .ToList();
        db.Audits.AddRange(audits);
        foreach (var grader in pairs.Select(p => p.Auditor).Concat(pairs.Select(p => p.YoungAssessor).OfType<string>()).GroupBy(g => g))
        {
            notifier.Notify(
                [grader.Key],
                NotificationKind.Assignment,
                $"You have {grader.Count()} case file(s) to grade in \"{round.Name}\", due {round.DueOn:d MMMM yyyy}.",
                roundId: round.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new RoundPlanned(round.Id, audits.Select(a => a.Id).ToList(), round.SampleSeed);
    }

    private static List<Assignment> Assignments(GraderPair pair) =>
        pair.YoungAssessor is null
            ? [new(pair.Auditor, GraderRole.Auditor)]
            : [new(pair.Auditor, GraderRole.Auditor), new(pair.YoungAssessor, GraderRole.YoungAssessor)];

    private async Task<IReadOnlyList<PoolMember>> YoungAssessorsAsync(PlanRound request, Template template, CancellationToken ct)
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

        return await PoolAsync(named, Role.YoungAssessor, field, ct);
    }

    /// <summary>The named people, each of whom must hold the role.</summary>
    private async Task<IReadOnlyList<PoolMember>> PoolAsync(IReadOnlyList<string> userNames, string role, string field, CancellationToken ct)
    {
        var members = await db.Staff.AsNoTracking().Where(s => userNames.Contains(s.UserName)).ToListAsync(ct);
        foreach (var name in userNames)
        {
            var member = members.SingleOrDefault(m => m.UserName == name) ?? throw new InvalidFieldException(field, $"There is no user '{name}'.");
            if (!member.IsIn(role))
            {
                throw new InvalidFieldException(field, $"{name} is not a {role}.");
            }
        }

        return userNames.Select(name => new PoolMember(name, members.Single(m => m.UserName == name).TeamId)).ToList();
    }

    /// <summary>Candidates per team in scope, skipping files audited within the window, then the seeded draw.</summary>
    private async Task<IReadOnlyList<Guid>> SampleAsync(SampleRule rule, CancellationToken ct)
    {
        var teams = (await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct)).Where(rule.Covers).ToList();
        var unknownTeams = rule.Teams.Where(id => teams.All(t => t.Id != id)).ToList();
        if (unknownTeams.Count > 0)
        {
            throw new InvalidFieldException("sample.teams", $"There is no team {string.Join(", ", unknownTeams)} in the chosen service areas.");
        }

        var teamIds = teams.Select(t => t.Id).ToList();
        var cutoff = clock.GetUtcNow().AddMonths(-rule.ExcludeAuditedWithinMonths);
        var candidates = await db.CaseFiles.AsNoTracking()
            .Where(c => teamIds.Contains(c.TeamId) && !db.Audits.Any(a => a.CaseFileId == c.Id && a.CreatedAt > cutoff))
            .Select(c => new { c.Id, c.TeamId })
            .ToListAsync(ct);
        var byTeam = candidates.ToLookup(c => c.TeamId, c => c.Id);
        var sample = Sampler.Draw(rule, teams.Select(t => (t.Id, (IReadOnlyList<Guid>)byTeam[t.Id].ToList())));
        return sample.Count == 0
            ? throw new InvalidFieldException("sample", "No case file fits the sample rule: every one in scope was audited within the window.")
            : sample.Count > PlanRound.MaxCaseFiles
                ? throw new InvalidFieldException("sample.perTeam", $"The sample would hold {sample.Count} case files; a round has at most {PlanRound.MaxCaseFiles}.")
                : sample;
    }
}
