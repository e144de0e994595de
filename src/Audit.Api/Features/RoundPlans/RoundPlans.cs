using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Rounds;
using Audit.Domain.Teams;
using Audit.Domain.Users;
using Cronos;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.RoundPlans;

/// <summary>A monthly (or any cron) audit programme: planned once, it opens its rounds itself.</summary>
public sealed record CreateRoundPlan(
    string? Name,
    Guid? TemplateId,
    string? Schedule,
    int? DueInDays,
    int? PerTeam,
    int? ExcludeAuditedWithinMonths,
    IReadOnlyList<ServiceArea>? ServiceAreas,
    IReadOnlyList<Guid>? Teams,
    IReadOnlyList<string>? Auditors,
    IReadOnlyList<string>? YoungAssessors) : IRequest<RoundPlanDto>;

public sealed record ListRoundPlans : IRequest<IReadOnlyList<RoundPlanDto>>;

/// <summary>Pauses (<see cref="Active"/> false) or resumes a plan; resumed, it opens from the next tick on.</summary>
public sealed record SetRoundPlanActive(Guid Id, bool Active) : IRequest<RoundPlanDto>;

public sealed record RoundPlanDto(
    Guid Id,
    string Name,
    Guid TemplateId,
    string Schedule,
    int DueInDays,
    int PerTeam,
    int ExcludeAuditedWithinMonths,
    IReadOnlyList<ServiceArea> ServiceAreas,
    IReadOnlyList<Guid> Teams,
    IReadOnlyList<string> Auditors,
    IReadOnlyList<string> YoungAssessors,
    bool Active,
    DateTimeOffset? LastOpenedFor,
    DateTimeOffset? NextOpens);

internal sealed class CreateRoundPlanValidator : AbstractValidator<CreateRoundPlan>
{
    public CreateRoundPlanValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(150);
        RuleFor(x => x.TemplateId).NotEmpty();
        RuleFor(x => x.Schedule).NotEmpty().Must(s => CronExpression.TryParse(s!, out _))
            .WithMessage("Give a cron expression of five fields, for example \"0 6 1 * *\" for 06:00 UTC on the first of each month.");
        RuleFor(x => x.DueInDays).NotNull().InclusiveBetween(1, 365);
        RuleFor(x => x.PerTeam).NotNull().InclusiveBetween(1, SampleRule.MaxPerTeam);
        RuleFor(x => x.ExcludeAuditedWithinMonths).NotNull().InclusiveBetween(0, 120);
        RuleFor(x => x.Auditors).NotEmpty();
        RuleForEach(x => x.ServiceAreas).IsInEnum();
    }
}

internal sealed class RoundPlanHandlers(AuditDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<CreateRoundPlan, RoundPlanDto>, IRequestHandler<ListRoundPlans, IReadOnlyList<RoundPlanDto>>, IRequestHandler<SetRoundPlanActive, RoundPlanDto>
{
    public async ValueTask<RoundPlanDto> Handle(CreateRoundPlan request, CancellationToken cancellationToken)
    {
        if (!await db.Templates.AnyAsync(t => t.Id == request.TemplateId, cancellationToken))
        {
            throw new InvalidFieldException("templateId", $"There is no template {request.TemplateId}.");
        }

        var teams = request.Teams ?? [];
        var knownTeams = await db.Teams.Where(t => teams.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        if (teams.Except(knownTeams).ToList() is { Count: > 0 } unknownTeams)
        {
            throw new InvalidFieldException("teams", $"There is no team {string.Join(", ", unknownTeams)}.");
        }

        var named = request.Auditors!.Concat(request.YoungAssessors ?? []).ToList();
        var known = await db.Staff.Where(s => named.Contains(s.UserName)).Select(s => s.UserName).ToListAsync(cancellationToken);
        if (named.Except(known).ToList() is { Count: > 0 } unknown)
        {
            throw new InvalidFieldException("auditors", $"There is no user {string.Join(", ", unknown)}.");
        }

        var plan = new RoundPlan(
            Guid.CreateVersion7(),
            request.Name!,
            request.TemplateId!.Value,
            request.Schedule!.Trim(),
            request.DueInDays!.Value,
            new SampleRule(request.PerTeam!.Value, request.ServiceAreas ?? [], request.Teams ?? [], request.ExcludeAuditedWithinMonths!.Value, 0),
            request.Auditors!,
            request.YoungAssessors ?? [],
            user.UserName!,
            clock.GetUtcNow());
        db.RoundPlans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(plan);
    }

    public async ValueTask<IReadOnlyList<RoundPlanDto>> Handle(ListRoundPlans request, CancellationToken cancellationToken) =>
        (await db.RoundPlans.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken)).Select(ToDto).ToList();

    public async ValueTask<RoundPlanDto> Handle(SetRoundPlanActive request, CancellationToken cancellationToken)
    {
        var plan = await db.RoundPlans.SingleOrDefaultAsync(p => p.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Round plan", request.Id);
        if (request.Active)
        {
            plan.Resume(clock.GetUtcNow());
        }
        else
        {
            plan.Pause();
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToDto(plan);
    }

    private static RoundPlanDto ToDto(RoundPlan p) => new(
        p.Id, p.Name, p.TemplateId, p.Schedule, p.DueInDays, p.SamplePerTeam, p.SampleExcludeAuditedWithinMonths, p.ServiceAreas, p.Teams,
        p.Auditors, p.YoungAssessors, p.Active, p.LastOpenedFor, CronExpression.Parse(p.Schedule).GetNextOccurrence(p.OpenedUpTo.UtcDateTime) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null);
}
