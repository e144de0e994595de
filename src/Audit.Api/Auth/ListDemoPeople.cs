using Audit.Api.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Auth;

/// <summary>Someone the development sign-in can sign in as.</summary>
public sealed record DemoPerson(string UserName, string DisplayName, IReadOnlyList<string> Roles, Guid? TeamId);

/// <summary>The demo people, by user name: for GET /api/dev/users and the development sign-in page.</summary>
/// <param name="Council">Whose people: none for the default council.</param>
public sealed record ListDemoPeople(string? Council = null) : IRequest<IReadOnlyList<DemoPerson>>;

internal sealed class ListDemoPeopleHandler(AuditDbContext db, Tenancy.CurrentCouncil council) : IRequestHandler<ListDemoPeople, IReadOnlyList<DemoPerson>>
{
    public async ValueTask<IReadOnlyList<DemoPerson>> Handle(ListDemoPeople request, CancellationToken cancellationToken)
    {
        using var inCouncil = council.Enter(request.Council ?? Tenancy.CurrentCouncil.Default);
        return (await db.Staff.AsNoTracking().OrderBy(s => s.UserName).ToListAsync(cancellationToken))
            .Select(s => new DemoPerson(s.UserName, s.DisplayName, s.Roles, s.TeamId))
            .ToList();
    }
}
