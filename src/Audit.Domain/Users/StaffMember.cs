namespace Audit.Domain.Users;

/// <summary>Someone who may sign in: their user name, the name shown to colleagues, their roles and, for team managers, their team.</summary>
public sealed class StaffMember
{
    private readonly List<string> _roles = [];

    private StaffMember()
    {
    }

    public StaffMember(string userName, string displayName, IEnumerable<string> roles, Guid? teamId = null)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            throw new DomainRuleException("A user needs a user name.", nameof(userName));
        }

        UserName = userName.Trim();
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? UserName : displayName.Trim();
        foreach (var role in roles.Distinct(StringComparer.Ordinal))
        {
            if (!Role.IsKnown(role))
            {
                throw new DomainRuleException($"'{role}' is not a role.", nameof(roles));
            }

            _roles.Add(role);
        }

        TeamId = teamId;
    }

    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public IReadOnlyList<string> Roles => _roles;
    public Guid? TeamId { get; private set; }

    public bool IsIn(string role) => _roles.Contains(role, StringComparer.Ordinal);
}
