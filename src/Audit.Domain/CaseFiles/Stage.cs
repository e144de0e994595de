namespace Audit.Domain.CaseFiles;

/// <summary>The point in a child's journey at which their voice is evidenced.</summary>
public enum Stage
{
    Assessment = 1,
    Plan = 2,
    Review = 3,
    InitialChildProtectionConference = 4,
    PathwayPlan = 5,
    EhcPlan = 6,
}
