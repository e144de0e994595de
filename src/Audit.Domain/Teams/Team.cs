namespace Audit.Domain.Teams;

public sealed class Team
{
    private Team()
    {
    }

    public Team(Guid id, string name, ServiceArea serviceArea, string teamManager, string serviceManager)
    {
        Id = id;
        Name = Required(name, nameof(name));
        ServiceArea = serviceArea;
        TeamManager = Required(teamManager, nameof(teamManager));
        ServiceManager = Required(serviceManager, nameof(serviceManager));
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public ServiceArea ServiceArea { get; private set; }

    /// <summary>User name of the manager who receives this team's follow-up actions.</summary>
    public string TeamManager { get; private set; } = "";

    /// <summary>User name of the manager who oversees the team's service.</summary>
    public string ServiceManager { get; private set; } = "";

    private static string Required(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainRuleException($"A team needs a {field}.", field) : value.Trim();
}
