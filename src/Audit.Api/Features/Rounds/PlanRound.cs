using Audit.Api.Infrastructure;
using Audit.Domain.Rounds;
using Audit.Domain.Teams;
using FluentValidation;
using Mediator;

namespace Audit.Api.Features.Rounds;

/// <summary>How to pick case files when the round does not list them. Without a seed, one is picked and recorded.</summary>
public sealed record SampleInput(int? PerTeam, IReadOnlyList<ServiceArea>? ServiceAreas, IReadOnlyList<Guid>? Teams, int? ExcludeAuditedWithinMonths, int? Seed);

/// <summary>
/// What a round is planned from, for opening it (<see cref="PlanRound"/>) and for previewing it (<see cref="PreviewRound"/>)
/// alike: its case files listed (<see cref="CaseFileIds"/>) or sampled (<see cref="Sample"/>), graded by one named
/// auditor and young assessor or spread over pools of them.
/// </summary>
public interface IRoundRequest
{
    string? Name { get; }

    Guid? TemplateId { get; }

    DateOnly? DueOn { get; }

    IReadOnlyList<Guid>? CaseFileIds { get; }

    SampleInput? Sample { get; }

    string? Auditor { get; }

    string? YoungAssessor { get; }

    IReadOnlyList<string>? Auditors { get; }

    IReadOnlyList<string>? YoungAssessors { get; }

    string? Workflow { get; }

    /// <summary>The share of the audits (0 to 100, whole; none when missing) a second auditor from the pool grades blind.</summary>
    int? SecondMarkingPercent { get; }
}

/// <summary>Opens a round: saves exactly the plan <see cref="PreviewRound"/> shows for the same body (and seed).</summary>
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
    string? Workflow,
    int? SecondMarkingPercent = null) : IRoundRequest, IRequest<RoundPlanned>
{
    public const int MaxCaseFiles = 500;
}

public sealed record RoundPlanned(Guid Id, IReadOnlyList<Guid> AuditIds, int? Seed);

/// <summary>The rules of a round's body, the same for opening and for previewing it.</summary>
internal abstract class RoundRequestValidator<T> : AbstractValidator<T>
    where T : IRoundRequest
{
    protected RoundRequestValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name for the round.").MaximumTrimmedLength(200);
        RuleFor(x => x.TemplateId).NotEmpty().WithMessage("Select a template.");
        RuleFor(x => x.DueOn).NotNull().WithMessage("Enter the date the round is due.");
        RuleFor(x => x.CaseFileIds).NotEmpty().When(x => x.Sample is null).WithMessage("List the case files, or give a sample rule.");
        RuleFor(x => x.CaseFileIds).Empty().When(x => x.Sample is not null).WithMessage("Give either case files or a sample rule, not both.");
        RuleFor(x => x.CaseFileIds)
            .Must(ids => ids!.Count <= PlanRound.MaxCaseFiles).WithMessage($"A round has at most {PlanRound.MaxCaseFiles} case files.")
            .Must(ids => ids!.Distinct().Count() == ids!.Count).WithMessage("Each case file appears once.")
            .When(x => x.CaseFileIds is not null);
        var perTeam = $"Enter how many case files to take from each team, from 1 to {SampleRule.MaxPerTeam}.";
        RuleFor(x => x.Sample!.PerTeam).NotNull().WithMessage(perTeam).InclusiveBetween(1, SampleRule.MaxPerTeam).WithMessage(perTeam).When(x => x.Sample is not null);
        var months = "Enter how many months since a case file was last audited, from 0 to 120.";
        RuleFor(x => x.Sample!.ExcludeAuditedWithinMonths).NotNull().WithMessage(months).InclusiveBetween(0, 120).WithMessage(months).When(x => x.Sample is not null);
        RuleForEach(x => x.Sample!.ServiceAreas).IsInEnum().When(x => x.Sample?.ServiceAreas is not null);

        RuleFor(x => x.Auditor).NotEmpty().When(x => x.Auditors is null).WithMessage("Name an auditor, or a pool of auditors.");
        RuleFor(x => x.Auditor).Empty().When(x => x.Auditors is not null).WithMessage("Name either one auditor or a pool, not both.");
        RuleFor(x => x.Auditors).NotEmpty().WithMessage("Select at least one auditor.")
            .Must(p => p!.Distinct().Count() == p!.Count).WithMessage("Each auditor appears once.").When(x => x.Auditors is not null);
        RuleFor(x => x.YoungAssessor).Empty().When(x => x.YoungAssessors is not null).WithMessage("Name either one young assessor or a pool, not both.");
        RuleFor(x => x.YoungAssessors).NotEmpty().WithMessage("Select at least one young assessor.")
            .Must(p => p!.Distinct().Count() == p!.Count).WithMessage("Each young assessor appears once.").When(x => x.YoungAssessors is not null);
        RuleFor(x => x.SecondMarkingPercent).InclusiveBetween(0, SecondMarking.MaxPercent)
            .WithMessage("Enter the share for second marking as a whole number from 0 to 100.");
    }
}

internal sealed class PlanRoundValidator : RoundRequestValidator<PlanRound>;

/// <summary>The principal social worker plans a round; a recurring plan opens one through the same <see cref="RoundOpener"/>.</summary>
internal sealed class PlanRoundHandler(RoundOpener opener, ICurrentUser user) : IRequestHandler<PlanRound, RoundPlanned>
{
    public async ValueTask<RoundPlanned> Handle(PlanRound request, CancellationToken cancellationToken) =>
        await opener.OpenAsync(request, user.UserName!, cancellationToken);
}
