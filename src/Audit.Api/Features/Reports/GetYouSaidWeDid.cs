using Audit.Api.Auth;
using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Actions;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Reports;

/// <summary>
/// "You said, we did": the follow-up actions closed between <paramref name="From"/> and <paramref name="To"/>, by
/// principle (the criterion's title) and service area: what the audit found, what changed for the child, when and in
/// which team. It goes to a board or to young people, so it carries nothing that identifies a child or a worker: no
/// case-file reference, no worker's or manager's name, no id; the case file's reference and allocated worker are taken
/// out of the closing words too.
/// </summary>
public sealed record GetYouSaidWeDid(DateOnly? From = null, DateOnly? To = null, ServiceArea? ServiceArea = null, int Skip = 0, int Take = GetYouSaidWeDid.DefaultTake)
    : IRequest<Paged<YouSaidWeDidItem>>
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;

    /// <summary>What stands in the closing words where the case file's reference was.</summary>
    public const string ReferenceRemoved = "[case file]";

    /// <summary>What stands in the closing words where the allocated worker's name was.</summary>
    public const string WorkerRemoved = "[the worker]";
}

public sealed record YouSaidWeDidItem(string Principle, ServiceArea ServiceArea, string Team, Grade Found, string WhatChanged, DateOnly ClosedOn);

internal sealed class GetYouSaidWeDidValidator : AbstractValidator<GetYouSaidWeDid>
{
    public GetYouSaidWeDidValidator()
    {
        RuleFor(x => x.ServiceArea).IsInEnum();
        RuleFor(x => x.Skip).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Take).InclusiveBetween(1, GetYouSaidWeDid.MaxTake);
        this.ForDates(x => x.From, x => x.To);
    }
}

internal sealed class GetYouSaidWeDidHandler(AuditDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<GetYouSaidWeDid, Paged<YouSaidWeDidItem>>
{
    public async ValueTask<Paged<YouSaidWeDidItem>> Handle(GetYouSaidWeDid request, CancellationToken cancellationToken)
    {
        var period = ReportPeriod.Of(request.From, request.To, clock);
        var (start, end) = (period.Start, period.End);
        var closed = db.Actions.AsNoTracking().Where(a => a.Status == ActionStatus.Closed && a.ClosedAt >= start && a.ClosedAt < end);
        if (Permissions.ReportedTeams(db.Teams, user) is { } teams)
        {
            closed = closed.Where(a => teams.Contains(a.TeamId));
        }

        var rows =
            from action in closed
            join team in db.Teams on action.TeamId equals team.Id
            join criterion in db.Criteria on action.CriterionId equals criterion.Id
            join audit in db.Audits on action.AuditId equals audit.Id
            join caseFile in db.CaseFiles on audit.CaseFileId equals caseFile.Id
            where request.ServiceArea == null || team.ServiceArea == request.ServiceArea
            orderby criterion.Title, team.ServiceArea, action.ClosedAt descending, action.Id
            select new
            {
                Principle = criterion.Title,
                team.ServiceArea,
                Team = team.Name,
                action.FinalGrade,
                WhatChanged = action.WhatChanged ?? "",
                ClosedAt = action.ClosedAt!.Value,
                caseFile.Reference,
                caseFile.AllocatedWorker,
            };

        var (total, items) = await rows.PageAsync(request.Skip, request.Take, cancellationToken);
        return new Paged<YouSaidWeDidItem>(
            items.Select(x => new YouSaidWeDidItem(
                    x.Principle,
                    x.ServiceArea,
                    x.Team,
                    x.FinalGrade,
                    WithoutIdentifiers(x.WhatChanged, x.Reference, x.AllocatedWorker),
                    DateOnly.FromDateTime(x.ClosedAt.UtcDateTime)))
                .ToList(),
            total);
    }

    /// <summary>The closing words with the case file's reference and the worker's name (whole, and each part of it) taken out.</summary>
    internal static string WithoutIdentifiers(string text, string reference, string worker)
    {
        var cleaned = text.Replace(reference, GetYouSaidWeDid.ReferenceRemoved, StringComparison.OrdinalIgnoreCase);
        var names = new[] { worker.Trim() }
            .Concat(worker.Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(part => part.Length > 2))
            .Where(name => name.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(name => name.Length);
        foreach (var name in names)
        {
            cleaned = System.Text.RegularExpressions.Regex.Replace(
                cleaned,
                $@"\b{System.Text.RegularExpressions.Regex.Escape(name)}\b",
                GetYouSaidWeDid.WorkerRemoved,
                System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1));
        }

        return cleaned;
    }
}
