using Audit.Api.Infrastructure;
using Audit.Api.Persistence;
using Audit.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Features.Staff;

/// <summary>
/// The people who may sign in, by name, optionally only those holding <paramref name="Role"/> (a role's name in any
/// case, for example <c>auditor</c> or <c>youngAssessor</c>): the pools a round's graders are chosen from.
/// </summary>
public sealed record ListStaff(string? Role = null, int Skip = 0, int Take = ListStaff.DefaultTake) : IRequest<Paged<StaffDto>>
{
    public const int DefaultTake = 50;
    public const int MaxTake = 200;

    /// <summary>The role's name as the roles are spelled, or null when <see cref="Role"/> names no role.</summary>
    public string? KnownRole => Domain.Users.Role.All.FirstOrDefault(r => string.Equals(r, Role, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A member of staff; <see cref="TeamName"/> is their own team, if they have one (an auditor never grades their own team's files).</summary>
public sealed record StaffDto(string UserName, string DisplayName, IReadOnlyList<string> Roles, Guid? TeamId, string? TeamName);

internal sealed class ListStaffValidator : AbstractValidator<ListStaff>
{
    public ListStaffValidator()
    {
        RuleFor(x => x.Role).Must((request, _) => request.KnownRole is not null).When(x => x.Role is not null)
            .WithMessage($"The role is one of {string.Join(", ", Role.All)}.");
        RuleFor(x => x.Skip).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Take).InclusiveBetween(1, ListStaff.MaxTake);
    }
}

internal sealed class ListStaffHandler(AuditDbContext db) : IRequestHandler<ListStaff, Paged<StaffDto>>
{
    public async ValueTask<Paged<StaffDto>> Handle(ListStaff request, CancellationToken cancellationToken)
    {
        var staff = db.Staff.AsNoTracking();
        if (request.KnownRole is { } role)
        {
            staff = staff.Where(s => s.Roles.Contains(role));
        }

        var (total, rows) = await staff
            .OrderBy(s => s.DisplayName).ThenBy(s => s.UserName)
            .Select(s => new
            {
                s.UserName,
                s.DisplayName,
                s.Roles,
                s.TeamId,
                TeamName = db.Teams.Where(t => t.Id == s.TeamId).Select(t => t.Name).FirstOrDefault(),
            })
            .PageAsync(request.Skip, request.Take, cancellationToken);
        return new Paged<StaffDto>([.. rows.Select(s => new StaffDto(s.UserName, s.DisplayName, [.. s.Roles], s.TeamId, s.TeamName))], total);
    }
}
