using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Actions;
using Audit.Domain.Calendar;
using Audit.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Actions;

/// <summary>
/// Follow-up actions the caller may see. With <c>Mine</c>, a team manager gets their team's actions and a service
/// manager their service's; without it, a principal social worker gets every action. Open actions come first,
/// escalated ones before the rest, then by due date, so what runs late is at the top.
/// </summary>
public sealed record ListActions(bool Mine, ActionStatus? Status, int Skip = 0, int Take = ListActions.DefaultTake)
    : IRequest<Paged<ActionDto>>
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;
}

public sealed record GetAction(Guid Id) : IRequest<ActionDto>;

/// <summary>The same list as <see cref="ListActions"/>, every item in the same order, streamed from the query rather than paged (for the export).</summary>
public sealed record StreamActions(bool Mine, ActionStatus? Status) : IRequest<IAsyncEnumerable<ActionDto>>;

internal sealed class ListActionsValidator : AbstractValidator<ListActions>
{
    public ListActionsValidator()
    {
        RuleFor(x => x.Skip).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Take).InclusiveBetween(1, ListActions.MaxTake);
        RuleFor(x => x.Status).IsInEnum();
    }
}

internal sealed class StreamActionsValidator : AbstractValidator<StreamActions>
{
    public StreamActionsValidator() => RuleFor(x => x.Status).IsInEnum();
}

internal sealed class ActionQueries(AuditDbContext db, ICurrentUser user, TimeProvider clock, CouncilCalendar calendar)
    : IRequestHandler<ListActions, Paged<ActionDto>>, IRequestHandler<GetAction, ActionDto>, IRequestHandler<StreamActions, IAsyncEnumerable<ActionDto>>
{
    public async ValueTask<Paged<ActionDto>> Handle(ListActions request, CancellationToken cancellationToken)
    {
        var today = Today();
        var (total, rows) = await Listed(request.Mine, request.Status).PageAsync(request.Skip, request.Take, cancellationToken);
        return new Paged<ActionDto>([.. rows.Select(x => x.Action.ToDto(x.Criterion, x.Team.Name, today) with { MayClose = MayClose(x) })], total);
    }

    public ValueTask<IAsyncEnumerable<ActionDto>> Handle(StreamActions request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Stream(Listed(request.Mine, request.Status).AsAsyncEnumerable(), Today(), cancellationToken));

    public async ValueTask<ActionDto> Handle(GetAction request, CancellationToken cancellationToken)
    {
        var found = await Rows().VisibleTo(user).SingleOrDefaultAsync(x => x.Action.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Action", request.Id);
        var reflection = await db.Reflections.AsNoTracking()
            .Where(r => r.AuditId == found.Action.AuditId && r.CriterionId == found.Action.CriterionId)
            .Select(r => new Practice.ReflectionDto(r.Text, r.WrittenAt, r.RevisedAt))
            .SingleOrDefaultAsync(cancellationToken);
        return found.Action.ToDto(found.Criterion, found.Team.Name, Today()) with { MayClose = MayClose(found), WorkerReflection = reflection };
    }

    /// <summary>The actions the caller may see, filtered as asked, escalated first, then open, then closed, each by due date.</summary>
    private IQueryable<ActionRow> Listed(bool mine, ActionStatus? status)
    {
        var query = Rows().VisibleTo(user);
        if (mine)
        {
            var me = user.UserName;
            query = query.Where(x => x.Action.Assignee == me || x.Team.TeamManager == me || x.Team.ServiceManager == me);
        }

        if (status is { } only)
        {
            query = query.Where(x => x.Action.Status == only);
        }

        return query
            .OrderBy(x => x.Action.Status == ActionStatus.Escalated ? 0 : x.Action.Status == ActionStatus.Open ? 1 : 2)
            .ThenBy(x => x.Action.DueOn).ThenBy(x => x.Action.Id);
    }

    private async IAsyncEnumerable<ActionDto> Stream(IAsyncEnumerable<ActionRow> rows, DateOnly today, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var x in rows.WithCancellation(cancellationToken))
        {
            yield return x.Action.ToDto(x.Criterion, x.Team.Name, today) with { MayClose = MayClose(x) };
        }
    }

    private bool MayClose(ActionRow row) => row.Action.IsOpen && Permissions.MayClose(user, row.Action, row.Team);

    private DateOnly Today() => calendar.Today(clock.GetUtcNow());

    // An object initialiser (not a constructor) so that EF can keep composing filters over the projection.
    private IQueryable<ActionRow> Rows() =>
        from action in db.Actions.AsNoTracking()
        join team in db.Teams on action.TeamId equals team.Id
        join criterion in db.Criteria on action.CriterionId equals criterion.Id
        select new ActionRow { Action = action, Team = team, Criterion = criterion.Title };

    private sealed class ActionRow : IActionRow
    {
        public required FollowUpAction Action { get; init; }
        public required Domain.Teams.Team Team { get; init; }
        public required string Criterion { get; init; }
    }
}
