using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Rounds;
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
    IReadOnlyList<string>? Auditors,
    IReadOnlyList<string>? YoungAssessors) : IRequest<RoundPlanDto>;

public sealed record ListRoundPlans : IRequest<IReadOnlyList<RoundPlanDto>>;

public sealed record RoundPlanDto(
    Guid Id,
    string Name,
    Guid TemplateId,
    string Schedule,
    int DueInDays,
    int PerTeam,
    int ExcludeAuditedWithinMonths,
    IReadOnlyList<string> Auditors,
    IReadOnlyList<string> YoungAssessors,
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
    }
}

internal sealed class RoundPlanHandlers(AuditDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<CreateRoundPlan, RoundPlanDto>, IRequestHandler<ListRoundPlans, IReadOnlyList<RoundPlanDto>>
{
    public async ValueTask<RoundPlanDto> Handle(CreateRoundPlan request, CancellationToken cancellationToken)
    {
        if (!await db.Templates.AnyAsync(t => t.Id == request.TemplateId, cancellationToken))
        {
            throw new InvalidFieldException("templateId", $"There is no template {request.TemplateId}.");
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
            new SampleRule(request.PerTeam!.Value, [], [], request.ExcludeAuditedWithinMonths!.Value, 0),
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

    private static RoundPlanDto ToDto(RoundPlan p) => new(
        p.Id, p.Name, p.TemplateId, p.Schedule, p.DueInDays, p.SamplePerTeam, p.SampleExcludeAuditedWithinMonths, p.Auditors, p.YoungAssessors,
        p.LastOpenedFor, CronExpression.Parse(p.Schedule).GetNextOccurrence(p.OpenedUpTo.UtcDateTime) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null);
}
