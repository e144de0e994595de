using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Api.Workflows;
using Audit.Domain.Audits;
using Audit.Domain.Grading;
using Audit.Domain.Rounds;
using Audit.Domain.Users;
using Audit.Workflows.Definitions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Audit.Api.Features.Rounds;

public sealed record PlanRound(
    string? Name,
    Guid? TemplateId,
    DateOnly? DueOn,
    IReadOnlyList<Guid>? CaseFileIds,
    string? Auditor,
    string? YoungAssessor,
    string? Workflow) : IRequest<RoundPlanned>
{
    public const int MaxCaseFiles = 500;
}

public sealed record RoundPlanned(Guid Id, IReadOnlyList<Guid> AuditIds);

internal sealed class PlanRoundValidator : AbstractValidator<PlanRound>
{
    public PlanRoundValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.TemplateId).NotEmpty();
        RuleFor(x => x.DueOn).NotNull();
        RuleFor(x => x.CaseFileIds).NotEmpty()
            .Must(ids => ids!.Count <= PlanRound.MaxCaseFiles).WithMessage($"A round has at most {PlanRound.MaxCaseFiles} case files.")
            .Must(ids => ids!.Distinct().Count() == ids!.Count).WithMessage("Each case file appears once.");
        RuleFor(x => x.Auditor).NotEmpty().MaximumLength(100);
        RuleFor(x => x.YoungAssessor).MaximumLength(100);
    }
}

internal sealed class PlanRoundHandler(
    AuditDbContext db,
    AuditWorkflow workflow,
    WorkflowRegistry registry,
    IOptions<WorkflowOptions> options,
    ICurrentUser user,
    TimeProvider clock) : IRequestHandler<PlanRound, RoundPlanned>
{
    public async ValueTask<RoundPlanned> Handle(PlanRound request, CancellationToken cancellationToken)
    {
        var template = await db.Templates.Include(t => t.Criteria).SingleOrDefaultAsync(t => t.Id == request.TemplateId, cancellationToken)
            ?? throw new InvalidFieldException("templateId", $"There is no template {request.TemplateId}.");

        var definition = LatestWorkflow(request.Workflow ?? options.Value.Default);
        var assignments = new List<Assignment> { new(await GraderAsync(request.Auditor!, Role.Auditor, "auditor", cancellationToken), GraderRole.Auditor) };
        if (template.Requires(GraderRole.YoungAssessor))
        {
            if (string.IsNullOrWhiteSpace(request.YoungAssessor))
            {
                throw new InvalidFieldException("youngAssessor", "This template is graded by a young assessor too: name one.");
            }

            assignments.Add(new(await GraderAsync(request.YoungAssessor, Role.YoungAssessor, "youngAssessor", cancellationToken), GraderRole.YoungAssessor));
        }
        else if (!string.IsNullOrWhiteSpace(request.YoungAssessor))
        {
            throw new InvalidFieldException("youngAssessor", "This template does not ask for a young assessor.");
        }

        var ids = request.CaseFileIds!;
        var caseFiles = await db.CaseFiles.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var unknown = ids.Except(caseFiles.Select(c => c.Id)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidFieldException("caseFileIds", $"There is no case file {string.Join(", ", unknown)}.");
        }

        var round = new Round(Guid.CreateVersion7(), request.Name!, template.Id, request.DueOn!.Value, user.UserName!, clock.GetUtcNow());
        db.Rounds.Add(round);
        var audits = ids
            .Select(id => caseFiles.First(c => c.Id == id))
            .Select(caseFile => workflow.Start(round.Id, template, caseFile, assignments, definition))
            .ToList();
        db.Audits.AddRange(audits);
        await db.SaveChangesAsync(cancellationToken);
        return new RoundPlanned(round.Id, audits.Select(a => a.Id).ToList());
    }

    private WorkflowDefinition LatestWorkflow(string name) =>
        registry.Latest(name) ?? throw new InvalidFieldException("workflow", $"There is no workflow named '{name}'.");

    private async Task<string> GraderAsync(string userName, string role, string field, CancellationToken ct)
    {
        var member = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.UserName == userName, ct)
            ?? throw new InvalidFieldException(field, $"There is no user '{userName}'.");
        return member.IsIn(role) ? member.UserName : throw new InvalidFieldException(field, $"{userName} is not a {role}.");
    }
}
