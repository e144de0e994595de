using Audit.Api.Features.Templates;
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

/// <summary>What a round plan is made of, as creating one and editing one both send it.</summary>
public interface IRoundPlanInput
{
    string? Name { get; }
    Guid? TemplateId { get; }
    string? Schedule { get; }
    int? DueInDays { get; }
    int? PerTeam { get; }
    int? ExcludeAuditedWithinMonths { get; }
    IReadOnlyList<ServiceArea>? ServiceAreas { get; }
    IReadOnlyList<Guid>? Teams { get; }
    IReadOnlyList<string>? Auditors { get; }
    IReadOnlyList<string>? YoungAssessors { get; }

    /// <summary>The share of each round's audits (0 to 100, whole; none when missing) a second auditor grades blind.</summary>
    int? SecondMarkingPercent { get; }
}

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
    IReadOnlyList<string>? YoungAssessors,
    int? SecondMarkingPercent = null) : IRequest<RoundPlanDto>, IRoundPlanInput;

/// <summary>
/// The body of <c>PUT /api/round-plans/{id}</c>: the fields of a new plan and the <see cref="Version"/> the editor
/// started from, so that a change someone else saved first is not overwritten (409).
/// </summary>
public sealed record RoundPlanEditBody(
    int? Version,
    string? Name,
    Guid? TemplateId,
    string? Schedule,
    int? DueInDays,
    int? PerTeam,
    int? ExcludeAuditedWithinMonths,
    IReadOnlyList<ServiceArea>? ServiceAreas,
    IReadOnlyList<Guid>? Teams,
    IReadOnlyList<string>? Auditors,
    IReadOnlyList<string>? YoungAssessors,
    int? SecondMarkingPercent = null);

public sealed record EditRoundPlan(
    Guid Id,
    int? Version,
    string? Name,
    Guid? TemplateId,
    string? Schedule,
    int? DueInDays,
    int? PerTeam,
    int? ExcludeAuditedWithinMonths,
    IReadOnlyList<ServiceArea>? ServiceAreas,
    IReadOnlyList<Guid>? Teams,
    IReadOnlyList<string>? Auditors,
    IReadOnlyList<string>? YoungAssessors,
    int? SecondMarkingPercent = null) : IRequest<RoundPlanDto>, IRoundPlanInput
{
    public static EditRoundPlan Of(Guid id, RoundPlanEditBody b) =>
        new(id, b.Version, b.Name, b.TemplateId, b.Schedule, b.DueInDays, b.PerTeam, b.ExcludeAuditedWithinMonths, b.ServiceAreas, b.Teams, b.Auditors, b.YoungAssessors, b.SecondMarkingPercent);
}

/// <summary>Plans by name, a page at a time.</summary>
public sealed record ListRoundPlans(int Skip = 0, int Take = ListRoundPlans.DefaultTake) : IRequest<Paged<RoundPlanDto>>
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;
}

public sealed record GetRoundPlan(Guid Id) : IRequest<RoundPlanDto>;

/// <summary>
/// Deletes a plan: it opens nothing more. Rounds it already opened are rounds like any other and stay; the deletion
/// is kept in the change records.
/// </summary>
public sealed record DeleteRoundPlan(Guid Id) : IRequest<Unit>;

/// <summary>Pauses (<see cref="Active"/> false) or resumes a plan; resumed, it opens from the next tick on.</summary>
public sealed record SetRoundPlanActive(Guid Id, bool Active) : IRequest<RoundPlanDto>;

/// <param name="NextOpens">The first of <paramref name="NextOpenings"/>: when the plan opens its next round (null while paused).</param>
/// <param name="NextOpenings">The next three ticks the plan will open rounds for, soonest first; none while paused.</param>
/// <param name="Version">Send it back when editing: an edit of an older version is refused (409).</param>
public sealed record RoundPlanDto(
    Guid Id,
    string Name,
    Guid TemplateId,
    string TemplateName,
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
    DateTimeOffset? NextOpens,
    IReadOnlyList<DateTimeOffset> NextOpenings,
    int Version,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    int SecondMarkingPercent);

/// <summary>The rules every plan's inputs meet, whether they create it or edit it.</summary>
internal abstract class RoundPlanInputValidator<T> : AbstractValidator<T>
    where T : IRoundPlanInput
{
    protected RoundPlanInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name for the plan.")
            .MaximumTrimmedLength(150).WithMessage("The name must be 150 characters or fewer.");
        RuleFor(x => x.TemplateId).NotEmpty().WithMessage("Select a template.");
        RuleFor(x => x.Schedule).NotEmpty().WithMessage("Enter the schedule.")
            .Must(s => CronExpression.TryParse(s?.Trim() ?? "", out _)).When(x => !string.IsNullOrWhiteSpace(x.Schedule))
            .WithMessage("Give a cron expression of five fields, for example \"0 6 1 * *\" for 06:00 UTC on the first of each month.");
        RuleFor(x => x.DueInDays).NotNull().WithMessage("Enter how many days each round has.")
            .InclusiveBetween(1, 365).WithMessage("Each round is due 1 to 365 days after it opens.");
        RuleFor(x => x.PerTeam).NotNull().WithMessage("Enter how many case files to sample from each team.")
            .InclusiveBetween(1, SampleRule.MaxPerTeam).WithMessage($"Sample 1 to {SampleRule.MaxPerTeam} case files from each team.");
        RuleFor(x => x.ExcludeAuditedWithinMonths).NotNull().WithMessage("Enter how many months a recently audited case file is skipped for (0 for none).")
            .InclusiveBetween(0, 120).WithMessage("Skip case files audited within 0 to 120 months.");
        RuleFor(x => x.Auditors).NotEmpty().WithMessage("Select at least one auditor.");
        RuleForEach(x => x.ServiceAreas).IsInEnum();
        RuleFor(x => x.SecondMarkingPercent).InclusiveBetween(0, SecondMarking.MaxPercent)
            .WithMessage("Enter the share for second marking as a whole number from 0 to 100.");
        RuleFor(x => x.Auditors).Must(a => a!.Distinct().Count() >= 2).When(x => x.SecondMarkingPercent > 0 && x.Auditors is { Count: > 0 })
            .WithMessage("Second marking needs at least two auditors: tick another, or ask for no second marking.");
    }
}

internal sealed class CreateRoundPlanValidator : RoundPlanInputValidator<CreateRoundPlan>;

internal sealed class EditRoundPlanValidator : RoundPlanInputValidator<EditRoundPlan>
{
    public EditRoundPlanValidator() =>
        RuleFor(x => x.Version).NotNull().WithMessage("Give the version of the plan you edited.");
}

internal sealed class ListRoundPlansValidator : AbstractValidator<ListRoundPlans>
{
    public ListRoundPlansValidator()
    {
        RuleFor(x => x.Skip).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Take).InclusiveBetween(1, ListRoundPlans.MaxTake);
    }
}

internal sealed class RoundPlanHandlers(AuditDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<CreateRoundPlan, RoundPlanDto>,
        IRequestHandler<EditRoundPlan, RoundPlanDto>,
        IRequestHandler<GetRoundPlan, RoundPlanDto>,
        IRequestHandler<DeleteRoundPlan, Unit>,
        IRequestHandler<ListRoundPlans, Paged<RoundPlanDto>>,
        IRequestHandler<SetRoundPlanActive, RoundPlanDto>
{
    public const int OpeningsShown = 3;

    public async ValueTask<RoundPlanDto> Handle(CreateRoundPlan request, CancellationToken cancellationToken)
    {
        var template = await CheckAsync(request, cancellationToken);
        var plan = new RoundPlan(
            Guid.CreateVersion7(),
            request.Name!,
            template.Id,
            request.Schedule!.Trim(),
            request.DueInDays!.Value,
            SampleOf(request),
            request.Auditors!,
            request.YoungAssessors ?? [],
            user.UserName!,
            clock.GetUtcNow(),
            request.SecondMarkingPercent ?? 0);
        db.RoundPlans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(plan, template.Name);
    }

    public async ValueTask<RoundPlanDto> Handle(EditRoundPlan request, CancellationToken cancellationToken)
    {
        var plan = await FindAsync(request.Id, cancellationToken);
        var template = await CheckAsync(request, cancellationToken);
        plan.Edit(
            request.Version!.Value,
            request.Name!,
            template.Id,
            request.Schedule!,
            request.DueInDays!.Value,
            SampleOf(request),
            request.Auditors!,
            request.YoungAssessors ?? [],
            clock.GetUtcNow(),
            request.SecondMarkingPercent ?? 0);

        // The version is the plan's concurrency token too: of two edits (or an edit and a round opening) at once, the second is refused.
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(plan, template.Name);
    }

    public async ValueTask<RoundPlanDto> Handle(GetRoundPlan request, CancellationToken cancellationToken)
    {
        var plan = await db.RoundPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Round plan", request.Id);
        return ToDto(plan, (await TemplateNamesAsync([plan], cancellationToken))[plan.TemplateId]);
    }

    public async ValueTask<Unit> Handle(DeleteRoundPlan request, CancellationToken cancellationToken)
    {
        db.RoundPlans.Remove(await FindAsync(request.Id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async ValueTask<Paged<RoundPlanDto>> Handle(ListRoundPlans request, CancellationToken cancellationToken)
    {
        var (total, plans) = await db.RoundPlans.AsNoTracking()
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .PageAsync(request.Skip, request.Take, cancellationToken);
        var names = await TemplateNamesAsync(plans, cancellationToken);
        return new Paged<RoundPlanDto>([.. plans.Select(p => ToDto(p, names[p.TemplateId]))], total);
    }

    public async ValueTask<RoundPlanDto> Handle(SetRoundPlanActive request, CancellationToken cancellationToken)
    {
        var plan = await FindAsync(request.Id, cancellationToken);
        if (request.Active)
        {
            plan.Resume(clock.GetUtcNow());
        }
        else
        {
            plan.Pause();
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToDto(plan, (await TemplateNamesAsync([plan], cancellationToken))[plan.TemplateId]);
    }

    private async Task<RoundPlan> FindAsync(Guid id, CancellationToken ct) =>
        await db.RoundPlans.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Round plan", id);

    /// <summary>The template's newest version (a retired one is refused), and the teams and people named exist.</summary>
    private async Task<Domain.Templates.Template> CheckAsync(IRoundPlanInput request, CancellationToken ct)
    {
        var template = await TemplateVersions.NewestForNewRoundsAsync(db, request.TemplateId!.Value, ct);

        var teams = request.Teams ?? [];
        var knownTeams = await db.Teams.Where(t => teams.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);
        if (teams.Except(knownTeams).ToList() is { Count: > 0 } unknownTeams)
        {
            throw new InvalidFieldException("teams", $"There is no team {string.Join(", ", unknownTeams)}.");
        }

        await RequireInRoleAsync("auditors", request.Auditors!, Role.Auditor, ct);
        await RequireInRoleAsync("youngAssessors", request.YoungAssessors ?? [], Role.YoungAssessor, ct);
        return template;
    }

    private async Task RequireInRoleAsync(string field, IReadOnlyList<string> given, string role, CancellationToken ct)
    {
        var named = UserNames.Canonical(given, field);
        var known = await db.Staff.Where(s => named.Contains(s.UserName)).Select(s => s.UserName).ToListAsync(ct);
        if (named.Except(known).ToList() is { Count: > 0 } unknown)
        {
            throw new InvalidFieldException(field, $"There is no user {string.Join(", ", unknown)}.");
        }

        var inRole = await db.Staff.Where(s => named.Contains(s.UserName) && s.Roles.Contains(role)).Select(s => s.UserName).ToListAsync(ct);
        if (named.Except(inRole).ToList() is { Count: > 0 } notInRole)
        {
            throw new InvalidFieldException(field, $"{string.Join(", ", notInRole)} cannot grade as {(role == Role.Auditor ? "an auditor" : "a young assessor")}.");
        }
    }

    private static SampleRule SampleOf(IRoundPlanInput request) =>
        new(request.PerTeam!.Value, request.ServiceAreas ?? [], request.Teams ?? [], request.ExcludeAuditedWithinMonths!.Value, 0);

    private Task<Dictionary<Guid, string>> TemplateNamesAsync(IReadOnlyList<RoundPlan> plans, CancellationToken ct)
    {
        var ids = plans.Select(p => p.TemplateId).Distinct().ToList();
        return db.Templates.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
    }

    private static RoundPlanDto ToDto(RoundPlan p, string templateName)
    {
        var next = p.NextOpenings().Take(OpeningsShown).ToList();
        return new(
            p.Id, p.Name, p.TemplateId, templateName, p.Schedule, p.DueInDays, p.SamplePerTeam, p.SampleExcludeAuditedWithinMonths, p.ServiceAreas, p.Teams,
            p.Auditors, p.YoungAssessors, p.Active, p.LastOpenedFor, next.Count > 0 ? next[0] : null, next, p.Version, p.CreatedBy, p.CreatedAt,
            p.SecondMarkingPercent);
    }
}
