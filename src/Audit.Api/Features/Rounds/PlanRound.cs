using Audit.Api.Infrastructure;
using Audit.Domain.Rounds;
using Audit.Domain.Teams;
using FluentValidation;
using Mediator;

namespace Audit.Api.Features.Rounds;

/// <summary>How to pick case files when the round does not list them.</summary>
public sealed record SampleInput(int? PerTeam, IReadOnlyList<ServiceArea>? ServiceAreas, IReadOnlyList<Guid>? Teams, int? ExcludeAuditedWithinMonths, int? Seed);

/// <summary>
/// A round: its case files listed (<see cref="CaseFileIds"/>) or sampled (<see cref="Sample"/>), graded by one named
/// auditor and young assessor or spread over pools of them.
/// </summary>
public sealed record PlanRound(
    string? Name,
    Guid? TemplateId,
    DateOnly? DueOn,
    IReadOnlyList<Guid>? CaseFileIds,
    SampleInput? Sample,
    string? Auditor,
    string? YoungAssessor,
    IReadOnlyList<string>? Auditors,
    IReadOnlyList<string>? YoungAssessors,
    string? Workflow) : IRequest<RoundPlanned>
{
    public const int MaxCaseFiles = 500;
}

public sealed record RoundPlanned(Guid Id, IReadOnlyList<Guid> AuditIds, int? Seed);

internal sealed class PlanRoundValidator : AbstractValidator<PlanRound>
{
    public PlanRoundValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.TemplateId).NotEmpty();
        RuleFor(x => x.DueOn).NotNull();
        RuleFor(x => x.CaseFileIds).NotEmpty().When(x => x.Sample is null).WithMessage("List the case files, or give a sample rule.");
        RuleFor(x => x.CaseFileIds).Empty().When(x => x.Sample is not null).WithMessage("Give either case files or a sample rule, not both.");
        RuleFor(x => x.CaseFileIds)
            .Must(ids => ids!.Count <= PlanRound.MaxCaseFiles).WithMessage($"A round has at most {PlanRound.MaxCaseFiles} case files.")
            .Must(ids => ids!.Distinct().Count() == ids!.Count).WithMessage("Each case file appears once.")
            .When(x => x.CaseFileIds is not null);
        RuleFor(x => x.Sample!.PerTeam).NotNull().InclusiveBetween(1, SampleRule.MaxPerTeam).When(x => x.Sample is not null);
        RuleFor(x => x.Sample!.ExcludeAuditedWithinMonths).NotNull().InclusiveBetween(0, 120).When(x => x.Sample is not null);
        RuleForEach(x => x.Sample!.ServiceAreas).IsInEnum().When(x => x.Sample?.ServiceAreas is not null);

        RuleFor(x => x.Auditor).NotEmpty().When(x => x.Auditors is null).WithMessage("Name an auditor, or a pool of auditors.");
        RuleFor(x => x.Auditor).Empty().When(x => x.Auditors is not null).WithMessage("Name either one auditor or a pool, not both.");
        RuleFor(x => x.Auditors).NotEmpty().Must(p => p!.Distinct().Count() == p!.Count).WithMessage("Each auditor appears once.").When(x => x.Auditors is not null);
        RuleFor(x => x.YoungAssessor).Empty().When(x => x.YoungAssessors is not null).WithMessage("Name either one young assessor or a pool, not both.");
        RuleFor(x => x.YoungAssessors).NotEmpty().Must(p => p!.Distinct().Count() == p!.Count).WithMessage("Each young assessor appears once.").When(x => x.YoungAssessors is not null);
    }
}

/// <summary>The principal social worker plans a round; a recurring plan opens one through the same <see cref="RoundOpener"/>.</summary>
internal sealed class PlanRoundHandler(RoundOpener opener, ICurrentUser user) : IRequestHandler<PlanRound, RoundPlanned>
{
    public async ValueTask<RoundPlanned> Handle(PlanRound request, CancellationToken cancellationToken) =>
        await opener.OpenAsync(request, user.UserName!, cancellationToken);
}
