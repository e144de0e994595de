using Audit.Api.Infrastructure;
using Audit.Domain.Teams;
using Mediator;

namespace Audit.Api.Features.Rounds;

/// <summary>
/// The plan a round's body would open, worked out in full and not saved: the body of <see cref="PlanRound"/>. The
/// answer carries the seed the sample was drawn with; opening the round with that seed saves the same plan.
/// </summary>
public sealed record PreviewRound(
    string? Name,
    Guid? TemplateId,
    DateOnly? DueOn,
    IReadOnlyList<Guid>? CaseFileIds,
    SampleInput? Sample,
    string? Auditor,
    string? YoungAssessor,
    IReadOnlyList<string>? Auditors,
    IReadOnlyList<string>? YoungAssessors,
    string? Workflow,
    int? SecondMarkingPercent = null) : IRoundRequest, IRequest<RoundPreview>
{
    public static PreviewRound Of(PlanRound plan) => new(
        plan.Name, plan.TemplateId, plan.DueOn, plan.CaseFileIds, plan.Sample, plan.Auditor, plan.YoungAssessor, plan.Auditors, plan.YoungAssessors, plan.Workflow,
        plan.SecondMarkingPercent);
}

/// <param name="ReauditRequested">Taken on top of the sample for a re-audit a team manager asked for (fulfilled when the round opens).</param>
public sealed record PreviewCaseFile(Guid Id, string Reference, Guid TeamId, string TeamName, ServiceArea ServiceArea, bool ReauditRequested);

/// <param name="SecondAuditor">Who grades the case file blind as second auditor; null when it is not second marked.</param>
public sealed record PreviewAssignment(Guid CaseFileId, string Auditor, string? YoungAssessor, string? SecondAuditor);

public sealed record PreviewTeam(Guid TeamId, string Name, ServiceArea ServiceArea, int InScope, int SkippedRecentlyAudited, int Taken);

/// <summary>
/// What opening the round would save: the case files (with their teams), how many in scope were skipped as recently
/// audited, who would grade each, the seed, the counts per team, and the template version the audits would start on.
/// </summary>
public sealed record RoundPreview(
    string Name,
    Guid TemplateId,
    string TemplateName,
    int TemplateVersion,
    string Workflow,
    DateOnly DueOn,
    IReadOnlyList<PreviewCaseFile> CaseFiles,
    int SkippedRecentlyAudited,
    IReadOnlyList<PreviewAssignment> Assignments,
    int? Seed,
    IReadOnlyList<PreviewTeam> Teams,
    int SecondMarkingPercent);

internal sealed class PreviewRoundValidator : RoundRequestValidator<PreviewRound>;

/// <summary>Works out the plan through the same <see cref="RoundOpener"/> that opens it, and saves nothing.</summary>
internal sealed class PreviewRoundHandler(RoundOpener opener, ICurrentUser user) : IRequestHandler<PreviewRound, RoundPreview>
{
    public async ValueTask<RoundPreview> Handle(PreviewRound request, CancellationToken cancellationToken)
    {
        var draft = await opener.PlanAsync(request, user.UserName!, cancellationToken);
        var teamNames = draft.Teams.ToDictionary(t => t.TeamId, t => t.Name);
        return new RoundPreview(
            draft.Round.Name,
            draft.Template.Id,
            draft.Template.Name,
            draft.Template.Version,
            draft.Definition.Name,
            draft.Round.DueOn,
            draft.CaseFiles.Select(c => new PreviewCaseFile(c.Id, c.Reference, c.TeamId, teamNames[c.TeamId], c.ServiceArea, draft.IsReaudit(c.Id))).ToList(),
            draft.SkippedRecentlyAudited,
            draft.Assignments.Select(a => new PreviewAssignment(a.CaseFileId, a.Auditor, a.YoungAssessor, a.SecondAuditor)).ToList(),
            draft.Seed,
            draft.Teams.Select(t => new PreviewTeam(t.TeamId, t.Name, t.ServiceArea, t.InScope, t.SkippedRecentlyAudited, t.Taken)).ToList(),
            draft.Round.SecondMarkingPercent);
    }
}
