using Audit.Api.Features.Actions;
using Audit.Api.Features.CaseFiles;
using Audit.Api.Features.Templates;
using Audit.Api.Infrastructure;
using Audit.Domain.Grading;
using Audit.Api.Auth;
using Audit.Api.Workflows;

namespace Audit.Api.Features.Audits;

/// <summary>
/// Shapes an audit for the caller. Staff see it whole. A young assessor sees only what grading needs: no case
/// reference, no worker, no other grader's evidence, no moderation reasons, no actions, and nobody's name but
/// their own; criteria in their plain words where the template gives them, without the staff guidance.
/// </summary>
internal static class AuditViewBuilder
{
    private const string Someone = "staff";

    /// <summary>The audit as the signed-in caller may see it, with the triggers they may fire.</summary>
    public static AuditView Build(AuditAggregate aggregate, AuditPermissions permissions, ICurrentUser user, DateOnly today) =>
        Build(
            aggregate,
            new Viewer(user.UserName ?? "", permissions.SeesMinimised, permissions.PermittedTriggers, permissions.MayEditExtract, ShowsUnclearedExtract: false)
            {
                Blind = permissions.IsOnlySecondMarker,
                SeesSecondMarking = user.IsIn(Domain.Users.Role.PrincipalSocialWorker),
            },
            today);

    /// <summary>
    /// Exactly what the audit's young assessor will see, for the auditor preparing the extract: the minimised view,
    /// with the extract shown as it will read once cleared, and nothing for the young assessor to do.
    /// </summary>
    public static AuditView BuildYoungAssessorPreview(AuditAggregate aggregate, DateOnly today)
    {
        var youngAssessor = aggregate.Audit.Assignments.FirstOrDefault(a => a.Role == GraderRole.YoungAssessor)?.UserName ?? "";
        return Build(aggregate, new Viewer(youngAssessor, Minimised: true, PermittedTriggers: [], MayEditExtract: false, ShowsUnclearedExtract: true), today);
    }

    private sealed record Viewer(string UserName, bool Minimised, IReadOnlyList<string> PermittedTriggers, bool MayEditExtract, bool ShowsUnclearedExtract)
    {
        /// <summary>The blind second auditor: their own grading alone, no moderation, final grades or actions.</summary>
        public bool Blind { get; init; }

        /// <summary>Whether the second auditor's assignment and grading show (the PSW's view; the second auditor sees their own).</summary>
        public bool SeesSecondMarking { get; init; }
    }

    private static AuditView Build(AuditAggregate aggregate, Viewer viewer, DateOnly today)
    {
        var (audit, template, caseFile, team, actions) = aggregate;
        var me = viewer.UserName;
        var minimised = viewer.Minimised;
        var blind = viewer.Blind;
        bool Shown(GraderRole role, string userName) => role != GraderRole.SecondAuditor || viewer.SeesSecondMarking || userName == me;
        string Name(string userName) => !minimised || userName == me ? userName : Someone;

        var criteria = template.Criteria.OrderBy(c => c.Position).Select(c => minimised ? c.ToPlainWordsDto() : c.ToDto()).ToList();

        // Grades are listed in the template's order, whatever order the database gives the rows back in.
        var positions = template.Criteria.ToDictionary(c => c.Id, c => c.Position);
        int PositionOf(Guid criterionId) => positions.GetValueOrDefault(criterionId);
        return new AuditView(
            audit.Id,
            audit.State,
            new WorkflowRef(audit.Workflow.Name, audit.Workflow.Version),
            audit.RoundId,
            new CaseFileDto(
                caseFile.Id,
                minimised ? null : caseFile.Reference,
                caseFile.TeamId,
                minimised ? null : team.Name,
                caseFile.ServiceArea,
                caseFile.Stage,
                minimised ? null : caseFile.AllocatedWorker,
                caseFile.ChildAgeBand,
                !minimised || caseFile.ExtractIsCleared || viewer.ShowsUnclearedExtract ? caseFile.RedactedExtract : null,
                caseFile.ExtractIsCleared),
            audit.Assignments.Where(a => Shown(a.Role, a.UserName)).Select(a => new AssignmentView(Name(a.UserName), a.Role)).ToList(),
            criteria,
            template.Target.ToDto(),
            audit.Gradings
                .Where(g => (!minimised && !blind) || g.Grader == me)
                .Where(g => Shown(g.Role, g.Grader))
                .Select(g => new GradingView(
                    g.Grader,
                    g.Role,
                    g.Overall,
                    g.SubmittedAt,
                    g.Grades.OrderBy(x => PositionOf(x.CriterionId)).Select(x => new CriterionGradeView(x.CriterionId, x.Grade, x.Evidence)).ToList()))
                .ToList(),
            minimised || blind ? [] : audit.Moderation.Select(m => new ModerationView(m.CriterionId, m.Grade, m.Reason, m.Moderator, m.ModeratedAt)).ToList(),
            blind ? [] : audit.FinalGrades.OrderBy(f => PositionOf(f.CriterionId)).Select(f => new FinalGradeView(f.CriterionId, f.Grade, f.Moderated, template.Target.IsMetBy(f.Grade))).ToList(),
            blind ? null : audit.FinalOverall,
            minimised || blind ? [] : actions.Select(a => a.ToDto(criteria.First(c => c.Id == a.CriterionId).Title, team.Name, today)).ToList(),
            audit.Concerns.Where(c => !minimised || c.RaisedBy == me).Select(c => new ConcernView(c.Id, Name(c.RaisedBy), c.Description, c.RaisedAt)).ToList(),
            viewer.PermittedTriggers,
            viewer.MayEditExtract,
            audit.History.OrderBy(h => h.Sequence).Select(h => new HistoryView(h.At, Name(h.By), h.Trigger, h.FromState, h.ToState, minimised || (blind && h.By != me) ? "" : h.Detail)).ToList(),
            audit.CreatedAt,
            audit.CompletedAt);
    }
}
