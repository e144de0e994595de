using Audit.Domain.CaseFiles;
using Audit.Domain.Teams;

namespace Audit.Domain.Tests.Builders;

/// <summary>Invented people, a fixed clock and the small entities every test needs.</summary>
public static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public static Team Team(string manager = People.TeamManager, ServiceArea serviceArea = ServiceArea.ChildrenInNeed) =>
        new(Guid.NewGuid(), "Brookfield Children in Need", serviceArea, manager, People.ServiceManager);

    public static CaseFile CaseFile(Team? team = null) =>
        new(Guid.NewGuid(), "CF-100001", team ?? Team(), Stage.Review, "Alys Penrose", ChildAgeBand.TenToFifteen);
}

/// <summary>User names of the invented people in the tests.</summary>
public static class People
{
    public const string PrincipalSocialWorker = "ada.winslow";
    public const string Auditor = "ivan.quill";
    public const string SecondAuditor = "orla.fenwick";
    public const string YoungAssessor = "wren.ashby";
    public const string TeamManager = "tess.harrow";
    public const string ServiceManager = "sam.rook";
    public const string Stranger = "rhea.bramble";
}
