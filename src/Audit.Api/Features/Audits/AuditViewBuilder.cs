using Audit.Api.Features.Actions;
using Audit.Api.Features.CaseFiles;
using Audit.Api.Features.Templates;
using Audit.Api.Infrastructure;
using Audit.Domain.Grading;
using Audit.Domain.Users;

namespace Audit.Api.Features.Audits;

/// <summary>
/// Shapes an audit for the caller. Staff see it whole. A young assessor sees only what grading needs: no case
/// reference, no worker, no other grader's evidence, no moderation reasons, no actions, and nobody's name but
/// their own; criteria in their plain words where the template gives them, without the staff guidance.
/// </summary>
internal static class AuditViewBuilder
{
    private const string Someone = "staff";

    public static bool SeesMinimised(ICurrentUser user) =>
        !(user.IsIn(Role.PrincipalSocialWorker) || user.IsIn(Role.Auditor) || user.IsIn(Role.TeamManager) || user.IsIn(Role.ServiceManager));

    public static AuditView Build(AuditAggregate aggregate, IReadOnlyList<string> permittedTriggers, ICurrentUser user, DateOnly today)
    {
        var (audit, template, caseFile, team, actions) = aggregate;
        var me = user.UserName ?? "";
        var minimised = SeesMinimised(user);
        string Name(string userName) => !minimised || userName == me ? userName : Someone;

        var criteria = template.Criteria.OrderBy(c => c.Position).Select(c => minimised ? c.ToPlainWordsDto() : c.ToDto()).ToList();
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
                !minimised || caseFile.ExtractIsCleared ? caseFile.RedactedExtract : null,
                caseFile.ExtractIsCleared),
            audit.Assignments.Select(a => new AssignmentView(Name(a.UserName), a.Role)).ToList(),
            criteria,
            template.Target.ToDto(),
            audit.Gradings
                .Where(g => !minimised || g.Grader == me)
                .Select(g => new GradingView(
                    g.Grader,
                    g.Role,
                    g.Overall,
                    g.SubmittedAt,
                    g.Grades.Select(x => new CriterionGradeView(x.CriterionId, x.Grade, x.Evidence)).ToList()))
                .ToList(),
            minimised ? [] : audit.Moderation.Select(m => new ModerationView(m.CriterionId, m.Grade, m.Reason, m.Moderator, m.ModeratedAt)).ToList(),
            audit.FinalGrades.Select(f => new FinalGradeView(f.CriterionId, f.Grade, f.Moderated, template.Target.IsMetBy(f.Grade))).ToList(),
            audit.FinalOverall,
            minimised ? [] : actions.Select(a => a.ToDto(criteria.First(c => c.Id == a.CriterionId).Title, team.Name, today)).ToList(),
            audit.Concerns.Where(c => !minimised || c.RaisedBy == me).Select(c => new ConcernView(c.Id, Name(c.RaisedBy), c.Description, c.RaisedAt)).ToList(),
            permittedTriggers,
            audit.History.OrderBy(h => h.Sequence).Select(h => new HistoryView(h.At, Name(h.By), h.Trigger, h.FromState, h.ToState, minimised ? "" : h.Detail)).ToList(),
            audit.CreatedAt,
            audit.CompletedAt);
    }
}
