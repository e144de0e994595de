namespace Audit.Domain.Teams;

public enum ServiceArea
{
    EarlyHelp = 1,
    ChildrenInNeed = 2,
    ChildProtection = 3,
    ChildrenLookedAfter = 4,
    CareLeavers = 5,
    ChildrenWithDisabilities = 6,
}
