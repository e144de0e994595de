using Audit.Domain.CaseFiles;
using Audit.Domain.Grading;
using Audit.Domain.Teams;
using Audit.Domain.Templates;
using Audit.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Audit.Api.Persistence;

/// <summary>
/// Invented people, teams and case files for trying the service. Every name here is made up. Seeded only into an
/// empty database.
/// </summary>
internal static class DemoData
{
    public const string DudleyTemplateName = "Voice of the child (Dudley principles)";

    /// <summary>The six principles: the child's words as title, guidance for staff, and plain words for young assessors (reading age 12 or lower).</summary>
    public static readonly (string Title, string Guidance, string? PlainWords)[] DudleyPrinciples =
    [
        ("I am listened to.", "The record shows the child's own words, wishes and feelings, gathered in a way that suits their age and communication.",
            "Did the worker listen to the child?"),
        ("My worker knows me and understands my needs.", "The worker's analysis shows they know the child as a person: history, identity, relationships, what matters to them.",
            "Does the worker know the child well? Do they know what the child needs?"),
        ("I am involved in decisions about me.", "The child was prepared for, took part in, or was represented at the meetings and decisions about them.",
            "Did the child get a say in choices about their life?"),
        ("Professionals do what they say they are going to do and keep me informed.", "Agreed actions were done on time and the child was told what happened and why.",
            "Did the adults do what they said they would do? Did they tell the child what was going on?"),
        ("The service or support I receive is good and meets my needs.", "The plan addresses what the child said they need and the record shows it making a difference.",
            "Is the help good? Does the child get the help they need?"),
        ("I have been listened to about how services could be made better.", "The child was asked for feedback on the service and it was passed on or acted upon.",
            "Did anyone ask the child how the help could be better?"),
    ];

    private static readonly (string Name, ServiceArea Area, string Manager, string ManagerName, string ServiceManager, Stage[] Stages, ChildAgeBand[] Ages)[] TeamSeeds =
    [
        ("Early Help North", ServiceArea.EarlyHelp, "tess.harrow", "Tess Harrow", "sam.rook", [Stage.Assessment, Stage.Plan, Stage.Review], [ChildAgeBand.UnderFive, ChildAgeBand.FiveToNine, ChildAgeBand.TenToFifteen]),
        ("Children in Need East", ServiceArea.ChildrenInNeed, "ben.alder", "Ben Alder", "sam.rook", [Stage.Assessment, Stage.Plan, Stage.Review], [ChildAgeBand.FiveToNine, ChildAgeBand.TenToFifteen]),
        ("Child Protection Central", ServiceArea.ChildProtection, "cora.vane", "Cora Vane", "sam.rook", [Stage.InitialChildProtectionConference, Stage.Plan, Stage.Review], [ChildAgeBand.UnderFive, ChildAgeBand.FiveToNine, ChildAgeBand.TenToFifteen]),
        ("Child Protection West", ServiceArea.ChildProtection, "dev.linton", "Dev Linton", "sam.rook", [Stage.InitialChildProtectionConference, Stage.Review], [ChildAgeBand.FiveToNine, ChildAgeBand.TenToFifteen]),
        ("Children Looked After", ServiceArea.ChildrenLookedAfter, "nia.holt", "Nia Holt", "lena.marsh", [Stage.Plan, Stage.Review], [ChildAgeBand.FiveToNine, ChildAgeBand.TenToFifteen, ChildAgeBand.SixteenToSeventeen]),
        ("Pathways Care Leavers", ServiceArea.CareLeavers, "raf.orton", "Raf Orton", "lena.marsh", [Stage.PathwayPlan, Stage.Review], [ChildAgeBand.SixteenToSeventeen, ChildAgeBand.EighteenToTwentyFive]),
        ("Disabled Children's Team", ServiceArea.ChildrenWithDisabilities, "gwen.ashby", "Gwen Ashby", "lena.marsh", [Stage.Assessment, Stage.EhcPlan, Stage.Review], [ChildAgeBand.UnderFive, ChildAgeBand.FiveToNine, ChildAgeBand.TenToFifteen]),
    ];

    private static readonly string[] Workers =
    [
        "Alys Penrose", "Bram Oduya", "Caris Whitlow", "Dario Venn", "Elin Marlowe", "Femi Castell", "Greer Tollan",
        "Hal Brisco", "Isla Quarry", "Joss Pemberton", "Kit Ellery", "Luca Dremmond", "Maya Corran", "Nell Ashgrove",
    ];

    /// <summary>The workers who use the service themselves, as practitioners: their case files carry their user name.</summary>
    private static readonly Dictionary<string, string> PractitionerUserNames = new(StringComparer.Ordinal)
    {
        ["Alys Penrose"] = "alys.penrose",
        ["Greer Tollan"] = "greer.tollan",
    };

    private static readonly string[] Extracts =
    [
        "At the review the young person said they want more time with their younger brother and would like meetings after school, not during lessons.",
        "The child drew a picture of home with the worker and said the best part of the week is football on Saturdays.",
        "The young person used an advocate at the conference and asked that their words be read out as written.",
        "The child said they did not know why the plan changed and would like someone to explain it to them.",
        "The young person wrote that their worker 'actually listens' and asked to keep the same worker next year.",
    ];

    /// <summary>The demo's principal social worker, who makes the demo round (<see cref="Features.Demo.DemoAudits"/>).</summary>
    public const string PrincipalSocialWorker = "ada.winslow";

    /// <summary>Seeds the current council when it has no staff yet.</summary>
    public static async Task SeedAsync(AuditDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Staff.AnyAsync(ct))
        {
            await SeedEmptyAsync(db, clock, ct);
        }
    }

    /// <summary>Seeds a council already known to have no staff (the start asks once, <see cref="StartupReads.DemoStateAsync"/>).</summary>
    public static async Task SeedEmptyAsync(AuditDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var teams = TeamSeeds.Select((t, i) => new Team(Guid.CreateVersion7(), t.Name, t.Area, t.Manager, t.ServiceManager)).ToList();
        db.Teams.AddRange(teams);

        db.Staff.AddRange(
            new StaffMember(PrincipalSocialWorker, "Ada Winslow", [Role.PrincipalSocialWorker]),
            new StaffMember("sam.rook", "Sam Rook", [Role.ServiceManager]),
            new StaffMember("lena.marsh", "Lena Marsh", [Role.ServiceManager]),
            new StaffMember("ivan.quill", "Ivan Quill", [Role.Auditor]),
            new StaffMember("rhea.bramble", "Rhea Bramble", [Role.Auditor]),
            new StaffMember("omar.fenwick", "Omar Fenwick", [Role.Auditor]),
            new StaffMember("jay.assessor", "Jay", [Role.YoungAssessor]),
            new StaffMember("mo.assessor", "Mo", [Role.YoungAssessor]),
            new StaffMember("alys.penrose", "Alys Penrose", [Role.Practitioner]),
            new StaffMember("greer.tollan", "Greer Tollan", [Role.Practitioner]));
        db.Staff.AddRange(TeamSeeds.Select((t, i) => new StaffMember(t.Manager, t.ManagerName, [Role.TeamManager], teams[i].Id)));

        var number = 100_001;
        for (var i = 0; i < 42; i++)
        {
            var seed = TeamSeeds[i % TeamSeeds.Length];
            var team = teams[i % teams.Count];
            var round = i / TeamSeeds.Length;
            var caseFile = new CaseFile(
                Guid.CreateVersion7(),
                $"CF-{number++}",
                team,
                seed.Stages[round % seed.Stages.Length],
                Workers[i % Workers.Length],
                seed.Ages[round % seed.Ages.Length]);
            if (PractitionerUserNames.TryGetValue(caseFile.AllocatedWorker, out var workerUserName))
            {
                caseFile.LinkWorker(workerUserName);
            }

            if (i % 3 == 0)
            {
                caseFile.PrepareExtract(Extracts[i % Extracts.Length]);
                caseFile.ClearExtract("ivan.quill", clock.GetUtcNow());
            }

            db.CaseFiles.Add(caseFile);
        }

        db.Templates.Add(new Template(
            Guid.CreateVersion7(),
            DudleyTemplateName,
            DudleyPrinciples,
            new Target(Grade.Good, 65),
            [GraderRole.Auditor, GraderRole.YoungAssessor],
            "ada.winslow",
            clock.GetUtcNow()));

        await db.SaveChangesAsync(ct);
    }
}
